import QuireContent

/// A record a filter is checked against one at a time.
enum FilterRecord {
    case document(DocumentVersion, CollectionScope)
    /// A component item (1-based position) or media object, inside a document of `owner`.
    case item(OrderedObject, position: Int, owner: CollectionScope)
    /// The all-null row a LEFT JOIN yields when there is nothing to join.
    case null
}

/// Checks a compiled filter against single records, with the semantics of Strapi's SQL:
/// three-valued logic (a comparison with NULL is neither true nor false, and so is its `$not`)
/// and relations as joins, so `$not` applies to each joined row, and a record without related
/// rows is checked against a row of nulls. `negated` carries a `$not` down to the leaves.
struct RecordMatcher {
    func holds(_ filter: CompiledFilter, _ record: FilterRecord, negated: Bool = false) -> Bool {
        switch filter {
        case .constant(let value):
            return value != negated
        case .and(let parts):
            return negated ? parts.contains { holds($0, record, negated: true) } : parts.allSatisfy { holds($0, record) }
        case .or(let parts):
            return negated ? parts.allSatisfy { holds($0, record, negated: true) } : parts.contains { holds($0, record) }
        case .not(let inner):
            return holds(inner, record, negated: !negated)
        case .field(let field, let predicate):
            return predicate.truth(record.key(field)) == !negated
        case .relation(let hop, let inner):
            let related: [DocumentVersion]
            let target: CollectionScope
            switch record {
            case .document(let version, let scope):
                target = scope.target(hop)
                related = scope.related(version, through: hop)
            case .item(let item, _, let owner):
                target = owner.target(hop)
                related = owner.related(item: item, through: hop)
            case .null:
                return holds(inner, .null, negated: negated)
            }
            if related.isEmpty { return holds(inner, .null, negated: negated) }
            return related.contains { holds(inner, .document($0, target), negated: negated) }
        case .items(let name, let shape, let inner):
            let owner: CollectionScope
            let value: Value?
            switch record {
            case .document(let version, let scope): (owner, value) = (scope, version.fields[name])
            case .item(let item, _, let scope): (owner, value) = (scope, item[name])
            case .null: return holds(inner, .null, negated: negated)
            }
            let items = if case .media = shape { owner.mediaItems(value) } else { FieldValues.items(value) }
            if items.isEmpty { return holds(inner, .null, negated: negated) }
            return items.enumerated().contains { offset, item in
                holds(inner, .item(item, position: offset + 1, owner: owner), negated: negated)
            }
        case .search(let plan):
            guard case .document(let version, let scope) = record else { return false }
            let found = plan.fields.contains { field in
                guard let text = FieldValues.key(field, of: version, type: scope.type)?.text.lowercased() else { return false }
                return TextPattern(kind: .contains, negated: false, foldsCase: true, needle: plan.needle).matches(text)
            }
            return found != negated
        }
    }

}

extension FilterRecord {
    func key(_ field: QueryField) -> ScalarKey? {
        switch self {
        case .document(let version, let scope): FieldValues.key(field, of: version, type: scope.type)
        case .item(let item, let position, _): FieldValues.key(field, ofItem: item, position: position)
        case .null: nil
        }
    }
}
