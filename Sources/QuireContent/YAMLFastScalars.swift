import Yams

/// Scalars on one line (plain, single- and double-quoted) and literal block scalars, read as
/// libyaml reads them. A quoted scalar that runs onto the next line, a plain scalar starting
/// with an indicator, an escape libyaml would refuse and a block header other than `|`, `|-`
/// or `|+` are declined.
extension YAMLFastReader {
    /// A scalar starting here, the reader left just after it (before trailing spaces); nil
    /// for `|`, `[` and `{`, which are not read as scalars on one line.
    mutating func inlineScalar() throws(Decline) -> Node.Scalar? {
        let start = position
        switch bytes[start] {
        case UInt8(ascii: "'"):
            let text = try singleQuoted()
            return .init(text, Self.stringTag, .singleQuoted, mark(at: start))
        case UInt8(ascii: "\""):
            let text = try doubleQuoted()
            return .init(text, Self.stringTag, .doubleQuoted, mark(at: start))
        case UInt8(ascii: "|"), UInt8(ascii: "["), UInt8(ascii: "{"):
            return nil
        case Self.dash:
            let next = byte(at: start + 1)
            guard next != nil, next != Self.space, next != Self.newline else { throw Decline() }
        case UInt8(ascii: "?"), Self.colon, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"),
             Self.hash, UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: ">"),
             UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            throw Decline()
        default:
            break
        }
        let end = plainEnd(from: start)
        position = end
        return .init(text(start..<end), Self.implicitTag(), .plain, mark(at: start))
    }

    /// Where a plain scalar on one line ends: before `: `, ` #` or the line break, trailing
    /// spaces excluded.
    private func plainEnd(from start: Int) -> Int {
        var index = start
        var end = start
        while index < bytes.count {
            let current = bytes[index]
            if current == Self.newline { break }
            if current == Self.colon {
                let next = byte(at: index + 1)
                if next == nil || next == Self.space || next == Self.newline { break }
            }
            if current == Self.space {
                if byte(at: index + 1) == Self.hash { break }
            } else {
                end = index + 1
            }
            index += 1
        }
        return end
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// `'…'` on one line, `''` standing for `'`.
    private mutating func singleQuoted() throws(Decline) -> String {
        let quote = UInt8(ascii: "'")
        var index = position + 1
        var text = QuotedText(start: index)
        while true {
            guard index < bytes.count, bytes[index] != Self.newline else { throw Decline() }
            guard bytes[index] == quote else {
                index += 1
                continue
            }
            guard byte(at: index + 1) == quote else { break }
            text.take(bytes, upTo: index + 1)
            index += 2
            text.skip(to: index)
        }
        position = index + 1
        return text.finish(bytes, at: index)
    }

    /// `"…"` on one line with libyaml's escapes. A line-continuation backslash is declined.
    private mutating func doubleQuoted() throws(Decline) -> String {
        let quote = UInt8(ascii: "\"")
        let backslash = UInt8(ascii: "\\")
        var index = position + 1
        var text = QuotedText(start: index)
        while true {
            guard index < bytes.count, bytes[index] != Self.newline else { throw Decline() }
            let current = bytes[index]
            if current == quote { break }
            guard current == backslash else {
                index += 1
                continue
            }
            text.take(bytes, upTo: index)
            index = try YAMLFastEscapes.append(bytes, escapeAt: index, to: &text.unescaped)
            text.skip(to: index)
        }
        position = index + 1
        let string = text.finish(bytes, at: index)
        // Yams builds scalars with Foundation's `String(bytes:encoding:)`, which drops a leading
        // byte-order mark: that scalar is Yams' to read.
        if string.unicodeScalars.first == "\u{FEFF}" { throw Decline() }
        return string
    }

    /// `|`, `|-` or `|+` ending its line, then lines indented as the first (which must hold
    /// text and be deeper than `parentIndent`), read as libyaml's `yaml_parser_scan_block_scalar`.
    mutating func literalBlock(parentIndent: Int) throws(Decline) -> Node.Scalar {
        let start = mark(at: position)
        var chomping = 0
        position += 1
        switch byte(at: position) {
        case Self.dash: chomping = -1; position += 1
        case UInt8(ascii: "+"): chomping = 1; position += 1
        default: break
        }
        guard byte(at: position) == Self.newline else { throw Decline() }
        startLine(at: position + 1)
        var indent = 0
        while let next = byte(at: position + indent), next == Self.space { indent += 1 }
        let first = byte(at: position + indent)
        guard indent > parentIndent, first != nil, first != Self.newline else { throw Decline() }
        var text: [UInt8] = []
        var leadingBreak = false
        var trailingBreaks = 0
        while position < bytes.count {
            var index = position
            while index < position + indent, index < bytes.count, bytes[index] == Self.space { index += 1 }
            guard index < bytes.count else { break }
            if bytes[index] == Self.newline {
                trailingBreaks += 1
                startLine(at: index + 1)
                continue
            }
            if index < position + indent { break }
            if leadingBreak { text.append(Self.newline) }
            text.append(contentsOf: repeatElement(Self.newline, count: trailingBreaks))
            trailingBreaks = 0
            var end = index
            while end < bytes.count, bytes[end] != Self.newline { end += 1 }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
            leadingBreak = end < bytes.count
            if leadingBreak { startLine(at: end + 1) } else { position = end }
        }
        if chomping != -1, leadingBreak { text.append(Self.newline) }
        if chomping == 1 { text.append(contentsOf: repeatElement(Self.newline, count: trailingBreaks)) }
        try nextContentLine()
        return .init(String(decoding: text, as: UTF8.self), Self.stringTag, .literal, start)
    }
}

/// A quoted scalar's text: a slice of the file, copied only when an escape splits it.
private struct QuotedText {
    var unescaped: [UInt8] = []
    private var segment: Int
    private var escaped = false

    init(start: Int) {
        segment = start
    }

    /// The file's bytes from the current segment up to `index`, as they are.
    mutating func take(_ bytes: UnsafeBufferPointer<UInt8>, upTo index: Int) {
        unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<index]))
        escaped = true
    }

    mutating func skip(to index: Int) {
        segment = index
    }

    func finish(_ bytes: UnsafeBufferPointer<UInt8>, at end: Int) -> String {
        guard escaped else { return String(decoding: UnsafeBufferPointer(rebasing: bytes[segment..<end]), as: UTF8.self) }
        var all = unescaped
        all.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<end]))
        return String(decoding: all, as: UTF8.self)
    }
}
