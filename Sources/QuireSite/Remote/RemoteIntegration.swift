import Logging
import QuireContent
import QuireGit
import QuireIndex

/// Takes a fetched remote's branches into the local repository without losing either side.
///
/// Per branch (main and the draft branches) it compares three ids: ours (local), theirs (the
/// remote now) and the tracking ref `refs/quire/origin/<branch>` (what the remote held when
/// we last fetched or pushed; not `refs/remotes/origin/`, which a human's `git fetch` moves).
/// Only one side moved: take that side. Both moved: a merge commit
/// (ours first), or, for a branch deleted on one side and changed on the other, the changed
/// one survives. A document both sides changed is merged field by field; a field both changed
/// differently takes the remote's value (it was pushed first, other servers may have served it)
/// and the merge commit's message names it, so our value stays one parent away in history.
struct RemoteIntegration {
    let store: SiteStore
    let logger: Logger

    static let trackingPrefix = "refs/quire/origin/"

    /// Branches that travel between servers.
    static func isSynced(_ name: String) -> Bool {
        name == SiteLayout.mainReference || name.hasPrefix(SiteLayout.draftPrefix)
    }

    static func trackingName(_ branch: String) -> String {
        trackingPrefix + branch.dropFirst("refs/heads/".count)
    }

    /// Ours and the tracking refs, by branch name (`refs/heads/...`).
    static func localBranches(_ repository: Repository) async throws -> (ours: [String: ObjectID], tracking: [String: ObjectID]) {
        let ours = try await repository.references(withPrefix: "refs/heads/").filter { isSynced($0.key) }
        var tracking: [String: ObjectID] = [:]
        for (name, id) in try await repository.references(withPrefix: trackingPrefix) {
            let branch = "refs/heads/" + name.dropFirst(trackingPrefix.count)
            if isSynced(branch) { tracking[branch] = id }
        }
        return (ours, tracking)
    }

    /// What happened to main, for a work tree that has it checked out; `changed`: some remote
    /// branch had moved since the last look.
    struct Outcome {
        var mainBefore: ObjectID?
        var mainAfter: ObjectID?
        var changed = false
    }

    func integrate(remote fetched: [String: ObjectID]) async throws -> Outcome {
        let repository = store.repository
        let theirs = fetched.filter { Self.isSynced($0.key) }
        let (ours, tracking) = try await Self.localBranches(repository)
        var outcome = Outcome(mainBefore: ours[SiteLayout.mainReference], mainAfter: ours[SiteLayout.mainReference])
        let names = Set(ours.keys).union(theirs.keys).union(tracking.keys)
            .sorted { ($0 == SiteLayout.mainReference ? "" : $0) < ($1 == SiteLayout.mainReference ? "" : $1) }
        var moves: [(name: String, from: ObjectID?, to: ObjectID?)] = []
        for name in names where theirs[name] != tracking[name] {
            outcome.changed = true
            let target = try await resolve(name, ours: ours[name], theirs: theirs[name], tracking: tracking[name])
            if target != ours[name] { moves.append((name, ours[name], target)) }
        }
        guard outcome.changed else { return outcome }
        if let main = moves.first(where: { $0.name == SiteLayout.mainReference }) {
            try await oweWorkTree(from: main.from, to: main.to)
        }
        // Merge commits are loose objects and fetched packs were written without fsync.
        try await repository.moveReferencesDurably(
            moves.map { ReferenceMove($0.name, from: $0.from, to: $0.to, logMessage: "quire: sync from remote",
                                      yieldsToAGitCommand: $0.name == SiteLayout.mainReference) }
            + names.filter { theirs[$0] != tracking[$0] }.map {
                ReferenceMove(Self.trackingName($0), from: tracking[$0], to: theirs[$0], logMessage: "quire: fetch")
            })
        if let main = moves.first(where: { $0.name == SiteLayout.mainReference }) { outcome.mainAfter = main.to }
        return outcome
    }

    /// `integrate(remote:)`, again while a human's `git commit` in the work tree keeps moving a
    /// branch under it (it waits for their `index.lock`, then finds the branch moved). Each try
    /// reads the branches afresh, and what already moved is not moved twice; `beforeRetry`
    /// runs between tries (a running site takes the human's commit in there).
    func integrate(remote fetched: [String: ObjectID], tries: Int,
                   beforeRetry: @Sendable (_ attempt: Int) async throws -> Void) async throws -> Outcome {
        var attempt = 0
        while true {
            do {
                return try await integrate(remote: fetched)
            } catch GitError.referenceMoved where attempt < tries {
                attempt += 1
                try await beforeRetry(attempt)
            }
        }
    }

