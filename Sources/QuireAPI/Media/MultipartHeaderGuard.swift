import Foundation
import NIOCore

/// vapor/multipart-kit 4.7.1 looks up each byte of a part's header name in a 128-entry table and
/// traps on a byte of 0x80 or more (Index out of range): one upload with `--B\r\n\u{E9}: x` took the
/// whole server down (found by the contract tests). This follows the body the way that parser does
/// (preamble, delimiter, header lines, part body) and refuses such a byte before the parser sees it.
struct MultipartHeaderGuard {
    private enum State {
        case preamble(match: Int)
        /// Between a delimiter and the first header line: the parser wants CR LF.
        case preHeaders(sawCR: Bool)
        case headerName(isEmpty: Bool)
        case headerValue
        /// The LF after a header line's CR, or after the blank line's (`endsHeaders`).
        case lineFeed(endsHeaders: Bool)
        case body(match: Int)
        case epilogue
    }

    /// `\r\n--<boundary>`, as the parser matches it.
    private let delimiter: [UInt8]
    private var state = State.preamble(match: 0)

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// Whether `chunk`, read after the earlier ones, is safe to hand to the parser.
    mutating func accepts(_ chunk: ByteBuffer) -> Bool {
        chunk.withUnsafeReadableBytes { bytes in
            var index = 0
            while index < bytes.count {
                // A part's body, away from any delimiter, holds most bytes: skip to its next CR.
                if case .body(match: 0) = state, let base = bytes.baseAddress {
                    guard let cr = memchr(base + index, 13, bytes.count - index) else { return true }
                    index = base.distance(to: UnsafeRawPointer(cr))
                }
                if !step(bytes[index]) { return false }
                index += 1
            }
            return true
        }
    }

    private mutating func step(_ byte: UInt8) -> Bool {
        switch state {
        case .preamble(let match):
            // The parser also accepts a first delimiter without its leading CR LF.
            let next = match == 0 && byte == delimiter[2] ? 3
                : byte == delimiter[match] ? match + 1
                : match > 0 && byte == delimiter[0] ? 1 : 0
            state = next == delimiter.count ? .preHeaders(sawCR: false) : .preamble(match: next)
        case .preHeaders(let sawCR):
            state = sawCR ? .headerName(isEmpty: true) : .preHeaders(sawCR: true)
        case .headerName(let isEmpty):
            if byte >= 0x80 { return false }
            state = byte == UInt8(ascii: ":") && !isEmpty ? .headerValue
                : byte == 13 && isEmpty ? .lineFeed(endsHeaders: true) : .headerName(isEmpty: false)
        case .headerValue:
            if byte == 13 { state = .lineFeed(endsHeaders: false) }
        case .lineFeed(let endsHeaders):
            state = endsHeaders ? .body(match: 0) : .headerName(isEmpty: true)
        case .body(let match):
            if match == delimiter.count {
                // After a delimiter: CR starts the next part's headers, `-` closes the body.
                state = byte == 13 ? .preHeaders(sawCR: true) : .epilogue
            } else {
                state = .body(match: byte == delimiter[match] ? match + 1 : byte == delimiter[0] ? 1 : 0)
            }
        case .epilogue:
            break
        }
        return true
    }
}
