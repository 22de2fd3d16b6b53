import QuireContent

/// The documents a query selected in one collection: counted at once, ordered only for the
/// page that is asked for.
public struct QueryResult: Sendable {
    public let total: Int
    /// nil: every document, in default order.
    let matches: Bitset?
    let plans: [SortPlan]
    let scope: CollectionScope

    public func documents(in range: Range<Int>) -> [DocumentVersion] {
        let documents = scope.documents
        guard let matches else {
            let clamped = range.clamped(to: 0..<documents.count)
            return Array(documents[clamped])
        }
        return Ordering(plans: plans).page(matches, in: scope, range: range).map { documents[Int($0)] }
    }
}

extension SiteSnapshot {
    /// Runs a list query on the collection of `type` in `view` and `locale`, using (and lazily
    /// building) the collection's indexes. `media` is where filters on media fields read files.
    public func query(_ query: DocumentQuery, type: ContentType, view: View, locale: String,
                      media: MediaLookup? = nil) throws(QueryError) -> QueryResult {
        let scope = CollectionScope(snapshot: self, type: type, view: view, locale: locale, media: media)
        let plans = try SortPlan.compile(query.sort, on: type, schema: schema)
        if query.filter == .all && plans.isEmpty && !scope.collection.hasHoles {
            return QueryResult(total: scope.count, matches: nil, plans: [], scope: scope)
        }
        let filter = try FilterCompiler(schema: schema).compile(query.filter, on: .document(type))
        let matches = filter.readsOutsideCollection
            ? scope.masked(FilterEvaluator().evaluate(filter, in: scope))
            : scope.collection.indexes.matches(query.filter) { scope.masked(FilterEvaluator().evaluate(filter, in: scope)) }
        return QueryResult(total: matches.population, matches: matches, plans: plans, scope: scope)
    }

    /// The same answer as `query`, found by checking and sorting every document on its own,
    /// without indexes: the reference the index-based path is tested against.
    func scan(_ query: DocumentQuery, type: ContentType, view: View, locale: String,
              media: MediaLookup? = nil) throws(QueryError) -> (total: Int, documents: [DocumentVersion]) {
        let scope = CollectionScope(snapshot: self, type: type, view: view, locale: locale, media: media)
        let filter = try FilterCompiler(schema: schema).compile(query.filter, on: .document(type))
        let plans = try SortPlan.compile(query.sort, on: type, schema: schema)
        let matcher = RecordMatcher()
        let matched = scope.documents.enumerated().filter { !$1.isRemoved && matcher.holds(filter, .document($1, scope)) }
        let sorted = Self.sort(matched.map { ($0.offset, $0.element) }, plans: plans, scope: scope)
        return (matched.count, sorted)
    }

    /// Narrows and orders a short list of documents of `type` (the items of a populated
    /// relation), checking each on its own. Ties keep the list's order.
    public func refine(_ versions: [DocumentVersion], type: ContentType, query: DocumentQuery, view: View, locale: String,
                       media: MediaLookup? = nil) throws(QueryError) -> [DocumentVersion] {
        if query.isDefault { return versions }
        let scope = CollectionScope(snapshot: self, type: type, view: view, locale: locale, media: media)
        let filter = try FilterCompiler(schema: schema).compile(query.filter, on: .document(type))
        let plans = try SortPlan.compile(query.sort, on: type, schema: schema)
        let matcher = RecordMatcher()
        let kept = versions.enumerated().filter { matcher.holds(filter, .document($1, scope)) }
        return Self.sort(kept.map { ($0.offset, $0.element) }, plans: plans, scope: scope)
    }

    private static func sort(_ items: [(rank: Int, version: DocumentVersion)], plans: [SortPlan], scope: CollectionScope) -> [DocumentVersion] {
        guard !plans.isEmpty else { return items.map(\.version) }
        let keyed = items.map { item in
            (item, plans.map { plan -> ScalarKey? in
                if plan.isDefaultOrder { return scope.collection.position(of: item.version.key.documentId).map { .integer(Int64($0)) } }
                return plan.key(of: item.version, in: scope)
            })
        }
        return keyed.sorted { a, b in
            for (index, plan) in plans.enumerated() {
                let order = ScalarKey.compare(a.1[index], b.1[index])
                if order != 0 { return plan.descending ? order > 0 : order < 0 }
            }
            return a.0.rank < b.0.rank
        }.map(\.0.version)
    }
}