    /// Where our branch must point after taking in theirs (nil: deleted). Writes objects only
    /// (a merge commit when both moved): no ref moves, so it may run outside the write queue.
    func resolve(_ name: String, ours: ObjectID?, theirs: ObjectID?, tracking: ObjectID?) async throws -> ObjectID? {
        let repository = store.repository
        // A draft deleted here that main here already holds was published or released here: the
        // remote's copy is what this server pushed before a kill kept it from noting the push
        // (the soak: a released draft came back at its older content), not work to bring back.
        if ours == nil, let theirs, name.hasPrefix(SiteLayout.draftPrefix),
           let main = try await repository.resolveReference(SiteLayout.mainReference) {
            let held = try await main == theirs ? true : repository.isDescendant(main, of: theirs)
            if held { return nil }
        }
        if ours == theirs || ours == tracking { return theirs }
        // Deleted there, changed here (a draft edited after another server published it): keep ours.
        guard let theirs else { return ours }
        // Deleted here, changed there: bring their work back.
        guard let ours else { return theirs }
        if try await repository.isDescendant(ours, of: theirs) { return ours }
        if try await repository.isDescendant(theirs, of: ours) { return theirs }
        return try await merge(name, ours: ours, theirs: theirs)
    }

    private func merge(_ name: String, ours: ObjectID, theirs: ObjectID) async throws -> ObjectID {
        let branch = String(name.dropFirst("refs/heads/".count))
        var resolved: [String: ObjectID?] = [:]
        var overridden: [String] = []
        for _ in 0..<2 {
            let outcome = try await store.commits.mergeRemote(branch, theirs: theirs, into: ours, resolved: resolved, overridden: overridden)
            switch outcome {
            case .upToDate: return ours
            case .fastForward(let commit): return commit
            case .merged(let commit, _): return commit
            case .conflicts(let paths):
                let resolution = try await ConflictResolution.resolve(paths, ours: ours, theirs: theirs, store: store)
                resolved = resolution.blobs
                guard !resolution.overridden.isEmpty else { continue }
                overridden = resolution.overridden
                logger.warning("merging origin/\(branch): kept the remote's version of \(resolution.overridden.joined(separator: ", "))")
            }
        }
        throw GitError.libgit2(operation: "merge origin/\(branch)", code: -13, message: "conflicts remained after resolution")
    }

    /// Compare-and-swap move of one ref; nil deletes it.
    static func move(_ name: String, from old: ObjectID?, to new: ObjectID?, in repository: Repository, message: String) async throws {
        switch (old, new) {
        case (nil, nil): return
        case (let old?, nil): try await repository.deleteReference(name, expecting: old)
        case (let old, let new?):
            if name == SiteLayout.mainReference { await repository.yieldToAGitCommand() }
            try await repository.updateReference(name, to: new, expecting: old, logMessage: message)
        }
    }

    /// Before main moves: the files a checked-out work tree will be owed (see `WorkTreeDebt`).
    private func oweWorkTree(from old: ObjectID?, to new: ObjectID?) async throws {
        let repository = store.repository
        guard let old, let new, try await repository.isCheckedOut(SiteLayout.mainReference) else { return }
        let changes = try await repository.diffTrees(
            from: try await repository.commit(old).tree, to: try await repository.commit(new).tree)
        try Site.workTreeDebt(gitDirectory: repository.gitDirectory)
            .record(Dictionary(changes.map { ($0.path, $0.new) }, uniquingKeysWith: { $1 }))
    }

    /// Brings a checked-out work tree from main's `old` tree to its `new` one. Files a human
    /// changed in the work tree since are left alone (and logged), as API writes leave them.
    /// False when the work tree could not be brought up to date (the next start mends it).
    /// `written`: what a running server last wrote to each path it has not checked since (a
    /// file still holding that is its own, not an edit). `stage`: records the written files,
    /// with their versions, in the git index; without it (a running site) the caller does,
    /// through the site's staging, which waits out a human's `index.lock`.
    @discardableResult
    func updateWorkTree(
        from old: ObjectID?, to new: ObjectID?, written: [String: ObjectID?] = [:],
        stage: (@Sendable ([String: ObjectID?]) async -> Void)? = nil
    ) async -> Bool {
        let repository = store.repository
        guard old != new, let new else { return true }
        do {
            guard try await repository.isCheckedOut(SiteLayout.mainReference) else { return true }
            guard let old else {
                try await repository.checkoutHead()
                return true
            }
            let changes = try await repository.diffTrees(
                from: try await repository.commit(old).tree, to: try await repository.commit(new).tree)
            var files: [String: [UInt8]?] = [:]
            var versions: [String: ObjectID?] = [:]
            for change in changes {
                var ours = try await repository.workTreeFileMatches(change.path, committed: change.old)
                if !ours, let last = written[change.path] {
                    ours = try await repository.workTreeFileMatches(change.path, committed: last)
                }
                guard ours else {
                    // Already the new version (a server killed after the commit, before it
                    // wrote the file, then took the same change back from the remote): no edit.
                    if try await !repository.workTreeFileMatches(change.path, committed: change.new) {
                        logger.warning("\(change.path) has uncommitted edits: left as it is after a sync")
                    }
                    continue
                }
                // Through a typed constant: assigned straight to the subscript, a nil (a removal)
                // would take the key out instead of recording the removal (the soak: files that
                // main had deleted stayed in the work tree).
                let contents: [UInt8]? = try await change.new.asyncMap { try await repository.readBlob($0) }
                files[change.path] = .some(contents)
                versions[change.path] = .some(change.new)
            }
            if let stage {
                try await repository.writeWorkTreeFiles(files)
                await stage(versions)
            } else {
                try await repository.updateWorkTree(files)
            }
            return true
        } catch {
            logger.error("could not update the work tree after a sync: \(error)")
            return false
        }
    }
}
