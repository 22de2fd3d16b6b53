import QuireContent

/// A filter resolved against the schema: names turned into fields, operands cast.
indirect enum CompiledFilter: Sendable {
    case constant(Bool)
    case and([CompiledFilter])
    case or([CompiledFilter])
    case not(CompiledFilter)
    case field(QueryField, Predicate)
    /// Some related document matches (SQL: a LEFT JOIN row satisfies the condition).
    case relation(RelationHop, CompiledFilter)
    /// Some item of a component, repeatable component or media field matches.
    case items(name: String, shape: RecordShape, CompiledFilter)
    case search(SearchPlan)
}

extension CompiledFilter {
    /// Whether the result depends on more than the filtered collection: other collections, or
    /// the media library, which changes without the collection changing.
    var readsOutsideCollection: Bool {
        switch self {
        case .constant, .field, .search: false
        case .relation, .items(_, .media, _): true
        case .and(let parts), .or(let parts): parts.contains { $0.readsOutsideCollection }
        case .not(let inner), .items(_, _, let inner): inner.readsOutsideCollection
        }
    }
}

/// A relation followed by a filter or sort: which attribute, to which type, stored on which side.
struct RelationHop: Sendable {
    let attribute: String
    let target: ContentType
    /// Set on the inverse side: the target's attribute that stores links back to the source.
    let mappedBy: String?
}

/// `_q`: the lowercased phrase and the fields it is looked for in.
struct SearchPlan: Sendable {
    let needle: [UInt8]
    let fields: [QueryField]
}

/// Resolves `Filter`s against a site's schema.
struct FilterCompiler {
    let schema: SiteSchema

    func compile(_ filter: Filter, on shape: RecordShape, path: [String] = []) throws(QueryError) -> CompiledFilter {
        switch filter {
        case .all: return .constant(true)
        case .and(let parts): return .and(try parts.map { (part) throws(QueryError) in try compile(part, on: shape, path: path) })
        case .or(let parts): return .or(try parts.map { (part) throws(QueryError) in try compile(part, on: shape, path: path) })
        case .not(let inner): return .not(try compile(inner, on: shape, path: path))
        case .search(let phrase): return .search(searchPlan(phrase, on: shape))
        case .field(let name, let op, let operands):
            guard let field = QueryField.resolve(name, on: shape) else { throw .unknownField(path: path + [name]) }
            switch field {
            case .system, .itemID, .scalar, .loose:
                return .field(field, try OperandCast.predicate(op, operands, field: field))
            case .relation, .component, .media:
                // An operator on a relation compares the related record's id, as Strapi does.
                return try compile(.nested(name, .field("id", op, operands)), on: shape, path: path)
            case .dynamicZone:
                throw .unknownField(path: path + [name])
            }
        case .nested(let name, let inner):
            guard let field = QueryField.resolve(name, on: shape) else { throw .unknownField(path: path + [name]) }
            switch field {
            case .relation(_, let target, let mappedBy):
                guard let targetType = schema.contentType(singular: target) else { throw .unknownField(path: path + [name]) }
                let hop = RelationHop(attribute: name, target: targetType, mappedBy: mappedBy)
                return .relation(hop, try compile(inner, on: .document(targetType), path: path + [name]))
            case .component(_, let uid, _):
                guard let component = schema.components[uid] else { throw .unknownField(path: path + [name]) }
                return .items(name: name, shape: .component(component), try compile(inner, on: .component(component), path: path + [name]))
            case .media:
                return .items(name: name, shape: .media, try compile(inner, on: .media, path: path + [name]))
            default:
                throw .unknownField(path: path + [name])
            }
        }
    }

    /// Strapi searches `id` and the string-typed attributes, plus the numeric ones when the
    /// phrase is a number. Private attributes are left out so a search cannot reveal them.
    private func searchPlan(_ phrase: String, on shape: RecordShape) -> SearchPlan {
        guard case .document(let type) = shape else { return SearchPlan(needle: Array(phrase.lowercased().utf8), fields: []) }
        let numeric = Double(phrase.trimmingSpaces) != nil
        var fields: [QueryField] = [.system(.id)]
        for attribute in type.attributes where !attribute.isPrivate {
            if attribute.type.isSearchableText || (numeric && attribute.type.isNumeric) {
                fields.append(.scalar(attribute))
            }
        }
        return SearchPlan(needle: Array(phrase.lowercased().utf8), fields: fields)
    }
}
