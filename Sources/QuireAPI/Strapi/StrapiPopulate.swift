import QuireIndex

/// What to populate on one kind of record: options by attribute name.
struct PopulateSpec: Sendable, Equatable {
    private(set) var entries: [String: PopulateOptions] = [:]

    var isEmpty: Bool { entries.isEmpty }

    subscript(name: String) -> PopulateOptions? { entries[name] }

    mutating func add(_ name: String, _ options: PopulateOptions) {
        if var existing = entries[name] {
            existing.merge(options)
            entries[name] = existing
        } else {
            entries[name] = options
        }
    }

    mutating func merge(_ other: PopulateSpec) {
        for (name, options) in other.entries { add(name, options) }
    }
}

/// How one populated attribute is shown: Strapi's nested `fields`, `filters`, `sort`,
/// `populate`, `count`, and `on` fragments for dynamic zones.
struct PopulateOptions: Sendable, Equatable {
    /// nil: every scalar field.
    var fields: Set<String>?
    var filter: Filter = .all
    var sort: [SortTerm] = []
    var populate = PopulateSpec()
    /// Dynamic zones: options for the items of each component uid.
    var fragments: [String: PopulateOptions] = [:]
    /// Show `{"count": n}` instead of the items.
    var count = false

    var isDefault: Bool { self == PopulateOptions() }

    mutating func merge(_ other: PopulateOptions) {
        fields = fields.flatMap { mine in other.fields.map { mine.union($0) } }
        if other.filter != .all { filter = filter == .all ? other.filter : .and([filter, other.filter]) }
        if !other.sort.isEmpty { sort = other.sort }
        populate.merge(other.populate)
        for (uid, options) in other.fragments {
            if var existing = fragments[uid] {
                existing.merge(options)
                fragments[uid] = existing
            } else {
                fragments[uid] = options
            }
        }
        count = count || other.count
    }
}

/// The response-shaping parts of a read: `fields` and `populate`.
struct StrapiSelection: Sendable, Equatable {
    var fields: Set<String>?
    var populate = PopulateSpec()

    var isDefault: Bool { fields == nil && populate.isEmpty }
}
