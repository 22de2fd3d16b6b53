/// multipart-kit 4.7.1 (the only version available) traps on a byte of 0x80 or more in a part's
/// header name (its table of allowed characters has 128 entries): one upload took the whole server
/// down. Found by `make fuzz` (Fuzz/, fuzz-multipart). This watches the bytes before the parser
/// sees them and refuses such a name first. It takes every `--boundary` as the start of a header
/// block (the parser only takes some: a superset, so it never misses one) up to the blank line
/// that ends it; only the name before each header line's colon must be ASCII, as RFC 7230 wants.
struct MultipartHeaderGuard {
    private let delimiter: [UInt8]
    /// Knuth–Morris–Pratt: the longest proper prefix of the delimiter that is also a suffix.
    private let fallback: [Int]
    private var matched = 0
    private var inHeaders = false
    private var atLineStart = false
    private var inName = false

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

    /// False when `bytes` put a non-ASCII byte in a header name.
    mutating func admits(_ bytes: some Sequence<UInt8>) -> Bool {
        for byte in bytes {
            if inHeaders {
                if atLineStart {
                    atLineStart = false
                    // A blank line ends the headers; the part's body follows.
                    if byte == UInt8(ascii: "\r") { inHeaders = false; continue }
                    inName = true
                }
                switch byte {
                case UInt8(ascii: "\n"): atLineStart = true
                case UInt8(ascii: ":"): inName = false
                case 0x80...: if inName { return false }
                default: break
                }
                continue
            }
            while matched > 0, delimiter[matched] != byte { matched = fallback[matched - 1] }
            if delimiter[matched] == byte { matched += 1 }
            if matched == delimiter.count {
                // The rest of the delimiter line (CRLF, or `--` for the last) counts as a name: it is ASCII too.
                matched = 0
                inHeaders = true
                atLineStart = false
                inName = true
            }
        }
        return true
    }
}
