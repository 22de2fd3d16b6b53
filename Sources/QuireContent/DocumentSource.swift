import Yams

/// One node of a file being decoded, whichever format it came in: YAML nodes keep their text
/// and line so the schema can type them; JSON values are already typed and have no lines.
enum DocumentSource {
    case yaml(Node)
    case json(Value)

    enum Scalar {
        case yaml(Node.Scalar)
        case json(Value)
    }

    enum Shape {
        case null
        case scalar(Scalar)
        case sequence([DocumentSource])
        case mapping([(key: String, value: DocumentSource)])
    }

    var line: Int {
        switch self {
        case .yaml(let node): YAMLSource.line(of: node)
        case .json: 0
        }
    }

    var shape: Shape {
        switch self {
        case .yaml(let node):
            switch node {
            case .scalar(let scalar): return scalar.isNull ? .null : .scalar(.yaml(scalar))
            case .sequence(let sequence): return .sequence(sequence.map(DocumentSource.yaml))
            case .mapping(let mapping):
                return .mapping(mapping.map { (key: Self.keyText($0.key), value: .yaml($0.value)) })
            case .alias: return .null
            }
        case .json(let value):
            switch value {
            case .null: return .null
            case .array(let items): return .sequence(items.map(DocumentSource.json))
            case .object(let object): return .mapping(object.pairs.map { (key: $0.0, value: .json($0.1)) })
            default: return .scalar(.json(value))
            }
        }
    }

    /// The value with no schema to go by: YAML core-schema typing, JSON as it is.
    func untypedValue() throws(YAMLCoreSchema.Failure) -> Value {
        switch self {
        case .yaml(let node): try YAMLCoreSchema.value(of: node)
        case .json(let value): value
        }
    }

    /// How a wrong value is shown in a problem: its kind, or a scalar's text.
    var summary: String {
        switch shape {
        case .null: return "nothing"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(.yaml(let scalar)): return "'\(Self.clipped(scalar.string))'"
        case .scalar(.json(let value)):
            if case .string(let text) = value { return "'\(Self.clipped(text))'" }
            return String(decoding: JSON.encode(value), as: UTF8.self)
        }
    }

    /// The line of the node a validation path points at, or of the nearest node that exists.
    func line(at path: ArraySlice<String>) -> Int {
        guard let head = path.first else { return line }
        switch shape {
        case .mapping(let pairs):
            guard let pair = pairs.first(where: { $0.key == head }) else { return line }
            return pair.value.line(at: path.dropFirst()).nonZero ?? line
        case .sequence(let items):
            guard let index = Int(head), items.indices.contains(index) else { return line }
            return items[index].line(at: path.dropFirst()).nonZero ?? line
        default:
            return line
        }
    }

    private static func keyText(_ key: Node) -> String {
        if case .scalar(let scalar) = key { return scalar.string }
        return "<complex key>"
    }

    private static func clipped(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}

private extension Int {
    var nonZero: Int? { self == 0 ? nil : self }
}
