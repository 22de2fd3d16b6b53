@testable import QuireContent

/// SplitMix64 seeded: a failing document can be replayed from its seed.
typealias SeededRandom = SplitMix64

/// Random article fields (every attribute type of `Fixtures.article`, components and zones
/// nested, JSON of any shape) built from strings YAML would type, quote, escape or fold.
enum YAMLRandomDocuments {
    /// Pieces strings are made of: words, YAML indicators where they matter (`: `, ` #`, `- `,
    /// quotes), breaks and blanks, characters libyaml escapes or reads as breaks, and unicode.
    static let pieces: [String] = [
        "word", "Lorem", "ipsum", "a", "Z", "9", " ", "  ", "0.5", "1", "-1", "1e3", "true", "no", "null", "~",
        "#", " #", "# ", ":", ": ", " :", "-", "- ", "--- ", "...", "?", "? ", "'", "''", "\"", "\\", "\\n", "/",
        "[", "]", "{", "}", ",", "&", "*", "!", "!!str", "|", ">", "%", "@", "`", "<<", "=",
        "\n", "\n\n", "\n  ", " \n", "\t", "\r\n", "\r",
        "é", "e\u{301}", "日本語", "😀", "\u{A0}", "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{0}",
        "\u{7}", "\u{1B}", "\u{7F}", "\u{9F}", "\u{FFFD}", "\u{10FFFF}", "\u{200B}",
    ]

    /// `tricky` strings are mostly made of `pieces` (so many are declined: a leading blank or
    /// BOM, a `:` first); the others read like content, with punctuation, unicode and quotes.
    static func string(_ random: inout SeededRandom, tricky: Bool = true) -> String {
        if !tricky {
            switch Int.random(in: 0..<20, using: &random) {
            case 0: return trickyStrings.randomElement(using: &random)!
            case 1..<5: return (0..<Int.random(in: 1...4, using: &random)).map { _ in sentence(&random) }.joined(separator: "\n\n") + "\n"
            default: return sentence(&random)
            }
        }
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<3: return trickyStrings.randomElement(using: &random)!
        case 3: return ""
        case 4: return (0..<Int.random(in: 2...6, using: &random)).map { _ in "line \(Int.random(in: 0...99, using: &random))" }
            .joined(separator: "\n") + (Bool.random(using: &random) ? "\n" : "")
        default:
            let count = Int.random(in: 1...8, using: &random)
            return (0..<count).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
    }

    /// Words with what prose holds: `: `, ` #`, quotes, dashes, digits, accents, CJK, emoji.
    private static func sentence(_ random: inout SeededRandom) -> String {
        let words = ["Lorem", "ipsum", "dolor", "café", "naïve", "日本語", "😀", "it's", "\"quoted\"", "a: b", "#tag", "C#",
                     "x - y", "1.5", "2024", "no", "yes", "~", "50%", "@home", "[link]", "{x}", "a,b", "e\u{301}", "\\"]
        return (0..<Int.random(in: 1...12, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
    }

    static func key(_ random: inout SeededRandom, tricky: Bool) -> String {
        switch Int.random(in: 0..<12, using: &random) {
        case 0 where tricky: return String(repeating: "k", count: Int.random(in: 120...140, using: &random))
        case 1..<5: return string(&random, tricky: tricky)
        default: return ["id", "type", "text", "url", "alt", "5", "yes", "a b", "__component"].randomElement(using: &random)!
        }
    }

    static func json(_ random: inout SeededRandom, depth: Int = 0, tricky: Bool = true) -> Value {
        switch Int.random(in: 0..<(depth >= 3 ? 6 : 9), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(Int64.random(in: Int64.min...Int64.max, using: &random) >> Int64.random(in: 0...63, using: &random))
        case 3: return .double([0.1, -0.0, 1e300, 5e-324, 1.5, .infinity, -.infinity, .nan, 3].randomElement(using: &random)!)
        case 4, 5: return .string(string(&random, tricky: tricky))
        case 6: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in json(&random, depth: depth + 1, tricky: tricky) })
        default:
            var object = OrderedObject()
            for _ in 0..<Int.random(in: 0...4, using: &random) { object[key(&random, tricky: tricky)] = json(&random, depth: depth + 1, tricky: tricky) }
            return .object(object)
        }
    }

