import CGit2

/// Edits one level of a tree (one folder) and writes it.
///
/// This is the only code that knows how tree objects are produced, so a faster writer can
/// replace it. Today it wraps `git_treebuilder`, which copies the whole base level into a
/// hash map and re-sorts it on write: O(folder size) per commit, which dominates the cost
/// of commits into very large folders.
final class TreeLevelBuilder {
    private let builder: OpaquePointer
    private let repository: OpaquePointer
    /// False while every edit so far left the level as it was: `write` then reuses the base id.
    private(set) var changed = false
    private let base: git_oid?

    init(repository: OpaquePointer, base: ObjectID?) throws {
        self.repository = repository
        self.base = base?.oid
        var source: OpaquePointer?
        if var oid = base?.oid {
            try check(git_tree_lookup(&source, repository, &oid), "git_tree_lookup(\(base!))")
        }
        defer { git_tree_free(source) }
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, repository, source), "git_treebuilder_new")
        self.builder = builder!
    }

    deinit {
        git_treebuilder_free(builder)
    }

    /// The current entry called `name`, if any.
    func entry(_ name: String) -> (id: ObjectID, mode: git_filemode_t)? {
        guard let entry = git_treebuilder_get(builder, name) else { return nil }
        return (ObjectID(git_tree_entry_id(entry).pointee), git_tree_entry_filemode(entry))
    }

    func set(_ name: String, id: ObjectID, mode: git_filemode_t) throws {
        if let current = entry(name), current.id == id, current.mode == mode { return }
        var oid = id.oid
        try check(git_treebuilder_insert(nil, builder, name, &oid, mode), "git_treebuilder_insert(\(name))")
        changed = true
    }

    func remove(_ name: String) throws {
        guard entry(name) != nil else { return }
        try check(git_treebuilder_remove(builder, name), "git_treebuilder_remove(\(name))")
        changed = true
    }

    var isEmpty: Bool { git_treebuilder_entrycount(builder) == 0 }

    func write() throws -> ObjectID {
        if !changed, let base { return ObjectID(base) }
        var oid = git_oid()
        try check(git_treebuilder_write(&oid, builder), "git_treebuilder_write")
        return ObjectID(oid)
    }
}
