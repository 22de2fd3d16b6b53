/// A condition on documents, by attribute name, before it is checked against a schema.
/// Operands stay text: what they mean depends on the attribute they are compared with.
public indirect enum Filter: Sendable, Hashable {
    /// Matches everything (an empty filter).
    case all
    case and([Filter])
    case or([Filter])
    case not(Filter)
    /// A scalar attribute, or a system field (`id`, `documentId`, `createdAt`, `updatedAt`,
    /// `publishedAt`, `locale`) of the record at hand.
    case field(String, FilterOperator, [String?])
    /// A relation, component or media attribute: some related record matches the nested filter.
    case nested(String, Filter)
    /// Case-insensitive substring search over the searchable text fields (`_q`).
    case search(String)
}

/// Strapi's 21 attribute-level comparison operators.
public enum FilterOperator: String, Sendable, CaseIterable {
    case eq = "$eq", eqi = "$eqi", ne = "$ne", nei = "$nei"
    case lt = "$lt", lte = "$lte", gt = "$gt", gte = "$gte"
    case `in` = "$in", notIn = "$notIn", between = "$between"
    case contains = "$contains", notContains = "$notContains"
    case containsi = "$containsi", notContainsi = "$notContainsi"
    case startsWith = "$startsWith", startsWithi = "$startsWithi"
    case endsWith = "$endsWith", endsWithi = "$endsWithi"
    case null = "$null", notNull = "$notNull"

    /// Operators whose operand is a list; any other operator given a list means "any of them".
    public var takesList: Bool {
        self == .in || self == .notIn || self == .between
    }

    var foldsCase: Bool {
        switch self {
        case .eqi, .nei, .containsi, .notContainsi, .startsWithi, .endsWithi: true
        default: false
        }
    }
}

/// One key of an ordering: a path of attribute names (`["author", "name"]` through a relation).
public struct SortTerm: Sendable, Equatable {
    public var path: [String]
    public var descending: Bool
    /// Orders by the text with case and accents folded and a missing value as empty text
    /// (Apostrophe's "sortified" titles). Only for a field of the document itself.
    public var folded: Bool

    public init(path: [String], descending: Bool = false, folded: Bool = false) {
        self.path = path
        self.descending = descending
        self.folded = folded
    }
}

/// What a list read asks for besides pagination.
public struct DocumentQuery: Sendable, Equatable {
    public var filter: Filter
    public var sort: [SortTerm]

    public init(filter: Filter = .all, sort: [SortTerm] = []) {
        self.filter = filter
        self.sort = sort
    }

    public var isDefault: Bool { filter == .all && sort.isEmpty }
}

/// Why a query could not be run against the schema. Dialects validate names before this
/// layer sees them, so in practice only operand values end up here.
public enum QueryError: Error, Sendable, Equatable {
    /// `path` names no filterable or sortable field.
    case unknownField(path: [String])
    /// An operand that cannot be read as the field's type (message in Strapi's words).
    case invalidValue(field: String, message: String)
}
