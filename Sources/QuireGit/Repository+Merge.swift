import CGit2

extension Repository {
    // MARK: Merge

    /// Merges `theirs` into `ours` touching only the paths `theirs` changed since `base`
    /// (computed with `mergeBase` when nil). Writes the merge commit but moves no reference.
    ///
    /// Path-level: for each file `theirs` changed, `ours` must still hold the base version
    /// (take theirs) or already hold theirs (nothing to do); anything else is a conflict, and
    /// on any conflict nothing is written. Never materialises whole trees (`git_merge_trees`
    /// does, at 7–9 merges/s on a 10,000-file folder).
    ///
    /// With a caller-supplied `base`, ancestry is only checked when the answer would otherwise
    /// be a conflict or an empty merge, so the hot path pays for no merge-base walk.
    ///
    /// `resolved` settles paths that would conflict: the merge takes that blob (nil: no file).
    public func merge(
        theirs: ObjectID, into ours: ObjectID, base: ObjectID?,
        author: Signature, committer: Signature, message: String,
        resolved: [String: ObjectID?] = [:]
    ) throws -> MergeOutcome {
        if theirs == ours { return .upToDate }
        let callerBase = base != nil
        let bases = try base.map { [$0] } ?? mergeBases(ours, theirs)
        let base = bases.first
        if base == theirs { return .upToDate }
        if base == ours { return .fastForward(theirs) }

        let oursTree = try treeID(ofCommit: ours)
        let theirsTree = try treeID(ofCommit: theirs)
        let baseTree = try base.map { try treeID(ofCommit: $0) }
        let otherBaseTrees = try bases.dropFirst().map { try treeID(ofCommit: $0) }

        var apply: [String: ObjectID?] = [:]
        var conflicts: [String] = []
        for change in try diffTrees(from: baseTree, to: theirsTree) {
            let current = try oursState(atPath: change.path, inTree: oursTree)
            // Criss-cross: theirs holds what another common ancestor held, a version ours has
            // seen and moved on from. Against the first base alone it looked changed there,
            // and a newer value here lost to an older one (or a deletion was undone).
            if try otherBaseTrees.contains(where: { try oursState(atPath: change.path, inTree: $0) == PathState(change.new) }) {
                continue
            }
            if let resolution = resolved[change.path] {
                if current != PathState(resolution) { apply[change.path] = resolution }
            } else if current == PathState(change.old) {
                apply[change.path] = change.new
            } else if current != PathState(change.new) {
                conflicts.append(change.path)
            }
        }
        // A file theirs adds below a folder that ours turned into a file (`a/b` vs file `a`).
        for (path, value) in apply where value != nil {
            if try blockedByFile(path, inTree: oursTree, apply: apply) { conflicts.append(path) }
        }

        if !conflicts.isEmpty || apply.isEmpty, callerBase {
            // A stale recorded base can make an already-merged branch look conflicting or empty.
            if try isDescendant(ours, of: theirs) { return .upToDate }
            if try isDescendant(theirs, of: ours) { return .fastForward(theirs) }
        }
        if !conflicts.isEmpty {
            return .conflicts(conflicts.sorted())
        }

        let tree = try buildTree(base: oursTree, changes: apply)
        let commit = try createCommit(tree: tree, parents: [ours, theirs], author: author, committer: committer, message: message)
        return .merged(commit: commit, changedPaths: apply.keys.sorted())
    }

    /// What `ours` has at a path, compared by blob id; a folder never equals a blob.
    private func oursState(atPath path: String, inTree tree: ObjectID) throws -> PathState {
        guard let entry = try entry(atPath: path, inTree: tree) else { return .absent }
        return entry.kind == .tree ? .folder : .file(entry.id)
    }

    /// Whether an ancestor folder of `path` is a file in `tree` that this merge does not remove.
    private func blockedByFile(_ path: String, inTree tree: ObjectID, apply: [String: ObjectID?]) throws -> Bool {
        var folder = Substring(path)
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            let folderPath = String(folder)
            guard let entry = try entry(atPath: folderPath, inTree: tree) else { continue }
            if entry.kind == .tree { return false }
            if let change = apply[folderPath], change == nil { return false }
            return true
        }
        return false
    }
}

private enum PathState: Equatable {
    case absent
    case file(ObjectID)
    case folder

    init(_ id: ObjectID?) {
        self = id.map(PathState.file) ?? .absent
    }
}
