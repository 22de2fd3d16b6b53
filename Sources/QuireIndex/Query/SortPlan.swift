import QuireContent

/// One sort term resolved against the schema: the steps from the document to the field
/// (relations, components) and the field whose value orders.
struct SortPlan: Sendable {
    enum Step: Sendable {
        case relation(RelationHop)
        case items(String)
    }

    let steps: [Step]
    let field: QueryField
    let descending: Bool
    /// See `SortTerm.folded`; only on direct terms.
    var folded = false

    /// `id` orders like the default order (creation time, then documentId): Quire's ids are
    /// stable hashes, not a sequence, and clients sort by id to mean "in creation order".
    var isDefaultOrder: Bool {
        if steps.isEmpty, !folded, case .system(.id) = field { return true }
        return false
    }

    var isDirect: Bool { steps.isEmpty }

    static func compile(_ terms: [SortTerm], on type: ContentType, schema: SiteSchema) throws(QueryError) -> [SortPlan] {
        var plans: [SortPlan] = []
        for term in terms {
            var shape = RecordShape.document(type)
            var steps: [Step] = []
            for (index, name) in term.path.enumerated() {
                let path = Array(term.path[...index])
                guard let field = QueryField.resolve(name, on: shape) else { throw .unknownField(path: path) }
                let isLast = index == term.path.count - 1
                if isLast {
                    switch field {
                    case .system, .scalar, .itemID, .loose:
                        guard !term.folded || steps.isEmpty else { throw .unknownField(path: path) }
                        plans.append(SortPlan(steps: steps, field: field, descending: term.descending, folded: term.folded))
                        continue
                    default:
                        throw .unknownField(path: path)
                    }
                }
                switch field {
                case .relation(_, let target, let mappedBy):
                    guard let targetType = schema.contentType(singular: target) else { throw .unknownField(path: path) }
                    steps.append(.relation(RelationHop(attribute: name, target: targetType, mappedBy: mappedBy)))
                    shape = .document(targetType)
                case .component(_, let uid, _):
                    guard let component = schema.components[uid] else { throw .unknownField(path: path) }
                    steps.append(.items(name))
                    shape = .component(component)
                case .media:
                    steps.append(.items(name))
                    shape = .media
                default:
                    throw .unknownField(path: path)
                }
            }
        }
        return plans
    }

    /// The key of a document for this term. Through a to-many step a document has several
    /// values; it takes the one that comes first in the requested direction, which is where
    /// the first of its joined rows would land.
    func key(of version: DocumentVersion, in scope: CollectionScope) -> ScalarKey? {
        if steps.isEmpty {
            let key = FieldValues.key(field, of: version, type: scope.type)
            return folded ? FieldValues.folded(key) : key
        }
        var records: [FilterRecord] = [.document(version, scope)]
        for step in steps {
            records = records.flatMap { record -> [FilterRecord] in
                switch (step, record) {
                case (.relation(let hop), .document(let version, let scope)):
                    let target = scope.target(hop)
                    return scope.related(version, through: hop).map { .document($0, target) }
                case (.relation(let hop), .item(let item, _, let owner)):
                    let target = owner.target(hop)
                    return owner.related(item: item, through: hop).map { .document($0, target) }
                case (.items(let name), .document(let version, let scope)):
                    return FieldValues.items(version.fields[name]).enumerated().map { .item($1, position: $0 + 1, owner: scope) }
                case (.items(let name), .item(let item, _, let owner)):
                    return FieldValues.items(item[name]).enumerated().map { .item($1, position: $0 + 1, owner: owner) }
                default:
                    return []
                }
            }
        }
        let keys = records.compactMap { $0.key(field) }
        return descending ? keys.max() : keys.min()
    }
}
