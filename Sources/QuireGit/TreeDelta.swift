/// Git's delta format for one object against another, made from their common prefix and
/// suffix only. That is all a tree needs when a commit changed, added or removed an entry or
/// two: a 1,296-entry folder (40 KB) becomes a delta of a few dozen bytes. Anything else
/// (two unrelated texts) comes out larger than the object and is not used.
enum TreeDelta {
    /// Copy instructions are cut at this size: an encodable size that is never 0x10000 (which
    /// git's format writes as no size bytes at all).
    private static let largestCopy = 0x8000

    /// `target` as instructions against `base`.
    static func make(from base: [UInt8], to target: [UInt8]) -> [UInt8] {
        let limit = min(base.count, target.count)
        var prefix = 0
        while prefix < limit, base[prefix] == target[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < limit - prefix, base[base.count - 1 - suffix] == target[target.count - 1 - suffix] { suffix += 1 }

        var delta: [UInt8] = []
        delta.reserveCapacity(32 + target.count - prefix - suffix)
        appendSize(base.count, to: &delta)
        appendSize(target.count, to: &delta)
        appendCopy(offset: 0, count: prefix, to: &delta)
        var start = prefix
        let end = target.count - suffix
        while start < end {
            let chunk = min(127, end - start)
            delta.append(UInt8(chunk))
            delta.append(contentsOf: target[start..<(start + chunk)])
            start += chunk
        }
        appendCopy(offset: base.count - suffix, count: suffix, to: &delta)
        return delta
    }

    /// A size in the delta header: 7 bits per byte, low bits first.
    private static func appendSize(_ size: Int, to delta: inout [UInt8]) {
        var remaining = size
        repeat {
            var byte = UInt8(remaining & 0x7f)
            remaining >>= 7
            if remaining != 0 { byte |= 0x80 }
            delta.append(byte)
        } while remaining != 0
    }

    /// Copy instructions for `count` bytes of the base from `offset`: a flag byte naming which
    /// offset and size bytes follow, then those bytes.
    private static func appendCopy(offset: Int, count: Int, to delta: inout [UInt8]) {
        var offset = offset
        var remaining = count
        while remaining > 0 {
            let size = min(remaining, largestCopy)
            var command: UInt8 = 0x80
            var operands: [UInt8] = []
            for byte in 0..<4 where (offset >> (8 * byte)) & 0xff != 0 {
                command |= 1 << byte
                operands.append(UInt8((offset >> (8 * byte)) & 0xff))
            }
            for byte in 0..<3 where (size >> (8 * byte)) & 0xff != 0 {
                command |= 0x10 << byte
                operands.append(UInt8((size >> (8 * byte)) & 0xff))
            }
            delta.append(command)
            delta.append(contentsOf: operands)
            offset += size
            remaining -= size
        }
    }
}
