import Foundation

/// Puts matched positions in the requested order and cuts out one page, ties always broken by
/// default order so pages never overlap. When many documents match, it walks the first term's
/// sorted order (a field's index, or the cached derived order of a path like `author.name`)
/// and stops once the page is full; when few match, it sorts just those.
struct Ordering {
    let plans: [SortPlan]

    func page(_ matches: Bitset, in scope: CollectionScope, range: Range<Int>) -> [Int32] {
        let total = matches.population
        guard !range.isEmpty, range.lowerBound < total else { return [] }
        let needed = min(range.upperBound, total)
        guard let first = plans.first else { return firstPositions(matches, needed: needed).suffix(from: range.lowerBound).map { $0 } }
        if first.isDefaultOrder {
            let ordered = first.descending ? Array(matches.positions.reversed()) : firstPositions(matches, needed: needed)
            return Array(ordered[range.lowerBound..<needed])
        }
        if walkIsCheaper(needed: needed, matched: total, count: scope.count) {
            return Array(walk(matches, first: first, in: scope, needed: needed)[range.lowerBound..<needed])
        }
        var positions = matches.positions
        let keys = plans.map { keyLookup($0, in: scope, for: positions) }
        positions.sort { precedes($0, $1, keys: keys, from: 0) }
        return Array(positions[range.lowerBound..<needed])
    }

    /// Walking visits about `needed × count / matched` entries; sorting the matches costs
    /// `matched × log(matched)` comparisons.
    private func walkIsCheaper(needed: Int, matched: Int, count: Int) -> Bool {
        Double(needed) * Double(count) / Double(matched) < Double(matched) * log2(Double(matched) + 1)
    }

    private func firstPositions(_ matches: Bitset, needed: Int) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(needed)
        matches.forEach { position in
            result.append(Int32(position))
            return result.count < needed
        }
        return result
    }

    /// Reads the first term's sorted order group by group (a group: entries with equal keys,
    /// already in default order), sorting each group by the remaining terms.
    private func walk(_ matches: Bitset, first: SortPlan, in scope: CollectionScope, needed: Int) -> [Int32] {
        let (column, order) = sortedKeys(first, in: scope)
        let entries = order.positions
        let rest = plans.dropFirst()
        var result: [Int32] = []
        result.reserveCapacity(needed)
        var index = first.descending ? entries.count - 1 : 0
        while result.count < needed, entries.indices.contains(index) {
            let key = column(entries[index])
            var low = index
            var high = index
            if first.descending {
                while low > 0, ScalarKey.compare(column(entries[low - 1]), key) == 0 { low -= 1 }
            } else if !rest.isEmpty {
                while high + 1 < entries.count, ScalarKey.compare(column(entries[high + 1]), key) == 0 { high += 1 }
            }
            if low == high {
                if matches.contains(Int(entries[low])) { result.append(entries[low]) }
            } else {
                var group = entries[low...high].filter { matches.contains(Int($0)) }
                if !rest.isEmpty, group.count > 1 {
                    let keys = plans.map { keyLookup($0, in: scope, for: group) }
                    group.sort { precedes($0, $1, keys: keys, from: 1) }
                }
                result.append(contentsOf: group)
            }
            index = first.descending ? low - 1 : high + 1
        }
        return result
    }

    private typealias KeyLookup = (Int32) -> ScalarKey?

    /// Every document's key for a term and the order it gives: a plain field's index, or the
    /// derived keys of a term through relations and components.
    private func sortedKeys(_ plan: SortPlan, in scope: CollectionScope) -> (KeyLookup, SortedOrder) {
        if plan.isDirect {
            let (column, order) = scope.order(plan.field, folded: plan.folded)
            return ({ column[$0] }, order)
        }
        let derived = scope.derivedOrder(plan)
        let keys = derived.keys
        return ({ keys[Int($0)] }, derived.order)
    }

    /// Keys of one term by position.
    private func keyLookup(_ plan: SortPlan, in scope: CollectionScope, for positions: [Int32]) -> KeyLookup {
        if plan.isDefaultOrder { return { .integer(Int64($0)) } }
        if plan.isDirect {
            let column = scope.keys(plan.field, folded: plan.folded)
            return { column[$0] }
        }
        let keys = scope.derivedOrder(plan).keys
        return { keys[Int($0)] }
    }

    private func precedes(_ a: Int32, _ b: Int32, keys: [KeyLookup], from start: Int) -> Bool {
        for index in start..<plans.count {
            let order = ScalarKey.compare(keys[index](a), keys[index](b))
            if order != 0 { return plans[index].descending ? order > 0 : order < 0 }
        }
        return a < b
    }
}
