import Logging
import QuireContent
import QuireGit
import QuireIndex

/// A few seconds after the server records its files in the git index, it looks again: git
/// reads the index before it locks it, so a human's `git add` or `git commit` running at the
/// same moment can write back the copy it read, dropping what the server recorded (the soak
/// found files "added" that main had deleted, and entries one version behind). Each path the
/// server wrote is checked against main every few seconds while it is recent: an index entry
/// lost that way is recorded again, and a file still holding what the server wrote but behind
/// main is brought up to date. A file someone edited since is left alone.
extension Site {
    /// What the server last wrote to a work-tree path (nil: removed it), and when.
    struct WrittenFile {
        var version: ObjectID?
        var at: ContinuousClock.Instant
    }

    /// How long a written path stays watched: git's read-then-lock window is milliseconds
    /// alone, but before locking, `git commit` stats every file of the work tree, which on a
    /// loaded machine with 10,000 files took seconds (the soak: an entry dropped after the
    /// first check).
    static let workTreeWatch: Duration = .seconds(15)

    /// How long after recording its files the server looks at the index again.
    public func setWorkTreeCheckDelay(_ delay: Duration) {
        workTreeCheckDelay = delay
    }

    /// The versions just written into the work tree (nil: removed), for the next checks.
    func noteWorkTreeWritten(_ versions: [String: ObjectID?]) {
        let now = ContinuousClock.now
        for (path, version) in versions {
            workTreeWritten[path] = WrittenFile(version: version, at: now)
            workTreeUnchecked.insert(path)
        }
    }

    func scheduleWorkTreeCheck() {
        guard !workTreeCheckScheduled, !workTreeWritten.isEmpty else { return }
        workTreeCheckScheduled = true
        Task {
            try? await Task.sleep(for: await self.workTreeCheckDelay)
            // In the write queue: no batch writes files or moves main while they are compared.
            try? await self.exclusively { site in await site.checkWrittenWorkTree() }
        }
    }

    /// True when every written path was checked (and the record of owed files settled).
    @discardableResult
    func checkWrittenWorkTree() async -> Bool {
        workTreeCheckScheduled = false
        guard !workTreeWritten.isEmpty else { return true }
        guard unstagedPaths.isEmpty, let tree = state.mainTree else {
            // The index has not caught up yet: it is checked once it has.
            scheduleWorkTreeCheck()
            return false
        }
        do {
            let mending = try await store.repository.mendWorkTree(
                workTreeWritten.mapValues { Set([$0.version]) }, toTree: tree, trustingIndex: false)
            workTreeUnchecked = []
            let watchedSince = ContinuousClock.now - Self.workTreeWatch
            workTreeWritten = workTreeWritten.filter { $0.value.at >= watchedSince }
            for path in mending.edited { workTreeWritten[path] = nil }
            if !mending.staged.isEmpty || !mending.restored.isEmpty {
                logger.info("""
                    a git command had rewritten the index over the server's files: \(mending.staged.count) recorded again, \
                    \(mending.restored.count) brought up to date with main
                    """)
            }
            settleWorkTreeDebt()
            scheduleWorkTreeCheck()
            return true
        } catch {
            // Most likely `index.lock` held by a git command: later.
            scheduleWorkTreeCheck()
            return false
        }
    }
}
