import HashTreeCollections
import QuireContent

/// A collection's documents by position, in chunks that snapshots share.
public typealias DocumentList = ChunkedArray<DocumentVersion>

/// The documents of one type in one locale and view, in default order (creation time, then
/// documentId): the order a list without `sort` returns, and stable across restarts.
///
/// A write makes a new collection that shares everything but what changed with the old one,
/// which readers in flight keep using: the documents sit in shared chunks, a document's
/// position is found from its creation time (a persistent map) by binary search, and the
/// indexes follow through a `PositionDelta` that names only the changed positions and the
/// rebuilt tail. Creates land at the end and updates keep their place, so the tail is empty
/// or short; a delete far from the end still renumbers everything after it.
public struct DocumentCollection: Sendable {
    public private(set) var documents = DocumentList()
    private var created: TreeDictionary<String, Int64> = [:]
    /// Secondary indexes for queries, built lazily; a changed collection inherits and updates them.
    let indexes: CollectionIndexes

    public init() {
        indexes = CollectionIndexes()
    }

    init(_ versions: some Sequence<DocumentVersion>) {
        let sorted = versions.sorted(by: Self.precedes)
        documents = DocumentList(sorted)
        for version in sorted { created[version.key.documentId] = version.createdAt }
        indexes = CollectionIndexes()
    }

    private init(documents: DocumentList, created: TreeDictionary<String, Int64>, indexes: CollectionIndexes) {
        self.documents = documents
        self.created = created
        self.indexes = indexes
    }

    public var count: Int { documents.count }

    public func document(_ documentId: String) -> DocumentVersion? {
        position(of: documentId).map { documents[$0] }
    }

    func position(of documentId: String) -> Int? {
        guard let createdAt = created[documentId] else { return nil }
        let position = lowerBound(createdAt: createdAt, documentId: documentId)
        guard position < documents.count, documents[position].key.documentId == documentId else { return nil }
        return position
    }

    /// How many documents sort before (`createdAt`, `documentId`).
    private func lowerBound(createdAt: Int64, documentId: String) -> Int {
        var low = 0
        var high = documents.count
        while low < high {
            let middle = (low + high) / 2
            let other = documents[middle]
            let before = other.createdAt != createdAt ? other.createdAt < createdAt : other.key.documentId < documentId
            if before { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// A copy with `upserts` in place of (or in addition to) their former versions and `removals`
    /// gone. Kept documents keep their relative order, so the indexes can follow by remapping.
    func applying(upserts: [DocumentVersion], removals: Set<String>) -> DocumentCollection {
        var replacedInPlace: [Int: DocumentVersion] = [:]
        var dropped: Set<Int> = []
        var inserted: [DocumentVersion] = []
        var prefix = documents.count
        for id in removals {
            guard let position = position(of: id) else { continue }
            dropped.insert(position)
            prefix = min(prefix, position)
        }
        for version in upserts {
            let id = version.key.documentId
            if let position = position(of: id) {
                if documents[position].createdAt == version.createdAt {
                    replacedInPlace[position] = version
                    continue
                }
                dropped.insert(position)
                prefix = min(prefix, position)
            }
            inserted.append(version)
            prefix = min(prefix, lowerBound(createdAt: version.createdAt, documentId: id))
        }
        inserted.sort(by: Self.precedes)

        var next = documents
        next.truncate(to: prefix)
        var replaced: [Int32] = []
        for (position, version) in replacedInPlace where position < prefix {
            next.replace(at: position, with: version)
            replaced.append(Int32(position))
        }
        replaced.sort()
        // The tail: old documents from `prefix` on, less the dropped, merged with the inserted.
        var tailOldToNew = [Int32](repeating: -1, count: documents.count - prefix)
        var tailNewToOld: [Int32] = []
        var pending = inserted[...]
        for old in prefix..<documents.count where !dropped.contains(old) {
            let version = replacedInPlace[old] ?? documents[old]
            while let first = pending.first, Self.precedes(first, version) {
                next.append(first)
                tailNewToOld.append(-1)
                pending = pending.dropFirst()
            }
            if replacedInPlace[old] == nil { tailOldToNew[old - prefix] = Int32(next.count) }
            tailNewToOld.append(replacedInPlace[old] == nil ? Int32(old) : -1)
            next.append(version)
        }
        for version in pending {
            next.append(version)
            tailNewToOld.append(-1)
        }

        var created = self.created
        for id in removals { created[id] = nil }
        for version in upserts { created[version.key.documentId] = version.createdAt }
        let delta = PositionDelta(
            prefix: prefix, oldCount: documents.count, replaced: replaced, tailOldToNew: tailOldToNew, tailNewToOld: tailNewToOld)
        return DocumentCollection(documents: next, created: created, indexes: indexes.carried(over: delta, documents: next))
    }

    static func precedes(_ a: DocumentVersion, _ b: DocumentVersion) -> Bool {
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        return a.key.documentId < b.key.documentId
    }
}
