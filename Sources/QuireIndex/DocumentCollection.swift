import HashTreeCollections
import QuireContent

/// A collection's slots by position, in chunks that snapshots share; a deleted document's slot
/// holds a placeholder (`DocumentVersion.isRemoved`) until the collection is compacted.
typealias DocumentList = ChunkedArray<DocumentVersion>

/// The documents of one type in one locale and view, in default order (creation time, then
/// documentId): the order a list without `sort` returns, and stable across restarts.
///
/// A write makes a new collection that shares everything but what changed with the old one,
/// which readers in flight keep using: the documents sit in shared chunks, a document's
/// position is found from its creation time (a persistent map) by binary search, and the
/// indexes follow through a `PositionDelta` that names only the changed positions and the
/// rebuilt tail. Creates land at the end, updates keep their slot and a delete leaves a
/// placeholder in its slot (queries mask it out), so no position moves and every index is
/// carried over in O(log n) per change. Only a document inserted before others (created
/// earlier than the newest, e.g. a human commit or a published draft) rebuilds the tail after
/// it, and so does compaction, once placeholders are an eighth of the slots (amortized O(1)).
public struct DocumentCollection: Sendable {
    private(set) var slots = DocumentList()
    private var created: TreeDictionary<String, Int64> = [:]
    /// Positions of the placeholders in `slots`.
    private var holes: TreeSet<Int32> = []
    /// Secondary indexes for queries, built lazily; a changed collection inherits and updates them.
    let indexes: CollectionIndexes

    public init() {
        indexes = CollectionIndexes()
    }

    init(_ versions: some Sequence<DocumentVersion>) {
        let sorted = Self.sortedByDefaultOrder(Array(versions))
        slots = DocumentList(sorted)
        created = TreeDictionary(sorted.lazy.map { ($0.key.documentId, $0.createdAt) }, uniquingKeysWith: { _, last in last })
        indexes = CollectionIndexes()
    }

    /// `precedes` order, sorting small keys (creation time, the first 8 bytes of an ASCII
    /// documentId) rather than the versions: a start sorts every collection, and comparing
    /// versions directly spent most of that in reference counting and string comparison.
    private static func sortedByDefaultOrder(_ versions: [DocumentVersion]) -> [DocumentVersion] {
        struct Entry {
            let created: Int64
            /// Big-endian ASCII prefix, zero-padded; 0 with `exact == false` when not ASCII.
            let head: UInt64
            let exact: Bool
            let index: Int32
        }
        var entries = versions.enumerated().map { index, version -> Entry in
            var head: UInt64 = 0
            var ascii = true
            var taken = 0
            for byte in version.key.documentId.utf8.prefix(8) {
                ascii = ascii && byte < 0x80
                head = head << 8 | UInt64(byte)
                taken += 1
            }
            head <<= UInt64(8 * (8 - taken))
            return Entry(created: version.createdAt, head: ascii ? head : 0, exact: ascii, index: Int32(index))
        }
        entries.sort { a, b in
            if a.created != b.created { return a.created < b.created }
            if a.exact, b.exact, a.head != b.head { return a.head < b.head }
            return versions[Int(a.index)].key.documentId < versions[Int(b.index)].key.documentId
        }
        return entries.map { versions[Int($0.index)] }
    }

    private init(slots: DocumentList, created: TreeDictionary<String, Int64>, holes: TreeSet<Int32>, indexes: CollectionIndexes) {
        self.slots = slots
        self.created = created
        self.holes = holes
        self.indexes = indexes
    }

    /// How many documents the collection holds.
    public var count: Int { slots.count - holes.count }

    /// The documents in default order.
    public var documents: LiveDocuments { LiveDocuments(slots: slots, count: count) }

    /// Positions a query may range over (documents and placeholders).
    var slotCount: Int { slots.count }

    var hasHoles: Bool { !holes.isEmpty }

    /// The positions holding documents: what every query result is masked with.
    func liveMask() -> Bitset {
        var mask = Bitset(count: slots.count, full: true)
        for hole in holes { mask.remove(Int(hole)) }
        return mask
    }

    public func document(_ documentId: String) -> DocumentVersion? {
        position(of: documentId).map { slots[$0] }
    }

