/// A set of positions in one collection. Filters combine whole sets (a 100,000-document
/// collection is 1,563 words), so `$and`/`$or`/`$not` cost almost nothing next to the leaves.
struct Bitset: Sendable, Equatable {
    private(set) var words: [UInt64]
    let count: Int

    init(count: Int, full: Bool = false) {
        self.count = count
        words = [UInt64](repeating: full ? ~0 : 0, count: (count + 63) / 64)
        if full { clearTail() }
    }

    init<S: Sequence>(count: Int, positions: S) where S.Element: BinaryInteger {
        self.init(count: count)
        for position in positions { insert(Int(position)) }
    }

    mutating func insert(_ position: Int) {
        words[position >> 6] |= 1 << UInt64(position & 63)
    }

    mutating func remove(_ position: Int) {
        words[position >> 6] &= ~(1 << UInt64(position & 63))
    }

    func contains(_ position: Int) -> Bool {
        words[position >> 6] & (1 << UInt64(position & 63)) != 0
    }

    var population: Int {
        words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    mutating func formIntersection(_ other: Bitset) {
        for index in words.indices { words[index] &= other.words[index] }
    }

    mutating func formUnion(_ other: Bitset) {
        for index in words.indices { words[index] |= other.words[index] }
    }

    mutating func subtract(_ other: Bitset) {
        for index in words.indices { words[index] &= ~other.words[index] }
    }

    func complement() -> Bitset {
        var result = self
        for index in result.words.indices { result.words[index] = ~result.words[index] }
        result.clearTail()
        return result
    }

    private mutating func clearTail() {
        let extra = words.count * 64 - count
        if extra > 0, !words.isEmpty { words[words.count - 1] &= ~0 >> UInt64(extra) }
    }

    /// Calls `body` with each position in ascending order until it returns false.
    func forEach(_ body: (Int) -> Bool) {
        for (index, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                let offset = bits.trailingZeroBitCount
                if !body(index << 6 | offset) { return }
                bits &= bits - 1
            }
        }
    }

    var positions: [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(population)
        forEach { position in
            result.append(Int32(position))
            return true
        }
        return result
    }
}
