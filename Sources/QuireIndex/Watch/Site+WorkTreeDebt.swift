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

    /// Before a batch moves main: the files it will write into a checked-out work tree.
    func oweWorkTree(_ paths: some Collection<String>) async {
        guard !paths.isEmpty else { return }
        do {
            guard try await store.repository.isCheckedOut(SiteLayout.mainReference) else { return }
            try workTreeDebt.record(paths)
        } catch {
            logger.warning("could not record the work-tree files a write owes: \(error)")
        }
    }

    /// Once every written file is in the work tree and the index: nothing is owed.
    func settleWorkTreeDebt() {
        guard unstagedPaths.isEmpty, !workTreeWriteFailed else { return }
        do {
            try workTreeDebt.settle()
        } catch {
            logger.warning("could not clear the record of owed work-tree files: \(error)")
        }
    }

    /// At a start: files a killed server committed but never wrote or recorded in the index.
    func payWorkTreeDebt() async {
        let paths = workTreeDebt.paths()
        guard !paths.isEmpty, let tree = state.mainTree else { return }
        do {
            guard try await store.repository.isCheckedOut(SiteLayout.mainReference) else { return }
            let mending = try await store.repository.mendWorkTree(paths, toTree: tree)
            if !mending.restored.isEmpty || !mending.staged.isEmpty {
                logger.info("""
                    the work tree caught up with main after an unclean stop: \(mending.restored.count) file(s) written, \
                    \(mending.staged.count) recorded in the git index
                    """)
            }
            for path in mending.edited {
                logger.warning("\(path) was edited in the work tree after the server committed it: left as it is")
            }
            try workTreeDebt.settle()
        } catch {
            logger.error("could not bring the work tree up to date with main: \(error)")
        }
    }
}
