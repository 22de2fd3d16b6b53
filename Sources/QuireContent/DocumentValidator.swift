/// One failed rule, with the path of the offending value (`["seo", "metaTitle"]`, `["sections", "0", "title"]`).
public struct ValidationIssue: Sendable, Equatable {
    public var path: [String]
    public var message: String

    public init(path: [String], message: String) {
        self.path = path
        self.message = message
    }
}

public enum DataError: Error, Sendable, Equatable {
    /// A key that is not an attribute (or is `id`/`documentId`): Strapi's `Invalid key <name>`.
    case invalidKey(String)
    /// Values that break the schema's rules, with Strapi's (yup's) messages.
    case invalid([ValidationIssue])
}

/// Checks API payloads and whole documents against the schema.
public struct DocumentValidator: Sendable {
    public let schema: SiteSchema

    public init(schema: SiteSchema) {
        self.schema = schema
    }

    /// Converts a `data` payload to stored form by attribute type (numeric strings to numbers,
    /// "true"/"1" to booleans, dates and times to canonical text, …), component and dynamic-zone
    /// items included. Password values are kept as given (the API hashes them first, see `PasswordValues`). Relation values are passed through
    /// untouched (the caller resolves shorthand and connect/disconnect/set). Throws
    /// `DataError.invalidKey` for unknown keys and `DataError.invalid` for type errors.
    /// `null` values stay (they clear a field in a partial update); keys come out in schema order.
    public func normalize(_ data: OrderedObject, for type: ContentType) throws -> OrderedObject {
        var normalizer = PayloadNormalizer(schema: schema)
        let result = try normalizer.object(data, attributes: type.attributes, path: [], isRoot: true)
        guard normalizer.issues.isEmpty else { throw DataError.invalid(normalizer.issues) }
        return result
    }

    /// Whole-document rules: required, min/max, minLength/maxLength, regex, email, enum, component
    /// and dynamic-zone structure. Uniqueness and relation targets are the caller's to check.
    public func validate(_ fields: OrderedObject, for type: ContentType) -> [ValidationIssue] {
        validate(fields, for: type, isDraft: false)
    }

    /// As `validate(_:for:)`; for a draft, Strapi 5 skips `required`, `minLength` and the
    /// minimum item count of repeatable components and dynamic zones (they apply on publish).
    public func validate(_ fields: OrderedObject, for type: ContentType, isDraft: Bool) -> [ValidationIssue] {
        var rules = RuleChecker(schema: schema, isDraft: isDraft)
        rules.check(fields, attributes: type.attributes, path: [])
        return rules.issues
    }
}

/// Yup's names for a validation path: `seo.metaTitle`, `sections[0].title`.
enum IssueLabel {
    static func label(_ path: [String]) -> String {
        var text = ""
        for component in path {
            if !component.isEmpty, component.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                text += "[\(component)]"
            } else {
                text += text.isEmpty ? component : ".\(component)"
            }
        }
        return text
    }
}

/// The rules of `validate`, walking components and dynamic zones.
private struct RuleChecker {
    let schema: SiteSchema
    let isDraft: Bool
    var issues: [ValidationIssue] = []

    mutating func fail(_ path: [String], _ message: String) {
        issues.append(ValidationIssue(path: path, message: "\(IssueLabel.label(path)) \(message)"))
    }

    mutating func check(_ fields: OrderedObject, attributes: [Attribute], path: [String]) {
        for attribute in attributes {
            let fieldPath = path + [attribute.name]
            guard let value = fields[attribute.name], value != .null else {
                if attribute.required && !isDraft { fail(fieldPath, "must be defined.") }
                continue
            }
            check(value, attribute: attribute, path: fieldPath)
        }
    }

    private mutating func check(_ value: Value, attribute: Attribute, path: [String]) {
        switch (attribute.type, value) {
        case (_, .string(let text)):
            checkText(text, attribute: attribute, path: path)
        case (.integer, .int), (.float, _), (.decimal, _):
            if let number = Self.number(value) { checkRange(number, attribute: attribute, path: path) }
        case (.component(let uid, false), .object(let object)):
            if let component = schema.components[uid] { check(object, attributes: component.attributes, path: path) }
        case (.component(let uid, true), .array(let items)):
            checkCount(items.count, attribute: attribute, path: path)
            guard let component = schema.components[uid] else { return }
            for (index, item) in items.enumerated() {
                if case .object(let object) = item {
                    check(object, attributes: component.attributes, path: path + [String(index)])
                }
            }
        case (.dynamiczone, .array(let items)):
            checkCount(items.count, attribute: attribute, path: path)
            for (index, item) in items.enumerated() {
                guard case .object(let object) = item, case .string(let uid)? = object["__component"],
                      let component = schema.components[uid] else { continue }
                check(object, attributes: component.attributes, path: path + [String(index)])
            }
        default:
            break
        }
    }

    private mutating func checkText(_ text: String, attribute: Attribute, path: [String]) {
        if case .biginteger = attribute.type {
            if let number = Double(text) { checkRange(number, attribute: attribute, path: path) }
            return
        }
        // A stored password is a bcrypt hash: its plain text met the length rules before hashing.
        if attribute.type == .password, PasswordValues.isHash(text) { return }
        // Lengths count UTF-16 code units, as JavaScript's `length` does.
        let length = text.utf16.count
        if let minimum = attribute.minLength, !isDraft, length < minimum {
            fail(path, "must be at least \(minimum) characters")
        }
        if let maximum = attribute.maxLength, length > maximum {
            fail(path, "must be at most \(maximum) characters")
        }
        switch attribute.type {
        case .email:
            if !text.isEmpty, !EmailAddress.isValid(text) { fail(path, "must be a valid email") }
        case .uid:
            if !UIDText.isValid(text) { fail(path, "must match the following: \"/\(UIDText.pattern)/\"") }
        case .enumeration(let values):
            if !values.contains(text) { fail(path, "must be one of the following values: \(values.joined(separator: ", "))") }
        default:
            break
        }
        // Like Strapi, an empty optional string is not held to the pattern.
        if let pattern = attribute.regex, attribute.type != .password, !text.isEmpty || attribute.required,
           let matches = PatternCache.shared.matches(pattern, text), !matches {
            fail(path, "must match the following: \"/\(pattern)/\"")
        }
    }

    private mutating func checkRange(_ number: Double, attribute: Attribute, path: [String]) {
        if let minimum = attribute.min, number < minimum {
            fail(path, "must be greater than or equal to \(NumberText.display(minimum))")
        }
        if let maximum = attribute.max, number > maximum {
            fail(path, "must be less than or equal to \(NumberText.display(maximum))")
        }
    }

    private mutating func checkCount(_ count: Int, attribute: Attribute, path: [String]) {
        if let minimum = attribute.minItems, !isDraft, count < minimum {
            fail(path, "field must have at least \(minimum) items")
        }
        if let maximum = attribute.maxItems, count > maximum {
            fail(path, "field must have less than or equal to \(maximum) items")
        }
    }

    private static func number(_ value: Value) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }
}
