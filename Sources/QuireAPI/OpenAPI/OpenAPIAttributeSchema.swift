import QuireContent

/// One attribute's JSON Schema on the wire, as answers carry it or as a write body may send it
/// (the stored form in files is `DocumentFileSchema`'s business).
struct AttributeSchema {
    let attribute: Attribute
    let mode: OpenAPISchemas.Mode
    let schema: SiteSchema

    private var isInput: Bool { mode != .output }

    var node: Value {
        // Answers are described, not validated: value rules only on what clients send.
        let rules = isInput ? AttributeKeywords.scalar(attribute) : []
        switch attribute.type {
        case .string, .text, .richtext, .uid:
            return SchemaNode.typed("string", rules)
        case .password:
            return SchemaNode.typed("string", [
                ("format", .string("password")), ("writeOnly", .bool(true)),
                ("description", .string("Stored as a bcrypt hash (the plain text never reaches git); never answered.")),
            ] + rules)
        case .email:
            // An email may be left empty, as Strapi's validator allows (and Quire's does).
            let addressOrEmpty = SchemaNode.object([("anyOf", .array([
                SchemaNode.object([("format", .string("email"))]), SchemaNode.object([("maxLength", SchemaNode.number(0))]),
            ]))])
            return SchemaNode.typed("string", [("allOf", .array([addressOrEmpty]))] + rules)
        case .enumeration(let values):
            return SchemaNode.typed("string", [("enum", SchemaNode.strings(values))])
        case .integer:
            return SchemaNode.typed("integer", rules)
        case .biginteger:
            // Answered as a string: JavaScript numbers lose digits past 2^53.
            let types = isInput ? SchemaNode.strings(["string", "integer"]) : .string("string")
            return SchemaNode.object([("type", types), ("pattern", .string(TextPatterns.bigInteger))])
        case .float, .decimal:
            return SchemaNode.typed("number", rules)
        case .boolean:
            return SchemaNode.typed("boolean")
        case .date:
            return SchemaNode.typed("string", [("format", .string("date"))])
        case .time:
            // Not `format: time`, which demands an offset; Strapi's times are `HH:mm:ss.SSS`.
            return SchemaNode.typed("string", [("pattern", .string(TextPatterns.time)), ("example", .string("14:30:00.000"))])
        case .datetime:
            return SchemaNode.typed("string", [("format", .string("date-time"))])
        case .json:
            return SchemaNode.object([("description", .string("Any JSON value."))])
        case .media:
            return SchemaNode.object([("description", .string("Media, kept as sent (Quire has no upload library)."))])
        case .blocks:
            return SchemaNode.typed("array", [("items", SchemaNode.typed("object"))])
        case .checkboxes, .oembed:
            return ApostropheValues.jsonSchema(attribute.type)
        case .area:
            let widget = SchemaNode.typed("object", [
                ("properties", SchemaNode.object([
                    ("_id", SchemaNode.typed("string")), ("type", SchemaNode.typed("string", [("example", .string(AreaValue.richTextType))])),
                    ("content", SchemaNode.typed("string", [("description", .string("Rich-text HTML, kept to the field's allowed tags, attributes and URL schemes."))])),
                ])),
                ("required", SchemaNode.strings(["type"])),
            ])
            let area = SchemaNode.typed("object", [
                ("properties", SchemaNode.object([("_id", SchemaNode.typed("string")), ("items", SchemaNode.typed("array", [("items", widget)]))])),
            ])
            // Writes also take a bare list of widgets, or a string (one rich-text paragraph).
            guard isInput else { return area }
            return SchemaNode.object([("oneOf", .array([area, SchemaNode.typed("array", [("items", widget)]), SchemaNode.typed("string")]))])
        case .relation(let kind, _, _, _) where kind.isMorph:
            return morph(toMany: kind.isToMany)
        case .relation(let kind, let target, _, _):
            return relation(toMany: kind.isToMany, target: target)
        case .component(let uid, let repeatable):
            let reference = OpenAPINames.schema(OpenAPINames.component(uid) + mode.suffix)
            return repeatable ? SchemaNode.typed("array", [("items", reference)] + AttributeKeywords.items(attribute)) : reference
        case .dynamiczone(let uids):
            return SchemaNode.typed("array", [("items", zoneItem(uids))] + AttributeKeywords.items(attribute))
        }
    }

    /// Written as documentIds (one, a list, or `{connect, disconnect, set}`); answered, when
    /// populated, as the related documents.
    private func relation(toMany: Bool, target: String) -> Value {
        if isInput {
            let targets = toMany
                ? SchemaNode.typed("array", [("items", OpenAPINames.schema("RelationTarget"))])
                : OpenAPINames.schema("RelationTarget")
            return SchemaNode.object([("anyOf", .array([targets, OpenAPINames.schema("RelationOperations")]))])
        }
        let related = schema.contentType(singular: target).map { OpenAPINames.schema(OpenAPINames.type($0)) }
            ?? SchemaNode.typed("object")
        return toMany ? SchemaNode.typed("array", [("items", related)]) : related
    }

    /// Written as `{documentId, __type}` items (one, a list, or `{connect, disconnect, set}`);
    /// answered, when populated, as the related documents with their `__type` first.
    private func morph(toMany: Bool) -> Value {
        let type = SchemaNode.typed("string", [("enum", SchemaNode.strings(schema.contentTypes.keys.sorted().map(MorphLink.uid)))])
        let null = SchemaNode.typed("null")
        guard isInput else {
            let item = SchemaNode.typed("object", [("properties", SchemaNode.object([("__type", type)])), ("required", SchemaNode.strings(["__type"]))])
            return toMany ? SchemaNode.typed("array", [("items", item)]) : SchemaNode.object([("anyOf", .array([item, null]))])
        }
        let item = SchemaNode.typed("object", [
            ("properties", SchemaNode.object([
                ("documentId", SchemaNode.typed("string", [("pattern", .string(TextPatterns.documentId))])), ("__type", type),
                ("position", SchemaNode.typed("object")),
            ])),
            ("required", SchemaNode.strings(["documentId", "__type"])), ("additionalProperties", .bool(false)),
        ])
        let items = SchemaNode.typed("array", [("items", item)])
        let operations = SchemaNode.typed("object", [
            ("properties", SchemaNode.object([("connect", items), ("disconnect", items), ("set", items)])),
            ("description", .string("set replaces the relation; connect and disconnect change it (set cannot be combined with them).")),
        ])
        return SchemaNode.object([("anyOf", .array([item, items, operations, null]))])
    }

    private func zoneItem(_ uids: [String]) -> Value {
        let names = uids.filter { schema.components[$0] != nil }
        let choices = names.map { OpenAPINames.schema(OpenAPINames.zoneEntry($0) + mode.suffix) }
        let mapping = names.map { ($0, Value.string("#/components/schemas/\(OpenAPINames.zoneEntry($0) + mode.suffix)")) }
        return SchemaNode.object([
            ("oneOf", .array(choices)),
            ("discriminator", SchemaNode.object([
                ("propertyName", .string("__component")),
                ("mapping", SchemaNode.object(mapping)),
            ])),
        ])
    }
}
