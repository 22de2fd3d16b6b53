/// `DocumentValidator.normalize`: an API payload to stored form, with Strapi's (yup's) errors.
/// An unknown key anywhere throws at once (Strapi rejects keys before it validates values);
/// type errors are collected.
struct PayloadNormalizer {
    let schema: SiteSchema
    private(set) var issues: [ValidationIssue] = []

    init(schema: SiteSchema) {
        self.schema = schema
    }

    /// Keys Strapi fills in itself and silently drops from a body.
    private static let systemKeys: Set<String> = ["createdAt", "updatedAt", "publishedAt", "locale", "createdBy", "updatedBy"]

    mutating func object(_ data: OrderedObject, attributes: [Attribute], path: [String], isRoot: Bool,
                         zoneComponent: String? = nil) throws(DataError) -> OrderedObject {
        // Keys first, so an unknown key is reported whatever the values hold.
        for key in data.keys where !attributes.contains(where: { $0.name == key }) {
            if isRoot, Self.systemKeys.contains(key) { continue }
            // Components have no identity of their own here: an `id` read back from the API is
            // ignored, and a zone item's `__component` is handled by the zone.
            if !isRoot, key == "id" || (key == "__component" && zoneComponent != nil) { continue }
            throw .invalidKey(key)
        }
        // Then values in schema order, so issues come in the order the type declares its fields.
        var slots = [Value?](repeating: nil, count: attributes.count)
        for (index, attribute) in attributes.enumerated() {
            guard let value = data[attribute.name] else { continue }
            slots[index] = try normalize(value, attribute: attribute, path: path + [attribute.name])
        }
        var keys: [String] = []
        var values: [Value] = []
        if let zoneComponent {
            keys.append("__component")
            values.append(.string(zoneComponent))
        }
        for (index, slot) in slots.enumerated() {
            guard let slot else { continue }
            keys.append(attributes[index].name)
            values.append(slot)
        }
        return OrderedObject(uniqueKeys: keys, values: values)
    }

    private mutating func normalize(_ value: Value, attribute: Attribute, path: [String]) throws(DataError) -> Value {
        if value == .null { return .null }
        switch attribute.type {
        case .relation, .media, .json:
            return value
        case .checkboxes, .oembed:
            return ApostropheValues.checked(value, as: attribute.type) ?? typeError(value, attribute.type.name, path)
        case .blocks:
            guard case .array = value else { return typeError(value, "array", path) }
            return value
        case .area(let policy):
            return AreaValue.normalize(value, policy: policy) ?? typeError(value, "area", path)
        case .component(let uid, let repeatable):
            guard let component = schema.components[uid] else { return value }
            if !repeatable { return try componentObject(value, component: component, path: path) }
            guard case .array(let items) = value else { return typeError(value, "array", path) }
            var result: [Value] = []
            for (index, item) in items.enumerated() {
                result.append(try componentObject(item, component: component, path: path + [String(index)]))
            }
            return .array(result)
        case .dynamiczone(let allowed):
            guard case .array(let items) = value else { return typeError(value, "array", path) }
            var result: [Value] = []
            for (index, item) in items.enumerated() {
                if let normalized = try zoneItem(item, allowed: allowed, path: path + [String(index)]) {
                    result.append(normalized)
                }
            }
            return .array(result)
        default:
            return scalar(value, type: attribute.type, path: path)
        }
    }

    private mutating func componentObject(_ value: Value, component: Component, path: [String]) throws(DataError) -> Value {
        guard case .object(let object) = value else { return typeError(value, "object", path) }
        return .object(try self.object(object, attributes: component.attributes, path: path, isRoot: false))
    }

