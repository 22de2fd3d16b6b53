import QuireContent

/// Every stored media item of a document: its media attributes and those of its components
/// and dynamic-zone items, nested components included (Strapi allows media at any depth), and
/// the image and file widgets of its areas.
enum MediaFieldWalk {
    /// Whether the attributes hold a media attribute, directly or in a component they use.
    static func hasMedia(_ attributes: [Attribute], schema: SiteSchema, seen: Set<String> = []) -> Bool {
        attributes.contains { attribute in
            switch attribute.type {
            case .media, .area: return true
            case .component(let uid, _): return hasMedia(component: uid, schema: schema, seen: seen)
            case .dynamiczone(let uids): return uids.contains { hasMedia(component: $0, schema: schema, seen: seen) }
            default: return false
            }
        }
    }

    private static func hasMedia(component uid: String, schema: SiteSchema, seen: Set<String>) -> Bool {
        guard !seen.contains(uid), let component = schema.components[uid] else { return false }
        return hasMedia(component.attributes, schema: schema, seen: seen.union([uid]))
    }

    /// Calls `body` with each item of every media value (one per file).
    static func visit(_ fields: OrderedObject, attributes: [Attribute], schema: SiteSchema, _ body: (Value) -> Void) {
        for attribute in attributes {
            guard let value = fields[attribute.name], value != .null else { continue }
            switch attribute.type {
            case .media:
                AposImageRelationship.items(value).forEach(body)
            case .area:
                AposMediaWidget.references(inArea: value).forEach(body)
            case .component(let uid, _):
                guard let component = schema.components[uid] else { continue }
                for item in StrapiDocumentWriter.items(value) { visit(item, attributes: component.attributes, schema: schema, body) }
            case .dynamiczone:
                for item in StrapiDocumentWriter.items(value) {
                    guard case .string(let uid)? = item["__component"], let component = schema.components[uid] else { continue }
                    visit(item, attributes: component.attributes, schema: schema, body)
                }
            default:
                continue
            }
        }
    }
}
