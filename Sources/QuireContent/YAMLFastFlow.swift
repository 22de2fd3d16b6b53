import Yams

/// One-line flow sequences of simple items, `tags: [tag-121, tag-194, 'x y']`: hand-written
/// and generated sites use them for lists of ids, though Quire writes block sequences. Plain
/// items are held to characters with no meaning in flow context (no `,[]{}:#` or other
/// indicator anywhere, no leading `-`), quoted items to one line; `[a, b,]`, nested
/// collections, pairs and anything spread over lines are declined.
extension YAMLFastReader {
    /// The reader is at `[`, known not followed by `]`; it is left after the closing `]`.
    mutating func flowSequence() throws(Decline) -> Node {
        let start = mark(at: position)
        var items: [Node] = []
        position += 1
        while true {
            skipSpaces()
            items.append(.scalar(try flowItem()))
            skipSpaces()
            guard let next = byte(at: position) else { throw Decline() }
            position += 1
            if next == UInt8(ascii: "]") { break }
            guard next == UInt8(ascii: ",") else { throw Decline() }
        }
        return .sequence(.init(items, Self.implicitTag(), .any, start))
    }

    private mutating func flowItem() throws(Decline) -> Node.Scalar {
        guard let first = byte(at: position) else { throw Decline() }
        if first == UInt8(ascii: "'") || first == UInt8(ascii: "\"") {
            guard let scalar = try inlineScalar() else { throw Decline() }
            return scalar
        }
        guard first != Self.dash, Self.isFlowPlain(first) else { throw Decline() }
        let start = position
        var end = position
        while let next = byte(at: position), Self.isFlowPlain(next) {
            position += 1
            if next != Self.space { end = position }
        }
        position = end
        return .init(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self),
                     Self.implicitTag(), .plain, mark(at: start))
    }

    /// A byte that is plain text wherever it stands in a flow item (UTF-8 past ASCII is text:
    /// the characters libyaml treats specially were refused before reading).
    private static func isFlowPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...0xFF:
            return true
        case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"),
             UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "="), UInt8(ascii: "$"),
             UInt8(ascii: "~"), UInt8(ascii: ";"), UInt8(ascii: "<"):
            return true
        default:
            return false
        }
    }
}
