import CGit2

extension Repository {
    // MARK: History

    /// The best common ancestor, or nil for unrelated histories.
    /// Slow when many commits share one timestamp: hot paths should record bases instead.
    public func mergeBase(_ a: ObjectID, _ b: ObjectID) throws -> ObjectID? {
        var one = a.oid, two = b.oid, base = git_oid()
        let code = git_merge_base(&base, handle, &one, &two)
        if code == .notFound {
            clearError()
            return nil
        }
        try check(code, "git_merge_base(\(a), \(b))")
        return ObjectID(base)
    }

    /// Every best common ancestor (`git merge-base --all`): the criss-cross histories that
    /// servers merging each other's work make have more than one.
    public func mergeBases(_ a: ObjectID, _ b: ObjectID) throws -> [ObjectID] {
        var one = a.oid, two = b.oid
        var array = git_oidarray()
        let code = git_merge_bases(&array, handle, &one, &two)
        if code == .notFound {
            clearError()
            return []
        }
        try check(code, "git_merge_bases(\(a), \(b))")
        defer { git_oidarray_dispose(&array) }
        return (0..<array.count).map { ObjectID(array.ids[$0]) }
    }

    /// Whether `commit` descends from `ancestor` (false when equal).
    public func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws -> Bool {
        var one = commit.oid, two = ancestor.oid
        let code = git_graph_descendant_of(handle, &one, &two)
        try check(code, "git_graph_descendant_of(\(commit), \(ancestor))")
        return code == 1
    }

    /// How many commits `local` has that `upstream` lacks, and the other way round, from
    /// libgit2's merge-base walk: it stops where the two histories meet instead of sorting
    /// every reachable commit as a hidden walk does.
    public func aheadBehind(_ local: ObjectID, _ upstream: ObjectID) throws -> (ahead: Int, behind: Int) {
        var one = local.oid, two = upstream.oid
        var ahead = 0, behind = 0
        try check(git_graph_ahead_behind(&ahead, &behind, handle, &one, &two), "git_graph_ahead_behind(\(local), \(upstream))")
        return (ahead, behind)
    }

    /// Commits reachable from `tip` but not from `hidden`, newest first.
    /// The topological order is computed over the whole reachable history before the first
    /// commit comes out, so `limit` saves the commit parsing, not the walk.
    public func commits(from tip: ObjectID, hiding hidden: ObjectID? = nil, limit: Int? = nil) throws -> [CommitInfo] {
        var result: [CommitInfo] = []
        try walk(from: tip, hiding: hidden) { commit in
            if let limit, result.count >= limit { return false }
            result.append(Self.commitInfo(commit))
            return true
        }
        return result
    }

    /// Commits (newest first) in which the blob at `path` differs from every parent's:
    /// for a plain commit, from its parent; a merge counts only if it matches none of its
    /// parents (git's TREESAME rule). A root commit counts if it has the path.
    public func history(ofPath path: String, from tip: ObjectID, limit: Int? = nil) throws -> [CommitInfo] {
        var result: [CommitInfo] = []
        // Each commit is usually a parent of the next one visited: remember its entry.
        var entries: [ObjectID: ObjectID?] = [:]
        func entryID(_ commit: ObjectID, tree: ObjectID? = nil) throws -> ObjectID? {
            if let known = entries[commit] { return known }
            let id = try entry(atPath: path, inTree: tree ?? treeID(ofCommit: commit))?.id
            entries[commit] = id
            return id
        }
        try walk(from: tip, hiding: nil) { commit in
            if let limit, result.count >= limit { return false }
            let id = ObjectID(git_commit_id(commit).pointee)
            let tree = ObjectID(git_commit_tree_id(commit).pointee)
            let mine = try entryID(id, tree: tree)
            let parentCount = git_commit_parentcount(commit)
            var differs = true
            for index in 0..<parentCount {
                let parent = ObjectID(git_commit_parent_id(commit, index).pointee)
                if try entryID(parent) == mine {
                    differs = false
                    break
                }
            }
            if parentCount == 0 { differs = mine != nil }
            if differs { result.append(Self.commitInfo(commit)) }
            return true
        }
        return result
    }

    /// Walks commits newest first (commit time, then topological), handing each parsed
    /// commit to `visit` until it returns false or the history ends.
    private func walk(from tip: ObjectID, hiding hidden: ObjectID?, _ visit: (OpaquePointer) throws -> Bool) throws {
        var walker: OpaquePointer?
        try check(git_revwalk_new(&walker, handle), "git_revwalk_new")
        defer { git_revwalk_free(walker) }
        try check(git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue), "git_revwalk_sorting")
        var start = tip.oid
        try check(git_revwalk_push(walker, &start), "git_revwalk_push(\(tip))")
        if let hidden {
            var hide = hidden.oid
            try check(git_revwalk_hide(walker, &hide), "git_revwalk_hide(\(hidden))")
        }
        var oid = git_oid()
        while true {
            let code = git_revwalk_next(&oid, walker)
            if code == .iterOver { break }
            try check(code, "git_revwalk_next")
            var commit: OpaquePointer?
            try check(git_commit_lookup(&commit, handle, &oid), "git_commit_lookup")
            defer { git_commit_free(commit) }
            if try !visit(commit!) { break }
        }
    }
}