    /// Fields of `Fixtures.article`, each present with probability 3/4; `tricky` as for `string`.
    static func article(_ random: inout SeededRandom, tricky: Bool = true) -> OrderedObject {
        var fields = OrderedObject()
        func maybe(_ name: String, _ make: (inout SeededRandom) -> Value) {
            if Int.random(in: 0..<4, using: &random) > 0 { fields[name] = make(&random) }
        }
        for name in ["title", "slug", "summary", "body", "contact", "secret", "code", "category"] {
            maybe(name) { .string(string(&$0, tricky: tricky)) }
        }
        maybe("content") { random in .array((0..<Int.random(in: 0...3, using: &random)).map { _ in
            .object(["type": .string("paragraph"), "children": .array([.object(["type": .string("text"), "text": .string(string(&random, tricky: tricky))])])])
        }) }
        maybe("views") { .int(Int64.random(in: -5...2000, using: &$0)) }
        maybe("big") { .string(String(Int64.random(in: Int64.min...Int64.max, using: &$0))) }
        maybe("ratio") { json(&$0, depth: 3, tricky: tricky) }
        maybe("rating") { .double(Double.random(in: -10...10, using: &$0)) }
        maybe("day") { Bool.random(using: &$0) ? .string("2024-03-06") : .string(string(&$0, tricky: tricky)) }
        maybe("at") { _ in .string("12:30:00.000") }
        maybe("stamp") { _ in .string("2024-03-06T13:42:05.000Z") }
        maybe("featured") { .bool(Bool.random(using: &$0)) }
        maybe("extra") { json(&$0, tricky: tricky) }
        maybe("author") { .string(string(&$0, tricky: tricky)) }
        maybe("tags") { random in .array((0..<Int.random(in: 0...3, using: &random)).map { _ in .string(string(&random, tricky: tricky)) }) }
        maybe("cover") { random in .object(["id": .int(7), "url": .string(string(&random, tricky: tricky)), "alt": json(&random, depth: 2, tricky: tricky)]) }
        maybe("seo") { random in .object(["metaTitle": .string(string(&random, tricky: tricky)), "metaDescription": .string(string(&random, tricky: tricky))]) }
        maybe("links") { random in .array((0..<Int.random(in: 0...3, using: &random)).map { _ in
            .object(["label": .string(string(&random, tricky: tricky)), "url": .string(string(&random, tricky: tricky))])
        }) }
        maybe("sections") { random in .array((0..<Int.random(in: 0...3, using: &random)).map { _ in section(&random, tricky: tricky) }) }
        return fields
    }

    private static func section(_ random: inout SeededRandom, tricky: Bool) -> Value {
        switch Int.random(in: 0..<5, using: &random) {
        case 0, 1: return .object(["__component": .string("sections.hero"), "heading": .string(string(&random, tricky: tricky)), "image": json(&random, depth: 2, tricky: tricky)])
        case 2, 3: return .object(["__component": .string("sections.text"), "body": .string(string(&random, tricky: tricky)), "count": .int(Int64.random(in: 0...20, using: &random))])
        default: return json(&random, depth: 2, tricky: tricky)
        }
    }

    /// One to three edits of the kinds that change how YAML reads: a piece inserted anywhere
    /// (splitting UTF-8 sometimes), bytes deleted or replaced, a line duplicated, swapped,
    /// re-indented or commented out, a comment or blank line inserted, the end cut off.
    static func mutate(_ bytes: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let kind = Int.random(in: 0..<9, using: &random)
            let at = Int.random(in: 0...bytes.count, using: &random)
            switch kind {
            case 0: bytes.insert(contentsOf: Array(pieces.randomElement(using: &random)!.utf8), at: at)
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...3, using: &random)))
            case 2 where at < bytes.count: bytes[at] = Array(" \n:-#'\"|\\[]{}&*!?\t.0a".utf8).randomElement(using: &random)!
            case 8: bytes.removeSubrange(at...)
            default: bytes = mutateLines(bytes, kind: kind, &random)
            }
        }
        return bytes
    }

    private static func mutateLines(_ bytes: [UInt8], kind: Int, _ random: inout SeededRandom) -> [UInt8] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        let line = Int.random(in: 0..<lines.count, using: &random)
        switch kind {
        case 3: lines.insert(lines[line], at: line)
        case 4: lines.swapAt(line, Int.random(in: 0..<lines.count, using: &random))
        case 5:
            if Bool.random(using: &random) {
                lines[line].insert(contentsOf: Array(repeating: UInt8(ascii: " "), count: Int.random(in: 1...3, using: &random)), at: 0)
            } else if lines[line].first == UInt8(ascii: " ") {
                lines[line].removeFirst()
            }
        case 6:
            let indent = Array(repeating: UInt8(ascii: " "), count: Int.random(in: 0...4, using: &random))
            lines.insert(indent + (Bool.random(using: &random) ? Array("# note".utf8) : []), at: line)
        default:
            lines[line] = Array("# ".utf8) + lines[line]
        }
        return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }
}
