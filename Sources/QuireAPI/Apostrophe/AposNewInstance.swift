import QuireContent

/// `POST /api/v1/:type` with `_newInstance: true`: Apostrophe's unsaved template of a new
/// document (the schema's defaults, overlaid with the body, plus `_previewable`, without `_id`
/// or `_url`). Nothing is written: an editor asks for it before the user has typed anything.
enum AposNewInstance {
    static func template(for type: ContentType, body: OrderedObject) -> OrderedObject {
        let map = AposTypeMap(type)
        let name = AposGlobal.isGlobal(type) ? AposGlobal.apostropheName : type.singularName
        var object: OrderedObject = ["type": .string(name), "metaType": .string("doc")]
        object["title"] = .string("")
        object["slug"] = .string("")
        object["visibility"] = .string("public")
        object["archived"] = .bool(false)
        for attribute in type.attributes where !attribute.isPrivate && attribute.type != .password {
            if attribute.isRelation {
                object["\(attribute.name)Ids"] = .array([])
                object["_\(attribute.name)"] = .array([])
                continue
            }
            let value = attribute.defaultValue ?? empty(attribute)
            object[attribute.name] = value
            if attribute.name == map.titleField { object["title"] = value }
            if attribute.name == map.slugField { object["slug"] = value }
        }
        for (name, value) in body.pairs where name != "_newInstance" {
            object[name] = value
        }
        object["_previewable"] = .bool(false)
        return object
    }

    /// What Apostrophe's `newInstance` puts in a field without a `def`.
    private static func empty(_ attribute: Attribute) -> Value {
        switch attribute.type {
        case .string, .text, .richtext, .email, .uid: .string("")
        case .boolean: .bool(false)
        case .area: .object(["metaType": .string("area"), "items": .array([])])
        case .component(_, true), .dynamiczone, .blocks: .array([])
        default: .null
        }
    }
}
