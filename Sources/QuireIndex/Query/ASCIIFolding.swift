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
                let last = haystack.count - count
                var start = 0
                if count >= 2, let base = haystack.baseAddress {
                    // 16 starts at a time, keeping those whose first two bytes fold to the
                    // needle's: `_q` reads whole article bodies this way, and a byte loop was
                    // ten times slower than the memchr over a lowercased copy it replaced.
                    let wanted = (SIMD16<UInt8>(repeating: first), SIMD16<UInt8>(repeating: needle[1]))
                    while start + 15 <= last {
                        let here = fold(UnsafeRawPointer(base + start).loadUnaligned(as: SIMD16<UInt8>.self))
                        let next = fold(UnsafeRawPointer(base + start + 1).loadUnaligned(as: SIMD16<UInt8>.self))
                        let candidates = (here .== wanted.0) .& (next .== wanted.1)
                        if any(candidates) {
                            for lane in 0..<16 where candidates[lane] && equal(at: start + lane) { return true }
                        }
                        start += 16
                    }
                }
                while start <= last {
                    if fold(haystack[start]) == first && equal(at: start) { return true }
                    start += 1
                }
                return false
            }
        }
    }

    @inline(__always)
    private static func fold(_ bytes: SIMD16<UInt8>) -> SIMD16<UInt8> {
        bytes.replacing(with: bytes | 0x20, where: (bytes &- 0x41) .< 26)
    }
}
