import Yams

/// Moving through lines: blank and comment lines, the end of a value's line, and the marks
/// libyaml would give (1-based line, column counted in characters).
extension YAMLFastReader {
    static let space = UInt8(ascii: " ")
    static let newline = UInt8(ascii: "\n")
    static let hash = UInt8(ascii: "#")
    static let dash = UInt8(ascii: "-")
    static let colon = UInt8(ascii: ":")

    func byte(at index: Int) -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    /// The indentation of the line the reader stands on (at its first non-space); nil at the end.
    var pendingIndent: Int? {
        position < bytes.count ? position - lineStart : nil
    }

    /// `- ` (a dash then a space) starts a sequence entry; a dash alone on its line is left to Yams.
    var isSequenceEntry: Bool {
        byte(at: position) == Self.dash && byte(at: position + 1) == Self.space
    }

    /// `:` then a space or the end of the line: the value indicator after a simple key.
    var isKeyIndicator: Bool {
        guard byte(at: position) == Self.colon else { return false }
        let next = byte(at: position + 1)
        return next == nil || next == Self.space || next == Self.newline
    }

    /// The end of the line's content: the line break, the end, or a comment after a space.
    var isLineEnd: Bool {
        guard let next = byte(at: position) else { return true }
        return next == Self.newline || (next == Self.hash && position > lineStart && bytes[position - 1] == Self.space)
    }

    func mark(at index: Int) -> Mark {
        var column = 1
        var cursor = lineStart
        while cursor < index {
            if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        return Self.makeMark(line: line, column: column)
    }

    /// Yams keeps `Mark`'s initialiser internal. Its two stored `Int`s are laid out as this
    /// struct's; `marksWork` checks that once, and the reader declines everything if not.
    private struct MarkLayout {
        let line: Int
        let column: Int
    }

    private static func makeMark(line: Int, column: Int) -> Mark {
        unsafeBitCast(MarkLayout(line: line, column: column), to: Mark.self)
    }

    static let marksWork: Bool = {
        guard MemoryLayout<Mark>.size == MemoryLayout<MarkLayout>.size,
              MemoryLayout<Mark>.alignment == MemoryLayout<MarkLayout>.alignment else { return false }
        let mark = makeMark(line: 3, column: 7)
        return mark.line == 3 && mark.column == 7
    }()

    mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == Self.space { position += 1 }
    }

    mutating func startLine(at index: Int) {
        position = index
        line += 1
        lineStart = index
    }

    /// After a value: spaces, an optional comment, the line break; then on to the next content line.
    mutating func finishLine() throws(Decline) {
        skipSpaces()
        guard isLineEnd else { throw Decline() }
        while position < bytes.count, bytes[position] != Self.newline { position += 1 }
        guard position < bytes.count else { return }
        startLine(at: position + 1)
        try nextContentLine()
    }

    /// From the start of a line, past blank and comment lines to the first non-space of the
    /// next line with content; returns its indentation, or nil at the end of the text.
    @discardableResult
    mutating func nextContentLine() throws(Decline) -> Int? {
        while position < bytes.count {
            var index = position
            while index < bytes.count, bytes[index] == Self.space { index += 1 }
            guard index < bytes.count else {
                position = index
                return nil
            }
            switch bytes[index] {
            case Self.newline:
                startLine(at: index + 1)
            case Self.hash:
                while index < bytes.count, bytes[index] != Self.newline { index += 1 }
                guard index < bytes.count else {
                    position = index
                    return nil
                }
                startLine(at: index + 1)
            default:
                position = index
                // `---` and `...` at the start of a line are document markers, `%` a directive.
                if index == lineStart, isDocumentMarker(at: index) { throw Decline() }
                return index - lineStart
            }
        }
        return nil
    }

    private func isDocumentMarker(at index: Int) -> Bool {
        guard index + 2 < bytes.count else { return false }
        let first = bytes[index]
        guard first == Self.dash || first == UInt8(ascii: ".") else { return false }
        return bytes[index + 1] == first && bytes[index + 2] == first
    }
}
