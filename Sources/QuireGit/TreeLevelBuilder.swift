import CGit2

/// Edits one level of a tree (one folder) and writes it.
///
/// This is the only code that knows how tree objects are produced. It works on the tree's raw
/// bytes (`RawTree`), usually straight from the cache of trees this repository just wrote, and
/// writes the result with `LooseObjectWriter`: the cost of a commit into a folder of 10,000
/// files is a binary search, a splice and a hash, not a parse, sort and deflate of the folder.
final class TreeLevelBuilder {
    private var tree: RawTree
    /// False while every edit so far left the level as it was: `write` then reuses the base id.
    private(set) var changed = false
    private let base: ObjectID?

    init(repository: isolated Repository, base: ObjectID?) throws {
        self.base = base
        tree = try base.map { try repository.rawTree($0) } ?? .empty
    }

    /// The current entry called `name`, if any.
    func entry(_ name: String) -> (id: ObjectID, mode: git_filemode_t)? {
        tree.entry(named: Array(name.utf8)).map { ($0.id, $0.mode) }
    }

    func set(_ name: String, id: ObjectID, mode: git_filemode_t) throws {
        if let current = entry(name), current.id == id, current.mode == mode { return }
        tree.set(Array(name.utf8), id: id, mode: mode)
        changed = true
    }

    func remove(_ name: String) throws {
        guard entry(name) != nil else { return }
        tree.remove(Array(name.utf8))
        changed = true
    }

    var isEmpty: Bool { tree.count == 0 }

    func write(in repository: isolated Repository) throws -> ObjectID {
        if !changed, let base { return base }
        let id = try repository.looseObjects.write(tree.bytes, type: GIT_OBJECT_TREE)
        repository.rawTrees.insert(tree, for: id)
        return id
    }
}

extension Repository {
    /// A tree's bytes, from the cache or the object database.
    func rawTree(_ id: ObjectID) throws -> RawTree {
        if let cached = rawTrees[id] { return cached }
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, handle), "git_repository_odb")
        defer { git_odb_free(odb) }
        var oid = id.oid
        var object: OpaquePointer?
        let code = git_odb_read(&object, odb, &oid)
        if code == .notFound {
            clearError()
            throw GitError.notFound("tree \(id)")
        }
        try check(code, "git_odb_read(\(id))")
        defer { git_odb_object_free(object) }
        guard git_odb_object_type(object) == GIT_OBJECT_TREE else { throw GitError.notFound("tree \(id)") }
        let size = git_odb_object_size(object)
        let data = git_odb_object_data(object)!.assumingMemoryBound(to: UInt8.self)
        guard let tree = RawTree(validating: Array(UnsafeBufferPointer(start: data, count: size))) else {
            throw GitError.libgit2(operation: "parse tree \(id)", code: -1, message: "malformed tree object")
        }
        rawTrees.insert(tree, for: id)
        return tree
    }
}