    func position(of documentId: String) -> Int? {
        guard let createdAt = created[documentId] else { return nil }
        let position = lowerBound(createdAt: createdAt, documentId: documentId)
        guard position < slots.count, !slots[position].isRemoved, slots[position].key.documentId == documentId else { return nil }
        return position
    }

    /// How many slots sort before (`createdAt`, `documentId`) (placeholders keep their keys).
    private func lowerBound(createdAt: Int64, documentId: String) -> Int {
        var low = 0
        var high = slots.count
        while low < high {
            let middle = (low + high) / 2
            let other = slots[middle]
            let before = other.createdAt != createdAt ? other.createdAt < createdAt : other.key.documentId < documentId
            if before { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// A copy with `upserts` in place of (or in addition to) their former versions and `removals`
    /// gone. Kept documents keep their relative order, so the indexes can follow by remapping.
    func applying(upserts: [DocumentVersion], removals: Set<String>) -> DocumentCollection {
        var inPlace: [Int: DocumentVersion] = [:]
        var inserted: [DocumentVersion] = []
        var prefix = slots.count
        for id in removals {
            guard let position = position(of: id) else { continue }
            inPlace[position] = DocumentVersion(removed: slots[position])
        }
        for version in upserts {
            let id = version.key.documentId
            if let position = position(of: id) {
                if slots[position].createdAt == version.createdAt {
                    inPlace[position] = version
                    continue
                }
                inPlace[position] = DocumentVersion(removed: slots[position])
            }
            let slot = lowerBound(createdAt: version.createdAt, documentId: id)
            if slot < slots.count, slots[slot].isRemoved, slots[slot].key.documentId == id, slots[slot].createdAt == version.createdAt {
                inPlace[slot] = version  // back in the slot it left
                continue
            }
            inserted.append(version)
            prefix = min(prefix, slot)
        }
        inserted.sort(by: Self.precedes)

        var holes = self.holes
        for (position, version) in inPlace {
            if version.isRemoved { holes.insert(Int32(position)) } else { holes.remove(Int32(position)) }
        }
        if holes.count > max(64, slots.count / 8) {
            // Compaction: the tail from the first placeholder on is rebuilt without them.
            prefix = min(prefix, Int(holes.min()!))
        }
        if prefix < slots.count { holes = holes.filter { Int($0) < prefix } }

        var next = slots
        next.truncate(to: prefix)
        var replaced: [Int32] = []
        for (position, version) in inPlace where position < prefix {
            next.replace(at: position, with: version)
            replaced.append(Int32(position))
        }
        replaced.sort()
        // The tail: old documents from `prefix` on, less placeholders, merged with the inserted.
        var tailOldToNew = [Int32](repeating: -1, count: slots.count - prefix)
        var tailNewToOld: [Int32] = []
        var pending = inserted[...]
        for old in prefix..<slots.count {
            let version = inPlace[old] ?? slots[old]
            if version.isRemoved { continue }
            while let first = pending.first, Self.precedes(first, version) {
                next.append(first)
                tailNewToOld.append(-1)
                pending = pending.dropFirst()
            }
            if inPlace[old] == nil { tailOldToNew[old - prefix] = Int32(next.count) }
            tailNewToOld.append(inPlace[old] == nil ? Int32(old) : -1)
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
            prefix: prefix, oldCount: slots.count, replaced: replaced, tailOldToNew: tailOldToNew, tailNewToOld: tailNewToOld)
        return DocumentCollection(slots: next, created: created, holes: holes, indexes: indexes.carried(over: delta, documents: next))
    }

    static func precedes(_ a: DocumentVersion, _ b: DocumentVersion) -> Bool {
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        return a.key.documentId < b.key.documentId
    }
}

/// A collection's documents in default order, without the placeholders of deleted ones.
public struct LiveDocuments: Sequence, Sendable {
    let slots: DocumentList
    /// How many documents (placeholders not counted).
    public let count: Int

    public struct Iterator: IteratorProtocol {
        var base: IndexingIterator<DocumentList>

        public mutating func next() -> DocumentVersion? {
            while let version = base.next() {
                if !version.isRemoved { return version }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(base: slots.makeIterator()) }

    public var underestimatedCount: Int { count }
}
