import QuireIndex

/// What to populate on one kind of record: options per attribute, kept in schema order (by the
/// attribute's index), which is the order the response shows them in.
struct PopulateSpec: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        /// The attribute's index in its content type's or component's attributes.
        var index: Int
        var name: String
        var options: PopulateOptions
    }

    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    subscript(name: String) -> PopulateOptions? { entries.first { $0.name == name }?.options }

    mutating func add(_ name: String, index: Int, _ options: PopulateOptions) {
        if let position = entries.firstIndex(where: { $0.name == name }) {
            entries[position].options.merge(options)
        } else {
            let position = entries.firstIndex { $0.index > index } ?? entries.count
            entries.insert(Entry(index: index, name: name, options: options), at: position)
        }
    }

    mutating func merge(_ other: PopulateSpec) {
        for entry in other.entries { add(entry.name, index: entry.index, entry.options) }
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
    /// Morph relations: the types whose documents the caller may see (`fragments` are keyed by
    /// their uids, `api::article.article`).
    var morphTypes: Set<String>?

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
        if let types = other.morphTypes { morphTypes = (morphTypes ?? []).union(types) }
    }
}

/// The response-shaping parts of a read: `fields` and `populate`.
struct StrapiSelection: Sendable, Equatable {
    var fields: Set<String>?
    var populate = PopulateSpec()

    var isDefault: Bool { fields == nil && populate.isEmpty }
}
