import Yams

/// Reads the block YAML Quire writes (and hand-written files shaped like it) straight from the
/// bytes, giving the `Node` Yams would compose: the same scalar strings, styles, tags and marks.
/// Whatever it cannot place with certainty (anchors, tags, flow collections with content,
/// multi-line plain or quoted scalars, folded blocks, indentation indicators, empty values,
/// duplicate keys, odd indentation…) makes it decline, and Yams reads the file: a decline only
/// costs time, a wrong node would be data corruption.
struct YAMLFastReader {
    struct Decline: Error {}

    struct Key {
        var node: Node
        var text: String
        var mark: Mark
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// Collections nest by recursion: past this depth (never reached by a schema's documents)
    /// the file is Yams' to read, so a crafted file cannot exhaust a worker thread's stack here.
    static let maximumDepth = 64
    var depth = 0
    var position = 0
    var line = 1
    var lineStart = 0
    /// Quoted and block scalars carry `!!str` from libyaml, and Yams resolves every mapping key
    /// to `!!str` while checking for duplicates. Resolving `!!str` again changes nothing, so
    /// one instance serves them all; implicit tags get an instance each (resolving mutates).
    nonisolated(unsafe) static let stringTag = Tag(.str, .basic, constructor)
    /// `Constructor.default` builds its three tables anew on every call (Yams calls it once per
    /// file). Its tables are `private let`s, never changed, so one instance is shared.
    nonisolated(unsafe) static let constructor = Constructor.default

    /// The tag libyaml leaves on a plain scalar or a collection: resolved later, if ever.
    static func implicitTag() -> Tag {
        Tag(.implicit, .basic, constructor)
    }

    /// The root node, or nil when the text is outside what this reader knows.
    static func compose(_ bytes: [UInt8]) -> Node? {
        bytes.withUnsafeBufferPointer { buffer in
            guard marksWork, YAMLFastText.isReadable(buffer) else { return nil }
            var reader = YAMLFastReader(bytes: buffer)
            return try? reader.document()
        }
    }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// A block mapping at column 1, then nothing but blank and comment lines.
    mutating func document() throws(Decline) -> Node {
        guard try nextContentLine() == 0 else { throw Decline() }
        let root = try mapping(indent: 0, firstKey: nil)
        guard position == bytes.count else { throw Decline() }
        return root
    }

    // MARK: Collections

    /// A block mapping whose keys start at column `indent`, the reader being at its first key
    /// (or just past it, when a sequence entry held it: `- key: value`). Returns at the first
    /// line indented less, or at the end.
    mutating func mapping(indent: Int, firstKey: Key?) throws(Decline) -> Node {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw Decline() }
        let start = firstKey?.mark ?? mark(at: position)
        var pairs: [(Node, Node)] = []
        var keys: [String] = []
        var pending = firstKey
        while true {
            let key: Key
            if let first = pending {
                key = first
                pending = nil
            } else {
                key = try mappingKey()
            }
            pairs.append((key.node, try mappingValue(indent: indent)))
            keys.append(key.text)
            guard let next = pendingIndent, next >= indent else { break }
            // Deeper lines are continuations or errors; a `- ` here would follow a value that
            // is not a sequence (Yams reports both).
            guard next == indent, !isSequenceEntry else { throw Decline() }
        }
        try checkUnique(keys)
        return .mapping(.init(pairs, Self.implicitTag(), .any, start))
    }

    /// A block sequence whose `- ` marks are at column `indent` (the reader is at the first).
    mutating func sequence(indent: Int) throws(Decline) -> Node {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw Decline() }
        let start = mark(at: position)
        var items: [Node] = []
        while true {
            position += 1  // the `-`, known followed by a space
            skipSpaces()
            guard position < bytes.count, !isLineEnd, !isSequenceEntry else { throw Decline() }
            items.append(try sequenceItem(indent: indent))
            guard let next = pendingIndent, next >= indent else { break }
            guard next == indent else { throw Decline() }
            // A key at the sequence's column ends an indentless sequence (`tags:` then `- a`).
            guard isSequenceEntry else { break }
        }
        return .sequence(.init(items, Self.implicitTag(), .any, start))
    }

    /// What follows `- `: a scalar, an empty collection, a block scalar, or a mapping whose
    /// first key is on this line.
    private mutating func sequenceItem(indent: Int) throws(Decline) -> Node {
        let start = position
        guard let scalar = try inlineScalar() else { return try nonScalarValue(parentIndent: indent) }
        skipSpaces()
        guard isKeyIndicator else {
            try finishLine()
            return .scalar(scalar)
        }
        let key = try keyNode(scalar, start: start)
        return try mapping(indent: start - lineStart, firstKey: key)
    }

    /// A key on its own line and its `:`; the reader is left just past the `:`.
    private mutating func mappingKey() throws(Decline) -> Key {
        let start = position
        guard let scalar = try inlineScalar() else { throw Decline() }
        skipSpaces()
        guard isKeyIndicator else { throw Decline() }
        return try keyNode(scalar, start: start)
    }

    /// Steps past the `:`. libyaml allows a simple key of at most 1,024 characters, and Yams
    /// hashes keys in its duplicate check, which resolves their implicit tag to `!!str`.
    private mutating func keyNode(_ scalar: Node.Scalar, start: Int) throws(Decline) -> Key {
        guard position - start < 1000 else { throw Decline() }
        position += 1
        return Key(node: .scalar(.init(scalar.string, Self.stringTag, scalar.style, scalar.mark)), text: scalar.string, mark: scalar.mark!)
    }

    /// The value after `key:`: on the same line, or a nested collection on the next lines.
    private mutating func mappingValue(indent: Int) throws(Decline) -> Node {
        skipSpaces()
        guard isLineEnd else {
            if let scalar = try inlineScalar() {
                try finishLine()
                return .scalar(scalar)
            }
            return try nonScalarValue(parentIndent: indent)
        }
        try finishLine()
        // An empty value (null) is Yams' to read: its mark is placed by the next token.
        guard let next = pendingIndent else { throw Decline() }
        if isSequenceEntry {
            guard next >= indent else { throw Decline() }
            return try sequence(indent: next)
        }
        guard next > indent else { throw Decline() }
        return try mapping(indent: next, firstKey: nil)
    }

    /// `[]`, `{}`, a one-line flow sequence or a literal block scalar.
    private mutating func nonScalarValue(parentIndent: Int) throws(Decline) -> Node {
        let start = mark(at: position)
        switch bytes[position] {
        case UInt8(ascii: "|"):
            return .scalar(try literalBlock(parentIndent: parentIndent))
        case UInt8(ascii: "[") where byte(at: position + 1) == UInt8(ascii: "]"):
            position += 2
            try finishLine()
            return .sequence(.init([], Self.implicitTag(), .any, start))
        case UInt8(ascii: "["):
            let sequence = try flowSequence()
            try finishLine()
            return sequence
        case UInt8(ascii: "{") where byte(at: position + 1) == UInt8(ascii: "}"):
            position += 2
            try finishLine()
            return .mapping(.init([], Self.implicitTag(), .any, start))
        default:
            throw Decline()
        }
    }

    /// Yams reports a duplicate key (compared as Swift strings, so canonically equivalent
    /// spellings collide too); the fast reader leaves that report to it.
    private func checkUnique(_ keys: [String]) throws(Decline) {
        if keys.count <= 16 {
            for index in keys.indices.dropFirst() {
                for earlier in keys[..<index] where earlier == keys[index] { throw Decline() }
            }
        } else if Set(keys).count != keys.count {
            throw Decline()
        }
    }
}
