import Logging
import QuireContent
import QuireGit

/// The work-tree files a batch still owes after its commit (see `WorkTreeDebt`): recorded
/// before main moves, settled once the files are written and the git index records them, and
/// paid at the next start when the server was killed in between.
extension Site {
    static func workTreeDebt(gitDirectory: String) -> WorkTreeDebt {
        WorkTreeDebt(file: gitDirectory + "/quire/worktree.owed")
    }

    nonisolated var workTreeDebt: WorkTreeDebt {
        Self.workTreeDebt(gitDirectory: store.repository.gitDirectory)
    }

    /// Before a batch moves main: the files it will write into a checked-out work tree, each
    /// with the blob it will hold (nil: removed).
    func oweWorkTree(_ versions: [String: ObjectID?]) async {
        guard !versions.isEmpty else { return }
        do {
            guard try await store.repository.isCheckedOut(SiteLayout.mainReference) else { return }
            try workTreeDebt.record(versions)
        } catch {
            logger.warning("could not record the work-tree files a write owes: \(error)")
        }
    }

    /// Once every written file is in the work tree and the index, and checked there: nothing is owed.
    func settleWorkTreeDebt() {
        guard unstagedPaths.isEmpty, workTreeUnchecked.isEmpty, !workTreeWriteFailed, !workTreeDebtUnpaid else { return }
        do {
            try workTreeDebt.settle()
        } catch {
            logger.warning("could not clear the record of owed work-tree files: \(error)")
        }
    }

    /// At a start: files a killed server committed but never wrote or recorded in the index.
    /// `attempts`: tries while a git command holds `index.lock` (a running server's staging
    /// comes back later on its own, so it tries once).
    func payWorkTreeDebt(attempts: Int = 40) async {
        workTreeDebtUnpaid = !(await Self.payWorkTreeDebt(in: store.repository, logger: logger, attempts: attempts))
    }

    /// Pays the record of owed files against main as it is now; before a remote's commits are
    /// taken in, so that their changes meet the files main had (else every lagging file looks
    /// edited, and is left behind for good). A git command holding `index.lock` is waited out
    /// for a few seconds; false when the record could not be paid (it stays).
    @discardableResult
    static func payWorkTreeDebt(in repository: Repository, logger: Logger, attempts: Int = 40) async -> Bool {
        let debt = workTreeDebt(gitDirectory: repository.gitDirectory)
        let owed = debt.owed()
        guard !owed.isEmpty else { return true }
        var attempt = 0
        while true {
            do {
                guard try await repository.isCheckedOut(SiteLayout.mainReference),
                      let tip = try await repository.resolveReference(SiteLayout.mainReference) else {
                    try debt.settle()
                    return true
                }
                let tree = try await repository.commit(tip).tree
                let mending = try await repository.mendWorkTree(owed, toTree: tree)
                if !mending.restored.isEmpty || !mending.staged.isEmpty {
                    logger.info("""
                        the work tree caught up with main after an unclean stop: \(mending.restored.count) file(s) written, \
                        \(mending.staged.count) recorded in the git index
                        """)
                }
                for path in mending.edited {
                    logger.warning("\(path) was edited in the work tree after the server committed it: left as it is")
                }
                try debt.settle()
                return true
            } catch {
                attempt += 1
                guard attempt < attempts else {
                    if attempts > 1 {
                        logger.error("could not bring the work tree up to date with main (tries again after the next write): \(error)")
                    }
                    return false
                }
                try? await Task.sleep(for: .milliseconds(25 * min(attempt, 8)))
            }
        }
    }
}
