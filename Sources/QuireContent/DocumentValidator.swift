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
    /// items included. Password values are kept as given. Relation values are passed through
    /// untouched (the caller resolves shorthand and connect/disconnect/set). Throws
    /// `DataError.invalidKey` for unknown keys and `DataError.invalid` for type errors.
    public func normalize(_ data: OrderedObject, for type: ContentType) throws -> OrderedObject {
        fatalError("unimplemented")
    }

    /// Whole-document rules: required, min/max, minLength/maxLength, regex, email, enum, component
    /// and dynamic-zone structure. Uniqueness and relation targets are the caller's to check.
    public func validate(_ fields: OrderedObject, for type: ContentType) -> [ValidationIssue] {
        fatalError("unimplemented")
    }
}
