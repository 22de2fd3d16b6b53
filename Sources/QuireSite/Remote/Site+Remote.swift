import QuireContent
import QuireGit

extension Site {
    /// Takes a fetched remote's branches in, inside the write queue (no batch moves a ref
    /// meanwhile), then re-indexes what changed. Returns whether the remote had moved.
    func integrateRemote(_ branches: [String: ObjectID]) async throws -> Bool {
        // Only the sync's own worker moves the tracking refs, so an unchanged remote can be
        // told from here, without waiting behind the write queue.
        let (_, tracking) = try await RemoteIntegration.localBranches(store.repository)
        let synced = branches.filter { RemoteIntegration.isSynced($0.key) }
        guard synced != tracking else { return false }
        return try await exclusively { site in
            let integration = RemoteIntegration(store: site.store, logger: site.logger)
            // Waiting for a human's `index.lock` makes a moved main the usual case when it
            // waited (the 100k soak failed 56 rounds so): take their commit in as the watcher
            // would, and integrate on top of it.
            let outcome = try await integration.integrate(remote: branches, tries: 3) { _ in
                try await site.syncState()
            }
            guard outcome.changed else { return false }
            // Staged as a batch's files are: a human's git holding `index.lock` delays the index
            // instead of failing the update (the soak: files left behind main after a sync).
            let staged = await integration.updateWorkTree(
                from: outcome.mainBefore, to: outcome.mainAfter, written: site.workTreeWritten.mapValues(\.version)
            ) { versions in
                await site.noteWorkTreeWritten(versions)
                await site.stageWorkTree(versions.keys)
            }
            if staged {
                site.settleWorkTreeDebt()
            } else {
                site.workTreeWriteFailed = true
            }
            try await site.syncState(announce: false)
            return true
        }
    }

    /// `hook` runs after each batch of writes that moved a ref, once the batch is durable.
    func setAfterDurableBatch(_ hook: @escaping @Sendable () -> Void) {
        afterDurableBatch = hook
    }
}
