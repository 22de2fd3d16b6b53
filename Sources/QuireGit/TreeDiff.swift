import CGit2

extension Repository {
    /// Blob-level differences between two trees (nil = empty tree), restricted to paths below
    /// `prefix` when given. Identical subtrees are skipped by id, so the cost follows the change.
    ///
    /// Our own walk rather than `git_diff_tree_to_tree`, which in libgit2 1.5 descends into
    /// identical subtrees. A file that became a folder (or the reverse) shows as the file's
    /// removal/addition plus every file below the folder. Mode-only changes are not reported.
    /// A `prefix` naming a file restricts the diff to that one file.
    public func diffTrees(from old: ObjectID?, to new: ObjectID?, under prefix: String? = nil) throws -> [DiffEntry] {
        let folder = (prefix ?? "").split(separator: "/").joined(separator: "/")
        var result: [DiffEntry] = []
        if folder.isEmpty {
            try diffNodes(path: "", old: old.map(DiffNode.tree), new: new.map(DiffNode.tree), into: &result)
        } else {
            let oldNode = try old.flatMap { try node(atPath: folder, inTree: $0) }
            let newNode = try new.flatMap { try node(atPath: folder, inTree: $0) }
            try diffNodes(path: folder, old: oldNode, new: newNode, into: &result)
        }
        return result
    }

    private func node(atPath path: String, inTree tree: ObjectID) throws -> DiffNode? {
        guard let entry = try entry(atPath: path, inTree: tree) else { return nil }
        switch entry.kind {
        case .tree: return .tree(entry.id)
        case .submodule: return nil
        default: return .leaf(entry.id)
        }
    }

    private func diffNodes(path: String, old: DiffNode?, new: DiffNode?, into result: inout [DiffEntry]) throws {
        switch (old, new) {
        case (nil, nil):
            return
        case let (.leaf(a)?, .leaf(b)?):
            if a != b { result.append(DiffEntry(path: path, old: a, new: b)) }
        case let (.tree(a)?, .tree(b)?):
            if a != b { try diffTreeLevels(path: path, old: a, new: b, into: &result) }
        case let (.leaf(a)?, newNode):
            result.append(DiffEntry(path: path, old: a, new: nil))
            try diffNodes(path: path, old: nil, new: newNode, into: &result)
        case let (oldNode, .leaf(b)?):
            try diffNodes(path: path, old: oldNode, new: nil, into: &result)
            result.append(DiffEntry(path: path, old: nil, new: b))
        case let (.tree(a)?, nil):
            var blobs: [BlobEntry] = []
            try collectBlobs(a, path: path, into: &blobs)
            result += blobs.map { DiffEntry(path: $0.path, old: $0.id, new: nil) }
        case let (nil, .tree(b)?):
            var blobs: [BlobEntry] = []
            try collectBlobs(b, path: path, into: &blobs)
            result += blobs.map { DiffEntry(path: $0.path, old: nil, new: $0.id) }
        }
    }

    /// A merge join of two tree levels in git's own entry order, where a folder sorts as
    /// `name/`: a file and a folder of the same name are different keys, which is exactly
    /// the type change. Names become Swift strings only for entries that differ.
    private func diffTreeLevels(path: String, old: ObjectID, new: ObjectID, into result: inout [DiffEntry]) throws {
        var oldOID = old.oid, newOID = new.oid
        var oldTree: OpaquePointer?, newTree: OpaquePointer?
        try check(git_tree_lookup(&oldTree, handle, &oldOID), "git_tree_lookup(\(old))")
        defer { git_tree_free(oldTree) }
        try check(git_tree_lookup(&newTree, handle, &newOID), "git_tree_lookup(\(new))")
        defer { git_tree_free(newTree) }

        let oldCount = git_tree_entrycount(oldTree), newCount = git_tree_entrycount(newTree)
        var i = 0, j = 0
        while i < oldCount || j < newCount {
            let a = i < oldCount ? git_tree_entry_byindex(oldTree, i) : nil
            let b = j < newCount ? git_tree_entry_byindex(newTree, j) : nil
            let order: Int32 = a == nil ? 1 : b == nil ? -1 : git_tree_entry_cmp(a, b)
            if order == 0 {
                i += 1; j += 1
                if git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) != 0 { continue }
                try diffNodes(path: Self.join(path, a), old: Self.diffNode(a), new: Self.diffNode(b), into: &result)
            } else if order < 0 {
                i += 1
                try diffNodes(path: Self.join(path, a), old: Self.diffNode(a), new: nil, into: &result)
            } else {
                j += 1
                try diffNodes(path: Self.join(path, b), old: nil, new: Self.diffNode(b), into: &result)
            }
        }
    }

    private static func diffNode(_ entry: OpaquePointer?) -> DiffNode? {
        let id = ObjectID(git_tree_entry_id(entry).pointee)
        switch git_tree_entry_filemode(entry) {
        case GIT_FILEMODE_TREE: return .tree(id)
        case GIT_FILEMODE_COMMIT: return nil
        default: return .leaf(id)
        }
    }

    private static func join(_ path: String, _ entry: OpaquePointer?) -> String {
        let name = String(cString: git_tree_entry_name(entry))
        return path.isEmpty ? name : path + "/" + name
    }
}

/// One side of a path in a diff: a folder or a file-like entry (blob, executable, link).
private enum DiffNode {
    case tree(ObjectID)
    case leaf(ObjectID)
}
