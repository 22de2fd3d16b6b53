import QuireContent
import QuireGit
import QuireIndex
import Synchronization

/// Apostrophe's read answers for one snapshot, kept as JSON bytes. Unlike Strapi's default
/// rendering, an Apostrophe document cannot be rendered once per version: it embeds its
/// related documents and reads the other view (`lastPublishedAt`, `modified`). All of that is
/// fixed within a snapshot, so the answers are kept in the snapshot's memo and a write, which
/// makes a new snapshot, starts afresh. Nothing here may hold the snapshot (see `SnapshotMemo`).
final class AposSnapshotCache: Sendable {
    /// One document as a view shows it, with a projection (empty: the whole document), to a
    /// caller who may read `readable` (sorted; nil: every type): the related documents it
    /// embeds, to any depth, are only those.
    struct DocumentSlot: Hashable, Sendable {
        var view: View
        var key: DocumentKey
        var projection: AposProjection
        var readable: [String]?
    }

    /// A page tree answer: its view and locale, the types the caller may read, what was
    /// asked (`all`, `flat`, a page id, a depth), and the media library it read: pages embed
    /// image pieces (titles, alt text, URLs), and a media edit moves main without a new snapshot.
    struct TreeSlot: Hashable, Sendable {
        var view: View
        var locale: String
        var readable: [String]
        var request: [String]
        var media: ObjectID?
    }

    struct ArchiveSlot: Hashable, Sendable {
        var view: View
        var locale: String
    }

    private struct Tables {
        var documents = BoundedTable<DocumentSlot, [UInt8]>(budget: 64 << 20) { $0.count + 64 }
        var trees = BoundedTable<TreeSlot, [UInt8]>(budget: 16 << 20) { $0.count + 64 }
        var archived = BoundedTable<ArchiveSlot, Set<String>>(budget: 64) { _ in 1 }
    }

    private let tables = Mutex(Tables())

    static func of(_ snapshot: SiteSnapshot) -> AposSnapshotCache {
        snapshot.memo.value(AposSnapshotCache.self) { AposSnapshotCache() }
    }

    func document(_ slot: DocumentSlot, render: () -> [UInt8]) -> [UInt8] {
        cached(\.documents, slot, build: render)
    }

    func tree(_ slot: TreeSlot, render: () throws -> [UInt8]) rethrows -> [UInt8] {
        try cached(\.trees, slot, build: render)
    }

    func archived(_ slot: ArchiveSlot, build: () -> Set<String>) -> Set<String> {
        cached(\.archived, slot, build: build)
    }

    /// Built outside the lock, so one slow answer never holds up readers of the others.
    private func cached<Key: Hashable & Sendable, Value: Sendable>(_ table: WritableKeyPath<Tables, BoundedTable<Key, Value>>, _ key: Key, build: () throws -> Value) rethrows -> Value {
        if let found = tables.withLock({ $0[keyPath: table].entries[key] }) { return found }
        let built = try build()
        tables.withLock { $0[keyPath: table].insert(built, for: key) }
        return built
    }
}

/// A dictionary with a budget: when an insert would pass it, everything is dropped. Lists are
/// asked in a few shapes again and again; an unusual burst only costs re-rendering.
struct BoundedTable<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private(set) var entries: [Key: Value] = [:]
    private var used = 0
    let budget: Int
    let cost: @Sendable (Value) -> Int

    init(budget: Int, cost: @escaping @Sendable (Value) -> Int) {
        self.budget = budget
        self.cost = cost
    }

    mutating func insert(_ value: Value, for key: Key) {
        guard entries[key] == nil else { return }
        let price = cost(value)
        if used + price > budget {
            entries.removeAll(keepingCapacity: true)
            used = 0
        }
        entries[key] = value
        used += price
    }
}
