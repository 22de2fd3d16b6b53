import QuireContent

/// Records that are no documents (the accounts of the users ref) filtered and ordered with the
/// semantics of document queries: each record is read as an item of `shape`, a component whose
/// attributes describe its fields, and `id` is the record's own number. Nested components of
/// `shape` (a user's role) are looked up in `schema`. Lists are short, so every record is
/// checked on its own, with no index.
public struct PlainRecords: Sendable {
    public let shape: Component
    public let schema: SiteSchema

    public init(shape: Component, schema: SiteSchema) {
        self.shape = shape
        self.schema = schema
    }

    /// The positions in `records` of those `query` selects, in its order (ties keep the list's).
    public func select(_ records: [(id: Int, fields: OrderedObject)], query: DocumentQuery, snapshot: SiteSnapshot) throws(QueryError) -> [Int] {
        let filter = try FilterCompiler(schema: schema).compile(query.filter, on: .component(shape))
        // Only relation hops read the owner's collection, and a plain record has none.
        let owner = CollectionScope(snapshot: snapshot, type: ContentType(
            kind: .collectionType, singularName: shape.uid, pluralName: shape.uid, displayName: shape.displayName,
            draftAndPublish: false, localized: false, shard: nil, attributes: [], sourcePath: ""), view: .published, locale: snapshot.config.defaultLocale)
        let matcher = RecordMatcher()
        let kept = records.indices.filter { matcher.holds(filter, .item(records[$0].fields, position: records[$0].id, owner: owner)) }
        guard !query.sort.isEmpty else { return kept }
        let paths = try query.sort.map { (term) throws(QueryError) in try resolve(term.path) }
        let keyed = kept.map { index in (index, paths.map { key($0, of: records[index]) }) }
        return keyed.sorted { a, b in
            for (position, term) in query.sort.enumerated() {
                let order = ScalarKey.compare(a.1[position], b.1[position])
                if order != 0 { return term.descending ? order > 0 : order < 0 }
            }
            return a.0 < b.0
        }.map(\.0)
    }

    /// A sort path as the components it goes through and the scalar field it ends on.
    private func resolve(_ path: [String]) throws(QueryError) -> (through: [String], field: QueryField) {
        var current = shape
        for (depth, name) in path.enumerated() {
            guard let field = QueryField.resolve(name, on: .component(current)) else { throw .unknownField(path: Array(path[...depth])) }
            switch field {
            case .itemID, .scalar:
                guard depth == path.count - 1 else { throw .unknownField(path: Array(path[...(depth + 1)])) }
                return (Array(path.dropLast()), field)
            case .component(_, let uid, false):
                guard let next = schema.components[uid], depth < path.count - 1 else { throw .unknownField(path: Array(path[...depth])) }
                current = next
            default:
                throw .unknownField(path: Array(path[...depth]))
            }
        }
        throw .unknownField(path: path)
    }

    private func key(_ resolved: (through: [String], field: QueryField), of record: (id: Int, fields: OrderedObject)) -> ScalarKey? {
        var item = record.fields
        var position = record.id
        for name in resolved.through {
            guard let next = FieldValues.items(item[name]).first else { return nil }
            item = next
            position = 1
        }
        return FieldValues.key(resolved.field, ofItem: item, position: position)
    }
}
