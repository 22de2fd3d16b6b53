import Foundation
import Yams

/// Reading YAML without Yams' implicit typing: scalars keep the text and style they were
/// written with, and the schema (or the core schema, for free-form values) decides their type.
enum YAMLSource {
    struct ParseFailure: Error {
        var line: Int
        var message: String
    }

    /// Composes one document. The block YAML Quire writes is read by `YAMLFastReader` (several
    /// times faster: the first load of a site is mostly this); anything else goes to Yams.
    static func compose(_ bytes: [UInt8]) throws(ParseFailure) -> Node? {
        if usesFastReader, let node = YAMLFastReader.compose(bytes) { return node }
        return try composeWithYams(bytes)
    }

    /// `QUIRE_YAML_READER=yams` reads every file with Yams alone: to measure the difference,
    /// or to rule the fast reader out when a file seems misread.
    static let usesFastReader = ProcessInfo.processInfo.environment["QUIRE_YAML_READER"] != "yams"

    /// The rule-less resolver means no scalar is typed behind our back and mapping keys hash
    /// cheaply in Yams' duplicate-key check. An empty file gives nil.
    static func composeWithYams(_ bytes: [UInt8]) throws(ParseFailure) -> Node? {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ParseFailure(line: 0, message: "the file is not valid UTF-8")
        }
        do {
            return try Yams.compose(yaml: text, Resolver.basic)
        } catch let error as YamlError {
            throw failure(from: error)
        } catch {
            throw ParseFailure(line: 0, message: "\(error)")
        }
    }

    static func line(of node: Node) -> Int {
        node.mark?.line ?? 0
    }

    private static func failure(from error: YamlError) -> ParseFailure {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let during = context.map { " (\($0.text))" } ?? ""
            return ParseFailure(line: mark.line, message: "YAML syntax error: \(problem)\(during)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ParseFailure(line: context.mark.line, message: "duplicate key \(names)")
        case let .reader(problem, _, _, _):
            return ParseFailure(line: 0, message: "YAML reader error: \(problem)")
        default:
            return ParseFailure(line: 0, message: "YAML error: \(error)")
        }
    }
}

extension Node.Scalar {
    /// Plain and untagged: the only scalars YAML would type implicitly.
    var isPlainUntagged: Bool {
        style == .plain && tag.rawValue.isEmpty
    }

    /// `~`, `null`, an empty value, or an explicit `!!null`: an absent value in every schema.
    var isNull: Bool {
        if tag.rawValue == Tag.Name.null.rawValue { return true }
        guard isPlainUntagged else { return false }
        switch string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// Whether the author forced a string (`'5'`, `"true"`, `!!str 5`, a block scalar).
    var isExplicitString: Bool {
        style != .plain || tag.rawValue == Tag.Name.str.rawValue || tag.rawValue == "!"
    }
}

/// The YAML 1.2 core schema, used where the schema has no opinion (json, blocks, media, defaults).
enum YAMLCoreSchema {
    struct Failure: Error {
        var line: Int
        var message: String
    }

    static func value(of node: Node) throws(Failure) -> Value {
        switch node {
        case .scalar(let scalar):
            let value = scalarValue(scalar)
            // JSON (the API's answers, a JSON document file) has no infinity or NaN: such a value
            // would be served and written as null (fuzz-document: `1e444` read back as absent).
            if case .double(let number) = value, !number.isFinite {
                throw Failure(line: YAMLSource.line(of: node), message: "'\(scalar.string)' is not a number JSON can hold")
            }
            return value
        case .sequence(let sequence):
            var items: [Value] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try value(of: item)) }
            return .array(items)
        case .mapping(let mapping):
            var object = OrderedObject()
            for (key, item) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw Failure(line: YAMLSource.line(of: key), message: "mapping keys must be plain text")
                }
                object[keyScalar.string] = try value(of: item)
            }
            return .object(object)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one cannot be typed.
            throw Failure(line: YAMLSource.line(of: node), message: "unresolved alias")
        }
    }

    static func scalarValue(_ scalar: Node.Scalar) -> Value {
        if scalar.isNull { return .null }
        if scalar.isExplicitString { return .string(scalar.string) }
        return typed(scalar.string)
    }

    /// Core-schema typing of a plain scalar's text.
    static func typed(_ text: String) -> Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        guard let first = text.utf8.first, isNumberStart(first) else { return .string(text) }
        if let integer = coreInteger(text) { return integer }
        if NumberText.isDecimal(text, allowLeadingDot: true), let double = Double(text) { return .double(double) }
        return .string(text)
    }

    private static func isNumberStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`; integers too large for Int64 become doubles.
    private static func coreInteger(_ text: String) -> Value? {
        if text.hasPrefix("0o") || text.hasPrefix("0x") {
            let digits = text.dropFirst(2)
            guard let first = digits.first, first.isHexDigit else { return nil }
            return Int64(digits, radix: text.hasPrefix("0o") ? 8 : 16).map(Value.int)
        }
        guard NumberText.isInteger(text) else { return nil }
        if let integer = Int64(text) { return .int(integer) }
        return Double(text).map(Value.double)
    }
}
