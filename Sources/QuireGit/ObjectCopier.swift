import CGit2

/// The walk of one `LocalTransfer.copyObjects`: which objects the target lacks, in which order,
/// and how each goes into the pack (whole, or a tree as a delta against its parent's version).
struct ObjectCopier {
    let source: OpaquePointer
    let sourceObjects: OpaquePointer
    let targetObjects: OpaquePointer
    let targetDirectory: String
    let packBytes: Int
    /// Objects already queued or written by this transfer.
    var chosen = Set<ObjectID>()
    var pending: [PackedObject] = []
    var pendingBytes = 0
    /// The trees of the pack being made, by how many deltas deep each one is stored: a tree
    /// goes in as a delta against the same folder in the parent commit when that one is in
    /// this pack too (a pack must hold its delta bases), so a push of many commits into one
    /// folder carries that folder once, not once per commit.
    var pendingTreeDepths: [ObjectID: Int] = [:]
    /// The bodies of the latest of those trees: the base of the next delta is nearly always one.
    var recentTrees: [ObjectID: [UInt8]] = [:]
    static let deepestDelta = 50
    var copied = 0
    let encoder = PackObjectEncoder()

    init(source: OpaquePointer, sourceObjects: OpaquePointer, targetObjects: OpaquePointer, targetDirectory: String, packBytes: Int) {
        self.source = source
        self.sourceObjects = sourceObjects
        self.targetObjects = targetObjects
        self.targetDirectory = targetDirectory
        self.packBytes = packBytes
    }

    /// A ref may name a tree or a blob; commits are left to `addCommit`, a tag is refused.
    mutating func addTip(_ id: ObjectID) throws {
        var oid = id.oid
        var size = 0
        var type = GIT_OBJECT_INVALID
        try check(git_odb_read_header(&size, &type, sourceObjects, &oid), "git_odb_read_header(\(id))")
        switch type {
        case GIT_OBJECT_COMMIT: return
        case GIT_OBJECT_TREE: try addTree(id, comparedWith: nil)
        case GIT_OBJECT_BLOB: try add(id, kind: .blob)
        default: throw GitError.libgit2(operation: "copy \(id)", code: GIT_EINVALID.rawValue, message: "a ref names an object that is not a commit, tree or blob")
        }
    }

    func targetHas(_ id: ObjectID) -> Bool {
        var oid = id.oid
        // No refresh of the pack list on a miss (most lookups here miss): a pack that arrived
        // since the handle opened only means an object is sent twice.
        return git_odb_exists_ext(targetObjects, &oid, UInt32(GIT_ODB_LOOKUP_NO_REFRESH.rawValue)) != 0
    }

    func isNeeded(_ id: ObjectID) -> Bool {
        !chosen.contains(id) && !targetHas(id)
    }

    /// Commits the target lacks, each after its parents (a depth-first walk that stops at
    /// commits the target holds), so that every pack closes over what it contains.
    func newCommitsOldestFirst(_ tips: [ObjectID]) throws -> [ObjectID] {
        var order: [ObjectID] = []
        var visited = Set<ObjectID>()
        var stack: [(id: ObjectID, parentsDone: Bool)] = tips.reversed().map { ($0, false) }
        while let (id, parentsDone) = stack.popLast() {
            if parentsDone {
                order.append(id)
                continue
            }
            guard !visited.contains(id), !targetHas(id), try Self.isCommit(id, in: sourceObjects) else { continue }
            visited.insert(id)
            stack.append((id, true))
            for parent in try parents(of: id).reversed() where !visited.contains(parent) {
                stack.append((parent, false))
            }
        }
        return order
    }

    private static func isCommit(_ id: ObjectID, in objects: OpaquePointer) throws -> Bool {
        var oid = id.oid
        var size = 0
        var type = GIT_OBJECT_INVALID
        try check(git_odb_read_header(&size, &type, objects, &oid), "git_odb_read_header(\(id))")
        return type == GIT_OBJECT_COMMIT
    }

    private func parents(of id: ObjectID) throws -> [ObjectID] {
        try Self.withCommit(id, in: source) { commit in
            (0..<git_commit_parentcount(commit)).map { ObjectID(git_commit_parent_id(commit, $0).pointee) }
        }
    }

    mutating func addCommit(_ id: ObjectID) throws {
        let (tree, firstParent) = try Self.withCommit(id, in: source) { commit in
            (ObjectID(git_commit_tree_id(commit).pointee),
             git_commit_parentcount(commit) > 0 ? ObjectID(git_commit_parent_id(commit, 0).pointee) : nil)
        }
        let source = source
        let parentTree = try firstParent.map { parent in try Self.withCommit(parent, in: source) { ObjectID(git_commit_tree_id($0).pointee) } }
        try addTree(tree, comparedWith: parentTree)
        try add(id, kind: .commit)
        if pendingBytes >= packBytes { try flush() }
    }

