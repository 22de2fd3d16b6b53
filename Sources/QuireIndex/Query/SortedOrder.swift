/// The positions of a collection ordered by one field's key (nulls first), ties in default
/// order. It answers equality and range conditions by binary search and lets a sorted page be
/// read off without sorting per request.
struct SortedOrder: Sendable {
    let positions: [Int32]

    init<Keys: KeyColumn>(_ values: Keys, count: Int) {
        var positions = (0..<Int32(count)).map { $0 }
        positions.sort { Self.precedes($0, $1, values) }
        self.positions = positions
    }

    private init(positions: [Int32]) {
        self.positions = positions
    }

    static func precedes<Keys: KeyColumn>(_ a: Int32, _ b: Int32, _ values: Keys) -> Bool {
        let order = ScalarKey.compare(values[key: Int(a)], values[key: Int(b)])
        return order < 0 || (order == 0 && a < b)
    }

    /// The order after `delta`, given the new key column: kept entries stay in order (their keys
    /// did not change and positions move monotonically), fresh ones are inserted.
    func carried(over delta: PositionDelta, keys values: Column<ScalarKey?>) -> SortedOrder {
        if delta.fresh.count > max(64, positions.count / 16) { return SortedOrder(values, count: values.count) }
        var next: [Int32] = []
        next.reserveCapacity(values.count)
        if delta.prefix == delta.oldCount {
            // Nothing moved: only the replaced entries leave.
            let replaced = Set(delta.replaced)
            for position in positions where !replaced.contains(position) { next.append(position) }
        } else {
            for position in positions {
                let moved = delta.oldToNew(position)
                if moved >= 0 { next.append(moved) }
            }
        }
        for position in delta.fresh {
            var low = 0
            var high = next.count
            while low < high {
                let middle = (low + high) / 2
                if Self.precedes(next[middle], position, values) { low = middle + 1 } else { high = middle }
            }
            next.insert(position, at: low)
        }
        return SortedOrder(positions: next)
    }

    /// Index range in `positions` of entries whose key satisfies `lower`/`upper` bounds
    /// (nil bound: unbounded, but nulls are always excluded when any bound is given).
    func range<Keys: KeyColumn>(in values: Keys, lower: ScalarKey?, lowerInclusive: Bool, upper: ScalarKey?, upperInclusive: Bool) -> Range<Int> {
        let nonNull = firstIndex { values[key: Int($0)] != nil }
        let start: Int
        if let lower {
            start = firstIndex { position in
                guard let key = values[key: Int(position)] else { return false }
                let order = ScalarKey.compare(key, lower)
                return lowerInclusive ? order >= 0 : order > 0
            }
        } else {
            start = nonNull
        }
        let end: Int
        if let upper {
            end = firstIndex { position in
                guard let key = values[key: Int(position)] else { return false }
                let order = ScalarKey.compare(key, upper)
                return upperInclusive ? order > 0 : order >= 0
            }
        } else {
            end = positions.count
        }
        return start..<max(start, end)
    }

    /// The number of leading entries with a null key.
    func nullCount<Keys: KeyColumn>(in values: Keys) -> Int {
        firstIndex { values[key: Int($0)] != nil }
    }

    /// First index whose entry satisfies a predicate that is monotonic along the order.
    private func firstIndex(where predicate: (Int32) -> Bool) -> Int {
        var low = 0
        var high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(positions[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
