import Synchronization

/// The secondary indexes of one collection, built on first use per field and shared by every
/// request reading the same snapshot. When a write changes a few documents, the next
/// collection inherits them through `carried(over:)` instead of rebuilding.
final class CollectionIndexes: Sendable {
    private struct Cache {
        var keys: [String: Column<ScalarKey?>] = [:]
        var links: [String: Column<[String]>] = [:]
        var signatures: [String: Column<TextSignature>] = [:]
        var orders: [String: SortedOrder] = [:]
        var postings: [String: Postings] = [:]
        var matches: [Filter: Bitset] = [:]
        var derived: [String: DerivedOrder] = [:]
    }

    /// Filter results kept per collection; a few dozen distinct filters cover what a site's
    /// frontends ask again and again.
    static let matchesLimit = 64

    private let cache: Mutex<Cache>

    init() {
        cache = Mutex(Cache())
    }

    private init(_ contents: Cache) {
        cache = Mutex(contents)
    }

    /// Built outside the lock so a slow build never blocks readers of other indexes; two
    /// requests racing to build the same one both compute it and the first stored wins.
    private func cached<T: Sendable>(_ path: WritableKeyPath<Cache, [String: T]>, _ name: String, build: () -> T) -> T {
        if let found = cache.withLock({ $0[keyPath: path][name] }) { return found }
        let built = build()
        return cache.withLock { contents in
            if let found = contents[keyPath: path][name] { return found }
            contents[keyPath: path][name] = built
            return built
        }
    }

    func keys(_ name: String, _ documents: DocumentList, _ extract: @escaping @Sendable (DocumentVersion) -> ScalarKey?) -> Column<ScalarKey?> {
        cached(\.keys, name) { Column(documents, extract: extract) }
    }

    func links(_ name: String, _ documents: DocumentList, _ extract: @escaping @Sendable (DocumentVersion) -> [String]) -> Column<[String]> {
        cached(\.links, name) { Column(documents, extract: extract) }
    }

    func signatures(_ name: String, _ documents: DocumentList, _ extract: @escaping @Sendable (DocumentVersion) -> TextSignature) -> Column<TextSignature> {
        cached(\.signatures, name) { Column(documents, extract: extract) }
    }

    func order(_ name: String, _ documents: DocumentList, _ extract: @escaping @Sendable (DocumentVersion) -> ScalarKey?) -> (Column<ScalarKey?>, SortedOrder) {
        let column = keys(name, documents, extract)
        return (column, cached(\.orders, name) { SortedOrder(column, count: column.count) })
    }

    func postings(_ name: String, _ documents: DocumentList, _ extract: @escaping @Sendable (DocumentVersion) -> [String]) -> Postings {
        let column = links(name, documents, extract)
        return cached(\.postings, name) { Postings(column) }
    }

    /// The documents matching a filter that reads only this collection's own documents (no
    /// relation): such a result cannot change while the collection does not, so it is kept.
    func matches(_ filter: Filter, compute: () -> Bitset) -> Bitset {
        if let found = cache.withLock({ $0.matches[filter] }) { return found }
        let computed = compute()
        cache.withLock { contents in
            if contents.matches.count >= Self.matchesLimit { contents.matches.removeAll(keepingCapacity: true) }
            contents.matches[filter] = computed
        }
        return computed
    }

    /// A derived sort order, rebuilt when a collection it was read from has changed since.
    func derived(_ name: String, valid sources: [ObjectIdentifier], build: () -> DerivedOrder) -> DerivedOrder {
        if let found = cache.withLock({ $0.derived[name] }), found.sources == sources { return found }
        let built = build()
        cache.withLock { $0.derived[name] = built }
        return built
    }

    /// The indexes of the collection `documents` that `delta` made from this one.
    func carried(over delta: PositionDelta, documents: DocumentList) -> CollectionIndexes {
        let old = cache.withLock { $0 }
        var next = Cache()
        for (name, column) in old.keys { next.keys[name] = column.carried(over: delta, documents: documents) }
        for (name, column) in old.links { next.links[name] = column.carried(over: delta, documents: documents) }
        for (name, column) in old.signatures { next.signatures[name] = column.carried(over: delta, documents: documents) }
        for (name, order) in old.orders {
            guard let oldKeys = old.keys[name], let keys = next.keys[name] else { continue }
            next.orders[name] = order.carried(over: delta, oldKeys: oldKeys, keys: keys)
        }
        for (name, postings) in old.postings {
            guard let oldLinks = old.links[name], let newLinks = next.links[name] else { continue }
            next.postings[name] = postings.carried(over: delta, oldLinks: oldLinks, newLinks: newLinks)
        }
        return CollectionIndexes(next)
    }
}
