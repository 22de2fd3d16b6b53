import Logging
import QuireContent
import QuireGit

extension Site {
    static let stagingInterval: Duration = .seconds(1)

    /// Recording a file in the git index rewrites the whole index file: about 100 bytes per file
    /// of the site, so 10 MB at 100,000 documents. Up to `immediateStagingLimit` entries that
    /// happens with each batch, and `git status` is clean as soon as a write is acknowledged;
    /// past it, batches only write their files and the index catches up at most once a second,
    /// so its cost is shared by every write of that second instead of paid by each.
    public func setImmediateStagingLimit(_ entries: Int) {
        immediateStagingLimit = entries
    }

    func stageWorkTree(_ paths: some Sequence<String>) async {
        unstagedPaths.formUnion(paths)
        if indexEntries <= immediateStagingLimit {
            await flushWorkTreeIndex()
        } else {
            scheduleStaging()
        }
    }

    private func scheduleStaging() {
        guard !stagingScheduled else { return }
        stagingScheduled = true
        Task {
            try? await Task.sleep(for: Self.stagingInterval)
            // In the write queue, so no batch writes files while the index reads them.
            try? await self.exclusively { site in await site.flushWorkTreeIndex() }
        }
    }

    /// Records every written but unrecorded work-tree file in the index now (also at a stop).
    public func flushWorkTreeIndex() async {
        stagingScheduled = false
        guard !unstagedPaths.isEmpty else { return }
        let paths = Array(unstagedPaths)
        unstagedPaths = []
        do {
            if workTreeDebtUnpaid { await payWorkTreeDebt(attempts: 1) }
            indexEntries = try await store.repository.stageWorkTreeFiles(paths).entries
            stagingFailures = 0
            scheduleWorkTreeCheck()
        } catch {
            // Most likely a human's git command holding index.lock: try again a little later, for
            // as long as it takes. Giving up would leave the index with the files' old versions,
            // and a human's next plain `git commit` would commit them back over the writes.
            stagingFailures += 1
            unstagedPaths.formUnion(paths)
            if stagingFailures == 1 || stagingFailures % 20 == 0 {
                logger.warning("the git index is not updated yet after a write (\(stagingFailures) tries; retrying): \(error)")
            }
            scheduleStaging()
        }
    }

    /// At a stop the index must not be left behind: a few quick tries; if a human's git still
    /// holds it, the log says how to mend it. True when nothing is left to stage.
    @discardableResult
    public func finishWorkTreeIndex() async -> Bool {
        for attempt in 0..<10 {
            // In the write queue: a sync still running at the stop may be writing files.
            let done = (try? await exclusively { site in
                await site.flushWorkTreeIndex()
                return site.unstagedPaths.isEmpty ? await site.checkWrittenWorkTree() : false
            }) ?? false
            if done { return true }
            try? await Task.sleep(for: .milliseconds(100 * (attempt + 1)))
        }
        logger.error("""
            the git index of the work tree still holds old versions of \(unstagedPaths.count) file(s) the server \
            wrote (a git command held index.lock): run `git reset -q` in the work tree before committing
            """)
        return false
    }
}
