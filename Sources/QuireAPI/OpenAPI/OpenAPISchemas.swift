import QuireContent

/// The schemas of each content type and component, in the shapes the API reads and writes:
/// documents as Strapi 5 renders them, inputs as `data` of a write body.
struct OpenAPISchemas {
    /// What a schema describes: an answer, or a write body (`required` only when creating).
    enum Mode: Equatable {
        case output
        case input(create: Bool)

        var suffix: String { self == .output ? "" : "Input" }
    }

    let schema: SiteSchema

    func all() -> [(String, Value)] {
        var schemas: [(String, Value)] = []
        for type in schema.contentTypes.values.sorted(by: { $0.singularName < $1.singularName }) {
            schemas += typeSchemas(type)
        }
        let zoned = zoneComponents()
        for uid in schema.components.keys.sorted() {
            guard let component = schema.components[uid] else { continue }
            for mode in [Mode.output, .input(create: false)] {
                schemas.append((OpenAPINames.component(uid) + mode.suffix, object(component.attributes, mode: mode, componentId: true)))
            }
            // A zone entry is the component plus its `__component` name, which picks the shape.
            guard zoned.contains(uid) else { continue }
            for mode in [Mode.output, .input(create: false)] {
                let tag = SchemaNode.typed("object", [
                    ("properties", SchemaNode.object([("__component", SchemaNode.typed("string", [("const", .string(uid))]))])),
                    ("required", SchemaNode.strings(["__component"])),
                ])
                let entry = SchemaNode.object([("allOf", .array([OpenAPINames.schema(OpenAPINames.component(uid) + mode.suffix), tag]))])
                schemas.append((OpenAPINames.zoneEntry(uid) + mode.suffix, entry))
            }
        }
        return schemas
    }

    /// Components some dynamic zone allows (components may hold zones too, in principle).
    private func zoneComponents() -> Set<String> {
        let attributes = schema.contentTypes.values.flatMap(\.attributes) + schema.components.values.flatMap(\.attributes)
        var uids: Set<String> = []
        for attribute in attributes {
            if case .dynamiczone(let allowed) = attribute.type { uids.formUnion(allowed) }
        }
        return uids
    }

    private func typeSchemas(_ type: ContentType) -> [(String, Value)] {
        let name = OpenAPINames.type(type)
        var document = [
            ("id", SchemaNode.typed("integer")),
            ("documentId", SchemaNode.typed("string")),
        ]
        document += properties(type.attributes, mode: .output)
        document += [
            ("createdAt", SchemaNode.typed("string", [("format", .string("date-time"))])),
            ("updatedAt", SchemaNode.typed("string", [("format", .string("date-time"))])),
            ("publishedAt", SchemaNode.nullable(SchemaNode.typed("string", [("format", .string("date-time"))]))),
            ("locale", SchemaNode.nullable(SchemaNode.typed("string"))),
        ]
        // Only the ids are sure to be there: `fields` and `populate` choose the rest.
        var schemas: [(String, Value)] = [
            (name, SchemaNode.typed("object", [
                ("properties", SchemaNode.object(document)),
                ("required", SchemaNode.strings(["id", "documentId"])),
            ])),
        ]
        let isCollection = type.kind == .collectionType
        schemas.append((name + "Input", input(type, create: isCollection)))
        schemas.append((name + "Request", envelope(data: OpenAPINames.schema(name + "Input"))))
        if isCollection {
            schemas.append((name + "UpdateInput", input(type, create: false)))
            schemas.append((name + "UpdateRequest", envelope(data: OpenAPINames.schema(name + "UpdateInput"))))
        }
        schemas.append((name + "Response", envelope(data: OpenAPINames.schema(name), meta: SchemaNode.typed("object"))))
        if isCollection {
            let meta = SchemaNode.typed("object", [("properties", SchemaNode.object([("pagination", OpenAPINames.schema("Pagination"))]))])
            let list = SchemaNode.typed("array", [("items", OpenAPINames.schema(name))])
            schemas.append((name + "ListResponse", envelope(data: list, meta: meta)))
        }
        return schemas
    }

    private func input(_ type: ContentType, create: Bool) -> Value {
        let note = create
            ? "Required fields may be left out of a draft (status=draft); they are checked on publish."
            : "A partial update: fields left out keep their value, null clears one."
        return object(type.attributes, mode: .input(create: create), componentId: false, description: note)
    }

    private func envelope(data: Value, meta: Value? = nil) -> Value {
        var properties: [(String, Value)] = [("data", data)]
        if let meta { properties.append(("meta", meta)) }
        return SchemaNode.typed("object", [
            ("properties", SchemaNode.object(properties)),
            ("required", SchemaNode.strings(properties.map(\.0))),
        ])
    }

    private func object(_ attributes: [Attribute], mode: Mode, componentId: Bool, description: String? = nil) -> Value {
        let id: [(String, Value)] = componentId ? [("id", SchemaNode.typed("integer"))] : []
        var pairs: [(String, Value)] = description.map { [("description", .string($0))] } ?? []
        pairs.append(("properties", SchemaNode.object(id + properties(attributes, mode: mode))))
        if mode == .input(create: true) {
            let required = attributes.filter(\.required).map(\.name)
            if !required.isEmpty { pairs.append(("required", SchemaNode.strings(required))) }
        }
        return SchemaNode.typed("object", pairs)
    }

    private func properties(_ attributes: [Attribute], mode: Mode) -> [(String, Value)] {
        attributes.compactMap { attribute in
            if mode == .output, attribute.isPrivate || attribute.type == .password { return nil }
            let node = AttributeSchema(attribute: attribute, mode: mode, schema: schema).node
            let required = mode == .input(create: true) && attribute.required
            return (attribute.name, required ? node : SchemaNode.nullable(node))
        }
    }
}
