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
        decode(bytes, format: format, type: type, path: path, isDraft: false)
    }

    /// As `decode(_:format:type:path:)`; a draft (of a type with draft and publish) is held to
    /// Strapi's draft rules: required fields, minLength and minimum item counts are not enforced.
    public func decode(_ bytes: [UInt8], format: DocumentFormat, type: ContentType, path: String,
                       isDraft: Bool) -> DecodedDocument {
        let source: DocumentSource
        switch format {
        case .yaml:
            do {
                // An empty file is a document with no fields, as `{}` would be.
                guard let root = try YAMLSource.compose(bytes) else {
                    return validated(OrderedObject(), source: nil, type: type, path: path, isDraft: isDraft, problems: [])
                }
                source = .yaml(root)
            } catch {
                return DecodedDocument(fields: nil, problems: [Problem(path: path, line: error.line, message: error.message)])
            }
        case .json:
            do {
                source = .json(try JSON.parse(bytes))
            } catch let error as JSONError {
                let line = JSON.line(ofOffset: error.offset, in: bytes)
                return DecodedDocument(fields: nil, problems: [Problem(path: path, line: line, message: "JSON syntax error: \(error.reason)")])
            } catch {
                return DecodedDocument(fields: nil, problems: [Problem(path: path, line: 0, message: "\(error)")])
            }
        }
        var decoder = DocumentDecoder(schema: schema, path: path)
        let fields = decoder.fields(of: source, attributes: type.attributes, prefix: "")
        guard !decoder.isFatal else {
            // Unusable already, but every problem of the file is reported in one run: the rules
            // are checked on the fields that did read (a field of the wrong type is not also
            // reported as missing).
            let rules = ruleProblems(fields, source: source, type: type, path: path, isDraft: isDraft)
                .filter { !decoder.brokenLabels.contains($0.label) }
            return DecodedDocument(fields: nil, problems: decoder.problems + rules.map(\.problem))
        }
        return validated(fields, source: source, type: type, path: path, isDraft: isDraft, problems: decoder.problems)
    }

    /// Schema rules (lengths, ranges, required, …) make a file unusable too: it is not served.
    private func validated(_ fields: OrderedObject, source: DocumentSource?, type: ContentType, path: String,
                           isDraft: Bool, problems: [Problem]) -> DecodedDocument {
        let rules = ruleProblems(fields, source: source, type: type, path: path, isDraft: isDraft)
        guard !rules.isEmpty else { return DecodedDocument(fields: fields, problems: problems) }
        return DecodedDocument(fields: nil, problems: problems + rules.map(\.problem))
    }

    private func ruleProblems(_ fields: OrderedObject, source: DocumentSource?, type: ContentType, path: String,
                              isDraft: Bool) -> [(label: String, problem: Problem)] {
        DocumentValidator(schema: schema).validate(fields, for: type, isDraft: isDraft).map { issue in
            (IssueLabel.label(issue.path), Problem(path: path, line: source?.line(at: issue.path[...]) ?? 0, message: issue.message))
        }
    }

    /// The file bytes for `fields`: the schema's attributes in schema order, nulls left out,
    /// YAML quoted only where needed, JSON pretty-printed; both end with a newline.
    public func encode(_ fields: OrderedObject, type: ContentType, format: DocumentFormat) -> [UInt8] {
        let encoder = DocumentEncoder(schema: schema)
        switch format {
        case .json:
            var bytes = JSON.encodePretty(.object(encoder.ordered(fields, attributes: type.attributes)))
            bytes.append(UInt8(ascii: "\n"))
            return bytes
        case .yaml:
            do {
                return Array(try YAMLEmit.serialize(encoder.yaml(fields, attributes: type.attributes)).utf8)
            } catch {
                // libyaml refuses nothing we build; should it ever, JSON is valid YAML too.
                return encode(fields, type: type, format: .json)
            }
        }
    }
}