    private mutating func zoneItem(_ item: Value, allowed: [String], path: [String]) throws(DataError) -> Value? {
        guard case .object(let object) = item else { return typeError(item, "object", path) }
        let label = IssueLabel.label(path + ["__component"])
        guard case .string(let uid)? = object["__component"] else {
            issues.append(ValidationIssue(path: path + ["__component"], message: "\(label) is a required field"))
            return nil
        }
        guard allowed.contains(uid), let component = schema.components[uid] else {
            let message = "\(label) must be one of the following values: \(allowed.joined(separator: ", "))"
            issues.append(ValidationIssue(path: path + ["__component"], message: message))
            return nil
        }
        return .object(try self.object(object, attributes: component.attributes, path: path, isRoot: false,
                                       zoneComponent: uid))
    }

    private mutating func scalar(_ value: Value, type: AttributeType, path: [String]) -> Value {
        switch type {
        case .string, .text, .richtext, .email, .password, .uid, .enumeration:
            guard case .string = value else { return typeError(value, "string", path) }
            return value
        case .integer:
            switch value {
            case .int: return value
            case .double(let number):
                if let integer = NumberText.exactInteger(number) { return .int(integer) }
                return integerError(value, path)
            case .string(let text):
                let trimmed = text.trimmingWhitespace
                if let integer = NumberText.integer(trimmed) { return .int(integer) }
                if NumberText.double(trimmed) != nil { return integerError(value, path) }
                return typeError(value, "number", path)
            default:
                return typeError(value, "number", path)
            }
        case .float, .decimal:
            switch value {
            case .int(let number): return .double(Double(number))
            case .double: return value
            case .string(let text):
                if let number = NumberText.double(text.trimmingWhitespace) { return .double(number) }
                return typeError(value, "number", path)
            default:
                return typeError(value, "number", path)
            }
        case .biginteger:
            switch value {
            case .int(let number): return .string(String(number))
            case .double(let number):
                if let integer = NumberText.exactInteger(number) { return .string(String(integer)) }
            case .string(let text):
                if let digits = NumberText.canonicalBigInteger(text.trimmingWhitespace) { return .string(digits) }
            default:
                break
            }
            return typeError(value, "number", path)
        case .boolean:
            switch value {
            case .bool: return value
            case .int(1): return .bool(true)
            case .int(0): return .bool(false)
            case .string(let text):
                switch text.lowercased() {
                case "true", "1", "t": return .bool(true)
                case "false", "0", "f": return .bool(false)
                default: break
                }
            default:
                break
            }
            return typeError(value, "boolean", path)
        case .date:
            if case .string(let text) = value, let date = TemporalText.canonicalDate(text) { return .string(date) }
            return typeError(value, "date", path)
        case .time:
            if case .string(let text) = value, let time = TemporalText.canonicalTime(text) { return .string(time) }
            return typeError(value, "time", path)
        case .datetime:
            switch value {
            case .string(let text):
                if let dateTime = TemporalText.canonicalDateTime(text) { return .string(dateTime) }
            case .int(let milliseconds) where TemporalText.timestampRange.contains(milliseconds):
                // Strapi also takes a timestamp in milliseconds.
                return .string(TemporalText.formatDateTime(milliseconds: milliseconds))
            default:
                break
            }
            return typeError(value, "date", path)
        default:
            return value
        }
    }

    private mutating func typeError(_ value: Value, _ typeName: String, _ path: [String]) -> Value {
        let message = "\(IssueLabel.label(path)) must be a `\(typeName)` type, but the final value was: `\(Self.printed(value))`."
        issues.append(ValidationIssue(path: path, message: message))
        return value
    }

    private mutating func integerError(_ value: Value, _ path: [String]) -> Value {
        issues.append(ValidationIssue(path: path, message: "\(IssueLabel.label(path)) must be an integer"))
        return value
    }

    /// Yup's `printValue`: strings in double quotes, numbers as JavaScript prints them.
    static func printed(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): number.isFinite ? NumberText.display(number) : (number.isNaN ? "NaN" : (number < 0 ? "-Infinity" : "Infinity"))
        case .string(let text): "\"\(text)\""
        case .array, .object: String(decoding: JSON.encodePretty(value), as: UTF8.self)
        }
    }
}

private extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
