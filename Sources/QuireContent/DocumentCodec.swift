public enum DocumentFormat: String, Sendable {
    case yaml, json

    /// `.yaml`, `.yml` or `.json`; nil for anything else.
    public init?(path: String) {
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { self = .yaml }
        else if path.hasSuffix(".json") { self = .json }
        else { return nil }
    }
}

public struct DecodedDocument: Sendable {
    /// The fields, converted by the schema's types and in schema order; nil when the file is
    /// unusable (does not parse, or a field has the wrong type, or a required field is missing).
    public var fields: OrderedObject?
    /// Everything wrong with the file, fatal or not (unknown keys are reported but not fatal).
    public var problems: [Problem]

    public init(fields: OrderedObject?, problems: [Problem]) {
        self.fields = fields
        self.problems = problems
    }
}

/// Reads and writes document files. Scalars are read by the attribute's type, never by YAML's
/// implicit typing (`NO` in a string attribute is "NO"); files are written in schema key order.
public struct DocumentCodec: Sendable {
    public let schema: SiteSchema

    public init(schema: SiteSchema) {
        self.schema = schema
    }

    public func decode(_ bytes: [UInt8], format: DocumentFormat, type: ContentType, path: String) -> DecodedDocument {
        fatalError("unimplemented")
    }

    public func encode(_ fields: OrderedObject, type: ContentType, format: DocumentFormat) -> [UInt8] {
        fatalError("unimplemented")
    }
}
