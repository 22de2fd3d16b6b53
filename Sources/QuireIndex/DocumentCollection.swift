import QuireContent

/// The documents of one type in one locale and view, in default order (creation time, then
/// documentId): the order a list without `sort` returns, and stable across restarts.
public struct DocumentCollection: Sendable {
    public private(set) var documents: [DocumentVersion] = []
    private var positions: [String: Int] = [:]
    /// Secondary indexes for queries, built lazily; a changed collection inherits and updates them.
    let indexes: CollectionIndexes

    public init() {
        indexes = CollectionIndexes()
    }

    init(_ versions: [DocumentVersion]) {
        documents = versions.sorted(by: Self.precedes)
        indexes = CollectionIndexes()
        reindex()
    }

    private init(documents: [DocumentVersion], positions: [String: Int], indexes: CollectionIndexes) {
        self.documents = documents
        self.positions = positions
        self.indexes = indexes
    }

    public var count: Int { documents.count }

    public func document(_ documentId: String) -> DocumentVersion? {
        positions[documentId].map { documents[$0] }
    }

    func position(of documentId: String) -> Int? {
        positions[documentId]
    }

    /// A copy with `upserts` in place of (or in addition to) their former versions and `removals`
    /// gone. Kept documents keep their relative order, so the indexes can follow by remapping.
    func applying(upserts: [DocumentVersion], removals: Set<String>) -> DocumentCollection {
        let replaced = removals.union(upserts.map(\.key.documentId))
        let dropped = replaced.compactMap { positions[$0] }.sorted()
        let inserted = upserts.sorted(by: Self.precedes)
        var merged: [DocumentVersion] = []
        merged.reserveCapacity(documents.count - dropped.count + inserted.count)
        var oldToNew = [Int32](repeating: -1, count: documents.count)
        var newToOld: [Int32] = []
        newToOld.reserveCapacity(merged.capacity)
        var next = 0
        var skip = 0
        for (old, version) in documents.enumerated() {
            if skip < dropped.count, dropped[skip] == old {
                skip += 1
                continue
            }
            while next < inserted.count, Self.precedes(inserted[next], version) {
                merged.append(inserted[next])
                newToOld.append(-1)
                next += 1
            }
            oldToNew[old] = Int32(merged.count)
            merged.append(version)
            newToOld.append(Int32(old))
        }
        for version in inserted[next...] {
            merged.append(version)
            newToOld.append(-1)
        }
        let delta = PositionDelta(oldToNew: oldToNew, newToOld: newToOld)
        var moved = positions
        if delta.isStable {
            // Updates in place and appends: only the changed documents' entries move.
            for id in replaced { moved[id] = nil }
            for position in delta.fresh { moved[merged[Int(position)].key.documentId] = Int(position) }
        } else {
            // Creates made within the same second sort among each other by documentId, so they
            // land just before the end: renumber from the first position that changed, not all.
            var first = 0
            while first < merged.count, first < documents.count, newToOld[first] == Int32(first) { first += 1 }
            for id in replaced { moved[id] = nil }
            for position in first..<merged.count { moved[merged[position].key.documentId] = position }
        }
        return DocumentCollection(documents: merged, positions: moved, indexes: indexes.carried(over: delta, documents: merged))
    }

    private mutating func reindex() {
        positions = Self.positions(of: documents)
    }

    private static func positions(of documents: [DocumentVersion]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: documents.enumerated().map { ($1.key.documentId, $0) })
    }

    static func precedes(_ a: DocumentVersion, _ b: DocumentVersion) -> Bool {
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        return a.key.documentId < b.key.documentId
    }
}
