import Yams

/// Writes fields in schema order, dropping nulls and keys the schema does not know.
struct DocumentEncoder {
    let schema: SiteSchema
    private let emit = YAMLEmit()

    init(schema: SiteSchema) {
        self.schema = schema
    }

    // MARK: JSON

    /// The fields reordered (recursively, through components and zones) and without nulls.
    func ordered(_ fields: OrderedObject, attributes: [Attribute]) -> OrderedObject {
        var keys: [String] = []
        var values: [Value] = []
        for attribute in attributes {
            guard let value = fields[attribute.name], value != .null else { continue }
            keys.append(attribute.name)
            values.append(ordered(value, type: attribute.type))
        }
        return OrderedObject(uniqueKeys: keys, values: values)
    }

    private func ordered(_ value: Value, type: AttributeType) -> Value {
        switch (type, value) {
        case (.component(let uid, _), .object(let object)):
            guard let component = schema.components[uid] else { return value }
            return .object(ordered(object, attributes: component.attributes))
        case (.component(let uid, true), .array(let items)):
            guard let component = schema.components[uid] else { return value }
            return .array(items.map { item in
                guard case .object(let object) = item else { return item }
                return .object(ordered(object, attributes: component.attributes))
            })
        case (.dynamiczone, .array(let items)):
            return .array(items.map { item in
                guard case .object(let object) = item, case .string(let uid)? = object["__component"],
                      let component = schema.components[uid] else { return item }
                let fields = ordered(object, attributes: component.attributes)
                return .object(OrderedObject(uniqueKeys: ["__component"] + fields.keys, values: [.string(uid)] + fields.values))
            })
        default:
            return value
        }
    }

    // MARK: YAML

    func yaml(_ fields: OrderedObject, attributes: [Attribute]) -> Node {
        emit.mapping(yamlPairs(fields, attributes: attributes))
    }

    private func yamlPairs(_ fields: OrderedObject, attributes: [Attribute]) -> [(Node, Node)] {
        var pairs: [(Node, Node)] = []
        pairs.reserveCapacity(attributes.count)
        for attribute in attributes {
            guard let value = fields[attribute.name], value != .null else { continue }
            pairs.append((emit.string(attribute.name), yaml(value, type: attribute.type)))
        }
        return pairs
    }

    private func yaml(_ value: Value, type: AttributeType) -> Node {
        switch (type, value) {
        case (.biginteger, .string(let text)) where NumberText.isInteger(text):
            return emit.plainIfSafe(text)
        case (.date, .string(let text)) where TemporalText.canonicalDate(text) == text,
             (.datetime, .string(let text)) where TemporalText.canonicalDateTime(text) == text:
            // Typed as timestamps by generic YAML readers, which is what they are.
            return emit.plainIfSafe(text)
        case (.component(let uid, _), .object(let object)):
            guard let component = schema.components[uid] else { return emit.value(value) }
            return yaml(object, attributes: component.attributes)
        case (.component(let uid, true), .array(let items)):
            guard let component = schema.components[uid] else { return emit.value(value) }
            return emit.sequence(items.map { item in
                guard case .object(let object) = item else { return emit.value(item) }
                return yaml(object, attributes: component.attributes)
            })
        case (.dynamiczone, .array(let items)):
            return emit.sequence(items.map { item in
                guard case .object(let object) = item, case .string(let uid)? = object["__component"],
                      let component = schema.components[uid] else { return emit.value(item) }
                let tag = (emit.string("__component"), emit.string(uid))
                return emit.mapping([tag] + yamlPairs(object, attributes: component.attributes))
            })
        default:
            return emit.value(value)
        }
    }
}
