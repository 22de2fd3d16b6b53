import HashTreeCollections

/// For one relation attribute of a collection: which documents (positions, ascending) link to
/// each target documentId. It serves deep filters (from matching targets back to sources) and
/// the inverse side of relations (`mappedBy`), which is stored only on the owning side.
struct Postings: Sendable {
    let lists: TreeDictionary<String, [Int32]>

    init(_ links: Column<[String]>) {
        var lists: TreeDictionary<String, [Int32]> = [:]
        links.forEach { position, targets in
            for target in targets { lists[target, default: []].append(Int32(position)) }
        }
        self.lists = lists
    }

    private init(lists: TreeDictionary<String, [Int32]>) {
        self.lists = lists
    }

    subscript(target: String) -> [Int32] { lists[target] ?? [] }

    /// Only the lists of targets that a dropped, moved or fresh document links to change.
    func carried(over delta: PositionDelta, oldLinks: Column<[String]>, newLinks: Column<[String]>) -> Postings {
        var lists = self.lists
        var touched: Set<String> = []
        for position in delta.dropped {
            for target in oldLinks[position] { touched.insert(target) }
        }
        let moved = delta.moved
        for (old, _) in moved {
            for target in oldLinks[old] { touched.insert(target) }
        }
        // Entries at or past the tail are rebuilt from the new links; the prefix keeps its own.
        let fresh = delta.fresh
        for position in fresh {
            for target in newLinks[position] { touched.insert(target) }
        }
        var additions: [String: [Int32]] = [:]
        for position in fresh {
            for target in newLinks[position] { additions[target, default: []].append(position) }
        }
        for (_, new) in moved {
            for target in newLinks[new] { additions[target, default: []].append(new) }
        }
        for target in touched {
            var list = lists[target] ?? []
            // Lists are ascending: the entries at or past the rebuilt tail are a suffix.
            list.removeSubrange(Self.lowerBound(list, Int32(delta.prefix))...)
            for position in delta.replaced {
                let index = Self.lowerBound(list, position)
                if index < list.count, list[index] == position { list.remove(at: index) }
            }
            for position in additions[target] ?? [] {
                let index = Self.lowerBound(list, position)
                // A document linking one target twice is listed once.
                if index == list.count || list[index] != position { list.insert(position, at: index) }
            }
            lists[target] = list.isEmpty ? nil : list
        }
        return Postings(lists: lists)
    }

    private static func lowerBound(_ list: [Int32], _ value: Int32) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
