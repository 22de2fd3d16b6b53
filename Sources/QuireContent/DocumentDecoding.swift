/// Turns a parsed file into fields in schema order, typed by the schema, collecting problems.
/// Wrong types make the document unusable; unknown keys are reported and dropped.
struct DocumentDecoder {
    let schema: SiteSchema
    let path: String
    private(set) var problems: [Problem] = []
    private(set) var isFatal = false
    /// Fields that failed to read (`title`, `seo.metaTitle`, `sections[0].title`): the rules are
    /// not checked on them, so a wrong type is not reported a second time as "must be defined".
    private(set) var brokenLabels: Set<String> = []

    init(schema: SiteSchema, path: String) {
        self.schema = schema
        self.path = path
    }

    private var fatalCount = 0

    mutating func report(line: Int, _ message: String, fatal: Bool = true) {
        problems.append(Problem(path: path, line: line, message: message))
        if fatal {
            isFatal = true
            fatalCount += 1
        }
    }

    /// The fields of a mapping by `attributes`; `prefix` names the mapping in messages (`seo.`).
    mutating func fields(of source: DocumentSource, attributes: [Attribute], prefix: String,
                         allowing extraKey: String? = nil) -> OrderedObject {
        guard case .mapping(let pairs) = source.shape else {
            report(line: source.line, prefix.isEmpty ? "the document must be a mapping of fields"
                   : "'\(prefix.dropLast())' must be a mapping, found \(source.summary)")
            return OrderedObject()
        }
        // Slots in schema order, so the result needs no sorting and no per-key lookups.
        var slots = [Value?](repeating: nil, count: attributes.count)
        for (key, value) in pairs {
            guard let index = attributes.firstIndex(where: { $0.name == key }) else {
                if key != extraKey {
                    report(line: value.line, "unknown field '\(prefix)\(key)'", fatal: false)
                }
                continue
            }
            let fatalBefore = fatalCount
            slots[index] = decodeValue(value, attribute: attributes[index], label: prefix + key)
            if fatalCount > fatalBefore { brokenLabels.insert(prefix + key) }
        }
        var keys: [String] = []
        var values: [Value] = []
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for (index, slot) in slots.enumerated() {
            guard let slot else { continue }
            keys.append(attributes[index].name)
            values.append(slot)
        }
        return OrderedObject(uniqueKeys: keys, values: values)
    }

    /// One field's value; nil when absent (null) or wrong (a problem is reported).
    mutating func decodeValue(_ source: DocumentSource, attribute: Attribute, label: String) -> Value? {
        let shape = source.shape
        if case .null = shape { return nil }
        switch attribute.type {
        case .json, .media:
            // A tagged empty value (`cover: !x`) types as null: absent, as an untagged one is, or
            // the field would hold a null that writing drops (found by fuzz-document).
            let value = untyped(source, label: label)
            if case .null? = value { return nil }
            return value
        case .area(let policy):
            guard case .mapping = shape, let value = untyped(source, label: label) else { return mismatch(source, attribute.type, label) }
            return AreaValue.sanitizeStored(value, policy: policy) ?? mismatch(source, attribute.type, label)
        case .blocks:
            guard case .sequence = shape else { return mismatch(source, attribute.type, label) }
            return untyped(source, label: label)
        case .relation(let kind, _, _, _) where kind.isMorph:
            return morphValue(source, toMany: kind.isToMany, label: label)
        case .checkboxes, .oembed:
            guard let value = untyped(source, label: label) else { return nil }
            return ApostropheValues.checked(value, as: attribute.type) ?? mismatch(source, attribute.type, label)
        case .relation(let kind, _, _, _) where kind.isToMany:
            guard case .sequence(let items) = shape else { return mismatch(source, attribute.type, label) }
            var ids: [Value] = []
            for (index, item) in items.enumerated() {
                guard case .scalar(let scalar) = item.shape,
                      case .success(let id) = FieldScalarDecoding.decode(scalar, as: .string) else {
                    report(line: item.line, "'\(label)[\(index)]' must be a documentId, found \(item.summary)")
                    continue
                }
                ids.append(id)
            }
            return .array(ids)
        case .component(let uid, let repeatable):
            guard let component = schema.components[uid] else { return nil }
            if !repeatable { return .object(fields(of: source, attributes: component.attributes, prefix: label + ".")) }
            guard case .sequence(let items) = shape else { return mismatch(source, attribute.type, label) }
            return .array(items.enumerated().map { index, item in
                .object(fields(of: item, attributes: component.attributes, prefix: "\(label)[\(index)]."))
            })
        case .dynamiczone(let allowed):
            guard case .sequence(let items) = shape else { return mismatch(source, attribute.type, label) }
            return .array(items.enumerated().compactMap { index, item in
                zoneItem(item, allowed: allowed, label: "\(label)[\(index)]")
            })
        default:
            guard case .scalar(let scalar) = shape else { return mismatch(source, attribute.type, label) }
            switch FieldScalarDecoding.decode(scalar, as: attribute.type) {
            case .success(let value):
                if attribute.type == .password, PasswordValues.needsHash(value) != nil {
                    // Still served (the API never shows it), but it must not stay in git in clear.
                    report(line: source.line, "'\(label)' holds a password in plain text: store its bcrypt hash "
                           + "(write it through the API, which hashes it)", fatal: false)
                }
                return value
            case .failure: return mismatch(source, attribute.type, label)
            }
        }
    }

    private mutating func zoneItem(_ item: DocumentSource, allowed: [String], label: String) -> Value? {
        guard case .mapping(let pairs) = item.shape else {
            report(line: item.line, "'\(label)' must be a mapping with __component, found \(item.summary)")
            return nil
        }
        guard let named = pairs.first(where: { $0.key == "__component" }),
              case .scalar(let scalar) = named.value.shape,
              case .success(.string(let uid)) = FieldScalarDecoding.decode(scalar, as: .string) else {
            report(line: item.line, "'\(label).__component' is required")
            return nil
        }
        guard allowed.contains(uid), let component = schema.components[uid] else {
            let choices = allowed.joined(separator: ", ")
            report(line: named.value.line, "'\(label).__component' must be one of: \(choices); found '\(uid)'")
            return nil
        }
        let fields = fields(of: item, attributes: component.attributes, prefix: label + ".", allowing: "__component")
        return .object(OrderedObject(uniqueKeys: ["__component"] + fields.keys, values: [.string(uid)] + fields.values))
    }

    private mutating func untyped(_ source: DocumentSource, label: String) -> Value? {
        do {
            return try source.untypedValue()
        } catch {
            report(line: error.line, "'\(label)': \(error.message)")
            return nil
        }
    }

    private mutating func mismatch(_ source: DocumentSource, _ type: AttributeType, _ label: String) -> Value? {
        let expected = FieldScalarDecoding.expectation(for: type).description
        report(line: source.line, "'\(label)' must be \(expected), found \(source.summary)")
        return nil
    }
}
