/// The positions of a collection ordered by one field's key (nulls first), ties in default
/// order. It answers equality and range conditions by binary search and lets a sorted page be
/// read off without sorting per request.
///
/// Entries sit in chunks of up to `2 × chunkSize` that snapshots share: a write that changes a
/// few documents copies the chunks it touches and the short list of chunk ends, so carrying an
/// order over a create, an update or a delete costs O(log n + chunk + n / chunk), not O(n).
struct SortedOrder: Sendable, RandomAccessCollection {
    static let chunkSize = 1_024

    private var chunks: [[Int32]] = []
    /// `ends[c]`: how many entries chunks `0...c` hold together.
    private var ends: [Int] = []

    init<Keys: KeyColumn>(_ values: Keys, count: Int) {
        var positions = (0..<Int32(count)).map { $0 }
        positions.sort { Self.precedes($0, $1, values) }
        self.init(sorted: positions)
    }

    private init(sorted positions: [Int32]) {
        var start = 0
        while start < positions.count {
            let end = Swift.min(positions.count, start + Self.chunkSize)
            chunks.append(Array(positions[start..<end]))
            start = end
        }
        recountEnds()
    }

    /// The entries in order (this collection itself: kept for callers that read it as an array).
    var positions: SortedOrder { self }

    var startIndex: Int { 0 }
    var endIndex: Int { ends.last ?? 0 }

    subscript(index: Int) -> Int32 {
        let chunk = chunk(containing: index)
        return chunks[chunk][index - (chunk == 0 ? 0 : ends[chunk - 1])]
    }

    /// Calls `body` with the entries of `range` in order, a chunk at a time.
    func forEach(in range: Range<Int>, _ body: (Int32) -> Void) {
        guard !range.isEmpty else { return }
        var chunk = chunk(containing: range.lowerBound)
        var index = range.lowerBound
        while index < range.upperBound {
            let base = chunk == 0 ? 0 : ends[chunk - 1]
            let upper = Swift.min(ends[chunk], range.upperBound)
            let entries = chunks[chunk]
            for offset in (index - base)..<(upper - base) { body(entries[offset]) }
            index = upper
            chunk += 1
        }
    }

    static func precedes<Keys: KeyColumn>(_ a: Int32, _ b: Int32, _ values: Keys) -> Bool {
        let order = ScalarKey.compare(values[key: Int(a)], values[key: Int(b)])
        return order < 0 || (order == 0 && a < b)
    }

    /// The order after `delta`, given the old and the new key column. When no kept document
    /// moved (creates land at the end, updates and deletes keep their slot), each changed
    /// entry leaves where its old key put it and each new one enters where its new key goes:
    /// two binary searches and one chunk copy per change. A rebuilt tail (a document inserted
    /// before others) renumbers the entries past it, which is a pass over the order.
    func carried(over delta: PositionDelta, oldKeys: Column<ScalarKey?>, keys values: Column<ScalarKey?>) -> SortedOrder {
        let fresh = delta.fresh
        if fresh.count > Swift.max(64, count / 16) { return SortedOrder(values, count: values.count) }
        var next = self
        if delta.prefix == delta.oldCount {
            for position in delta.replaced { next.remove(position, keys: oldKeys) }
        } else {
            var kept: [Int32] = []
            kept.reserveCapacity(values.count)
            forEach(in: 0..<count) { position in
                let moved = delta.oldToNew(position)
                if moved >= 0 { kept.append(moved) }
            }
            next = SortedOrder(sorted: kept)
        }
        for position in fresh { next.insert(position, keys: values) }
        return next
    }

    /// The first index whose entry does not precede `position` (under `values`).
    private func insertionIndex<Keys: KeyColumn>(of position: Int32, keys values: Keys) -> Int {
        partitionIndex { !Self.precedes($0, position, values) }
    }

    private mutating func insert<Keys: KeyColumn>(_ position: Int32, keys values: Keys) {
        let index = insertionIndex(of: position, keys: values)
        if chunks.isEmpty {
            chunks = [[position]]
            recountEnds()
            return
        }
        // An index at the very end goes into the last chunk.
        let chunk = index == count ? chunks.count - 1 : chunk(containing: index)
        let base = chunk == 0 ? 0 : ends[chunk - 1]
        chunks[chunk].insert(position, at: index - base)
        if chunks[chunk].count > 2 * Self.chunkSize {
            let upper = Array(chunks[chunk][Self.chunkSize...])
            chunks[chunk].removeLast(upper.count)
            chunks.insert(upper, at: chunk + 1)
        }
        recountEnds()
    }

    private mutating func remove<Keys: KeyColumn>(_ position: Int32, keys values: Keys) {
        let index = insertionIndex(of: position, keys: values)
        guard index < count, self[index] == position else {
            assertionFailure("entry \(position) is not where its key puts it")
            return
        }
        let chunk = chunk(containing: index)
        chunks[chunk].remove(at: index - (chunk == 0 ? 0 : ends[chunk - 1]))
        if chunks[chunk].isEmpty { chunks.remove(at: chunk) }
        recountEnds()
    }

    private mutating func recountEnds() {
        ends.removeAll(keepingCapacity: true)
        var total = 0
        for chunk in chunks {
            total += chunk.count
            ends.append(total)
        }
    }

    /// The chunk holding entry `index` (`index < count`).
    private func chunk(containing index: Int) -> Int {
        var low = 0
        var high = ends.count - 1
        while low < high {
            let middle = (low + high) / 2
            if ends[middle] > index { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Index range of entries whose key satisfies `lower`/`upper` bounds (nil bound:
    /// unbounded, but nulls are always excluded when any bound is given).
    func range<Keys: KeyColumn>(in values: Keys, lower: ScalarKey?, lowerInclusive: Bool, upper: ScalarKey?, upperInclusive: Bool) -> Range<Int> {
        let nonNull = partitionIndex { values[key: Int($0)] != nil }
        let start: Int
        if let lower {
            start = partitionIndex { position in
                guard let key = values[key: Int(position)] else { return false }
                let order = ScalarKey.compare(key, lower)
                return lowerInclusive ? order >= 0 : order > 0
            }
        } else {
            start = nonNull
        }
        let end: Int
        if let upper {
            end = partitionIndex { position in
                guard let key = values[key: Int(position)] else { return false }
                let order = ScalarKey.compare(key, upper)
                return upperInclusive ? order > 0 : order >= 0
            }
        } else {
            end = count
        }
        return start..<Swift.max(start, end)
    }

    /// The number of leading entries with a null key.
    func nullCount<Keys: KeyColumn>(in values: Keys) -> Int {
        partitionIndex { values[key: Int($0)] != nil }
    }

    /// First index whose entry satisfies a predicate that is monotonic along the order.
    private func partitionIndex(where predicate: (Int32) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
