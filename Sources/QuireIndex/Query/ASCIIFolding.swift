/// Case-insensitive matching of ASCII text against an already lowercased needle, without
/// making a lowercased copy of the text. Only for text that is all ASCII: lowercasing other
/// text can change its length (`İ`), so the caller lowercases that itself.
enum ASCIIFolding {
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var seen: UInt8 = 0
        for byte in bytes { seen |= byte }
        return seen < 0x80
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// Whether `haystack`, lowercased, equals / starts with / ends with / contains `needle`.
    static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, kind: TextPattern.Kind) -> Bool {
        let count = needle.count
        guard haystack.count >= count else { return false }
        return needle.withUnsafeBufferPointer { needle in
            func equal(at start: Int) -> Bool {
                for offset in 0..<count where fold(haystack[start + offset]) != needle[offset] { return false }
                return true
            }
            switch kind {
            case .equal: return haystack.count == count && equal(at: 0)
            case .prefix: return equal(at: 0)
            case .suffix: return equal(at: haystack.count - count)
            case .contains:
                guard let first = needle.first else { return true }
                for start in 0...(haystack.count - count) where fold(haystack[start]) == first && equal(at: start) {
                    return true
                }
                return false
            }
        }
    }
}