    /// `id` and whatever below it differs from `old` (the same folder in the first parent) and
    /// is not already in the target.
    private mutating func addTree(_ id: ObjectID, comparedWith old: ObjectID?) throws {
        guard id != old, isNeeded(id) else { return }
        let source = source
        try Self.withTree(id, in: source) { new in
            try Self.withOptionalTree(old, in: source) { old in
                let newCount = git_tree_entrycount(new), oldCount = old.map { git_tree_entrycount($0) } ?? 0
                var j = 0
                for i in 0..<newCount {
                    let entry = git_tree_entry_byindex(new, i)
                    var match: OpaquePointer?
                    // A merge join in git's entry order: `old`'s entries before this one are gone.
                    while let old, j < oldCount {
                        let candidate = git_tree_entry_byindex(old, j)
                        let order = git_tree_entry_cmp(candidate, entry)
                        if order > 0 { break }
                        j += 1
                        if order == 0 {
                            match = candidate
                            break
                        }
                    }
                    let entryID = ObjectID(git_tree_entry_id(entry).pointee)
                    if let match, git_oid_equal(git_tree_entry_id(match), git_tree_entry_id(entry)) != 0 { continue }
                    switch git_tree_entry_filemode(entry) {
                    case GIT_FILEMODE_TREE:
                        let oldFolder = match.flatMap { git_tree_entry_filemode($0) == GIT_FILEMODE_TREE ? ObjectID(git_tree_entry_id($0).pointee) : nil }
                        try addTree(entryID, comparedWith: oldFolder)
                    case GIT_FILEMODE_COMMIT:
                        continue  // a submodule's commit lives in another repository
                    default:
                        if isNeeded(entryID) { try add(entryID, kind: .blob) }
                    }
                }
            }
        }
        try addTreeObject(id, deltaBase: old)
    }

    private mutating func addTreeObject(_ id: ObjectID, deltaBase: ObjectID?) throws {
        let body = try read(id)
        var packed: PackedObject?
        var depth = 0
        if let base = deltaBase, let baseDepth = pendingTreeDepths[base], baseDepth < Self.deepestDelta {
            let delta = TreeDelta.make(from: try recentTrees[base] ?? read(base), to: body)
            if delta.count < body.count / 2 {
                packed = encoder.encodeDelta(delta, against: base, id: id)
                depth = baseDepth + 1
            }
        }
        append(id, packed ?? encoder.encode(body, kind: .tree))
        pendingTreeDepths[id] = depth
        if recentTrees.count >= 64 { recentTrees.removeAll(keepingCapacity: true) }
        recentTrees[id] = body
    }

    private mutating func add(_ id: ObjectID, kind: GitObjectKind) throws {
        append(id, encoder.encode(try read(id), kind: kind))
    }

    private mutating func append(_ id: ObjectID, _ packed: PackedObject) {
        chosen.insert(id)
        pending.append(packed)
        pendingBytes += packed.packedSize
    }

    private func read(_ id: ObjectID) throws -> [UInt8] {
        var oid = id.oid
        var object: OpaquePointer?
        try check(git_odb_read(&object, sourceObjects, &oid), "git_odb_read(\(id))")
        defer { git_odb_object_free(object) }
        return [UInt8](UnsafeRawBufferPointer(start: git_odb_object_data(object), count: git_odb_object_size(object)))
    }

    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        _ = try Repository.writePack(pending, gitDirectory: targetDirectory)
        copied += pending.count
        pending = []
        pendingBytes = 0
        pendingTreeDepths = [:]
        recentTrees = [:]
    }

    // Static, with the handle passed in: the bodies mutate the copier while these run.

    private static func withCommit<T>(_ id: ObjectID, in source: OpaquePointer, _ body: (OpaquePointer) throws -> T) throws -> T {
        var oid = id.oid
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, source, &oid), "git_commit_lookup(\(id))")
        defer { git_commit_free(commit) }
        return try body(commit!)
    }

    private static func withTree<T>(_ id: ObjectID, in source: OpaquePointer, _ body: (OpaquePointer) throws -> T) throws -> T {
        var oid = id.oid
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, source, &oid), "git_tree_lookup(\(id))")
        defer { git_tree_free(tree) }
        return try body(tree!)
    }

    private static func withOptionalTree<T>(_ id: ObjectID?, in source: OpaquePointer, _ body: (OpaquePointer?) throws -> T) throws -> T {
        guard let id else { return try body(nil) }
        return try withTree(id, in: source) { try body($0) }
    }
}
