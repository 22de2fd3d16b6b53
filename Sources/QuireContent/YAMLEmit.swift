import Yams

/// Builds Yams nodes for writing, choosing scalar styles so that any YAML reader, typed by
/// YAML 1.1 (Yams, PyYAML) or the 1.2 core schema, reads back exactly the string written.
struct YAMLEmit {
    // Explicit tags keep Yams from running its regex resolver on every scalar it emits;
    // they are never printed because every scalar is emitted as implicit.
    private let stringTag = Tag(.str)
    private let intTag = Tag(.int)
    private let floatTag = Tag(.float)
    private let boolTag = Tag(.bool)
    private let nullTag = Tag(.null)

    /// A string that reads back as itself: plain when safe, quoted when YAML would type it,
    /// a literal block when it spans lines (libyaml falls back to quotes when a block can't hold it).
    func string(_ text: String) -> Node {
        let style: Node.Scalar.Style
        if text.utf8.contains(UInt8(ascii: "\n")) {
            style = .literal
        } else if Self.isTypedWhenPlain(text) {
            style = .singleQuoted
        } else {
            style = .any
        }
        return .scalar(.init(text, stringTag, style))
    }

    /// Text that should read as a number, date or time in generic YAML tools, written plain
    /// when the text is itself plain-safe (bigintegers, dates, date-times).
    func plainIfSafe(_ text: String) -> Node {
        .scalar(.init(text, stringTag, .any))
    }

    func value(_ value: Value) -> Node {
        switch value {
        case .null: .scalar(.init("null", nullTag, .plain))
        case .bool(let flag): .scalar(.init(flag ? "true" : "false", boolTag, .plain))
        case .int(let number): .scalar(.init(String(number), intTag, .plain))
        case .double(let number): .scalar(.init(Self.text(of: number), floatTag, .plain))
        case .string(let text): string(text)
        case .array(let items): sequence(items.map(self.value))
        case .object(let object): mapping(object.pairs.map { (string($0.0), self.value($0.1)) })
        }
    }

    func sequence(_ items: [Node]) -> Node {
        .sequence(.init(items, Tag(.seq), .block))
    }

    func mapping(_ pairs: [(Node, Node)]) -> Node {
        .mapping(.init(pairs, Tag(.map), .block))
    }

    static func text(of number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        return number.description
    }

    /// Whether a plain scalar with this text would be read as something other than this string
    /// by a YAML 1.1 or 1.2 reader (null, booleans, numbers, timestamps, merge keys).
    static func isTypedWhenPlain(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return true }
        if typedWords.contains(text) { return true }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if case .string = YAMLCoreSchema.typed(text) {} else { return true }
            // YAML 1.1 also has sexagesimal numbers, underscores, `0b` and timestamps.
            return Resolver.default.resolveTag(of: Node.scalar(.init(text))) != .str
        default:
            return false
        }
    }

    /// Plain words typed by YAML 1.1 or 1.2 (booleans including `y`/`n`, nulls, `<<` and `=`).
    private static let typedWords: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
        "null", "Null", "NULL", "~", "<<", "=",
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
    ]

    /// Serialises a document: unicode as is, no line wrapping, block style.
    static func serialize(_ node: Node) throws -> String {
        try Yams.serialize(node: node, width: -1, allowUnicode: true)
    }
}
