import Foundation

/// Entity tags: a document's is its git blob id (strong); a list's is a hash of its bytes (weak).
enum ETag {
    static func strong(_ value: String) -> String { "\"\(value)\"" }

    /// FNV-style, eight bytes per step: hashing a list byte by byte cost a quarter of the CPU
    /// of a list read.
    static func weak(_ body: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01b3
        body.withUnsafeBytes { raw in
            let words = raw.count / 8
            for index in 0..<words {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) &* prime
                hash ^= hash >> 32
            }
            for offset in (words * 8)..<raw.count {
                hash = (hash ^ UInt64(raw[offset])) &* prime
            }
        }
        return "W/\"\(String(hash, radix: 16))\""
    }

    /// The bare value of an `If-Match` / `If-None-Match` tag: quotes and `W/` removed.
    static func value(_ header: String) -> String {
        var text = Substring(header.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = text.dropFirst().dropLast() }
        return String(text)
    }

    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || value(tag) == value(etag)
        }
    }
}
