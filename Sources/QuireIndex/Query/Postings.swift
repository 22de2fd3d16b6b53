/// For one relation attribute of a collection: which documents (positions, ascending) link to
/// each target documentId. It serves deep filters (from matching targets back to sources) and
/// the inverse side of relations (`mappedBy`), which is stored only on the owning side.
struct Postings: Sendable {
    let lists: [String: [Int32]]

    init(_ links: Column<[String]>) {
        var lists: [String: [Int32]] = [:]
        links.forEach { position, targets in
            for target in targets { lists[target, default: []].append(Int32(position)) }
        }
        self.lists = lists
    }

    private init(lists: [String: [Int32]]) {
        self.lists = lists
    }

    subscript(target: String) -> [Int32] { lists[target] ?? [] }

    func carried(over delta: PositionDelta, oldLinks: Column<[String]>, newLinks: Column<[String]>) -> Postings {
        var lists: [String: [Int32]]
        if delta.isStable {
            // Kept documents did not move: only the dropped and fresh ones need touching.
            lists = self.lists
            for position in delta.dropped {
                for target in oldLinks[position] {
                    lists[target]?.removeAll { $0 == position }
                    if lists[target]?.isEmpty == true { lists[target] = nil }
                }
            }
        } else {
            lists = [:]
            lists.reserveCapacity(self.lists.count)
            for (target, positions) in self.lists {
                let moved = positions.compactMap { position -> Int32? in
                    let new = delta.oldToNew[Int(position)]
                    return new >= 0 ? new : nil
                }
                if !moved.isEmpty { lists[target] = moved }
            }
        }
        for position in delta.fresh {
            for target in newLinks[position] {
                var list = lists[target] ?? []
                var index = list.count
                while index > 0, list[index - 1] > position { index -= 1 }
                if index == 0 || list[index - 1] != position { list.insert(position, at: index) }
                lists[target] = list
            }
        }
        return Postings(lists: lists)
    }
}
