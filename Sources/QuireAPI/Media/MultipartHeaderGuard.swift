/// multipart-kit 4.7.1 (the only version available) traps on a byte of 0x80 or more in a part's
/// header name (its table of allowed characters has 128 entries): one upload took the whole server
/// down. Found by `make fuzz` (Fuzz/, fuzz-multipart). This watches the bytes before the parser
/// sees them and refuses such a name first. It takes every `--boundary` as the start of a header
/// block (the parser only takes some: a superset, so it never misses one) up to the blank line
/// that ends it; only the name before each header line's colon must be ASCII, as RFC 7230 wants.
struct MultipartHeaderGuard {
    private enum Position {
        /// Before any delimiter, or in a part's body.
        case outside
        /// The rest of a delimiter line (CRLF, or `--` for the last one).
        case delimiterLine
        /// A header name; `empty` at the start of a line, where CR is the blank line ending the headers.
        case name(empty: Bool)
        /// A header value, which ends at CR (the parser wants LF next).
        case value
        case valueEnd
    }

    private let delimiter: [UInt8]
    /// Knuth–Morris–Pratt: the longest proper prefix of the delimiter that is also a suffix.
    private let fallback: [Int]
    private var matched = 0
    private var position = Position.outside

    init(boundary: String) {
        delimiter = Array("--\(boundary)".utf8)
        var fallback = [0]
        var length = 0
        for byte in delimiter.dropFirst() {
            while length > 0, delimiter[length] != byte { length = fallback[length - 1] }
            if delimiter[length] == byte { length += 1 }
            fallback.append(length)
        }
        self.fallback = fallback
    }

    /// False when `bytes` put a non-ASCII byte where the parser reads a header name.
    mutating func admits(_ bytes: some Sequence<UInt8>) -> Bool {
        for byte in bytes {
            switch position {
            case .outside: break
            case .delimiterLine:
                if byte >= 0x80 { return false }
                if byte == UInt8(ascii: "\n") { position = .name(empty: true) }
            case .name(let empty):
                if byte >= 0x80 { return false }
                if byte == UInt8(ascii: ":") && !empty { position = .value }
                else if byte == UInt8(ascii: "\r") && empty { position = .outside }
                else { position = .name(empty: false) }
            case .value:
                if byte == UInt8(ascii: "\r") { position = .valueEnd }
            case .valueEnd:
                position = .name(empty: true)
            }
            // Delimiters are looked for everywhere (also where the parser would not): a match
            // starts a header block, so the guard is never less strict than the parser.
            while matched > 0, delimiter[matched] != byte { matched = fallback[matched - 1] }
            if delimiter[matched] == byte { matched += 1 }
            if matched == delimiter.count {
                matched = fallback[matched - 1]
                position = .delimiterLine
            }
        }
        return true
    }
}
