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
            indexEntries = try await store.repository.stageWorkTreeFiles(paths).entries
            stagingFailures = 0
        } catch {
            // Most likely a human's git command holding index.lock: try again a little later.
            stagingFailures += 1
            if stagingFailures <= 3 {
                unstagedPaths.formUnion(paths)
                scheduleStaging()
            } else {
                logger.error("could not update the git index after a write: \(error)")
                stagingFailures = 0
            }
        }
    }
}
