import Foundation
import Logging
import QuireContent
import QuireGit

/// `quire serve --watch`: commits what a human saves in the site's work tree. Each save is
/// checked like any commit the server reads in; a valid one becomes a commit on main by the
/// repository's git identity (through the site's write queue, so it never races API writes)
/// and is served at once. An invalid one is logged as `path:line: message` and not
/// committed, and the last good version keeps serving.
public struct WorkTreeWatcher: Sendable {
    public enum Mode: Sendable {
        /// inotify, falling back to polling when it is unavailable.
        case automatic
        case polling(every: Duration)
    }

    let site: Site
    let logger: Logger
    let mode: Mode
    /// How long a file must stay untouched before it is read: editors save in several steps.
    let quiet: Duration

    public init(site: Site, mode: Mode = .automatic, quiet: Duration = .milliseconds(100), logger: Logger) {
        self.site = site
        self.mode = mode
        self.quiet = quiet
        self.logger = logger
    }

    /// Fails at once when saves could not be committed (no work tree with main, no git identity).
    public func checkReady() async throws {
        let repository = site.store.repository
        guard try await repository.isCheckedOut(SiteLayout.mainReference) else { throw WorkTreeSaveError.mainNotCheckedOut }
        guard try await repository.configuredSignature() != nil else { throw WatchSetupError.noIdentity }
    }

    /// Watches until the task running it is cancelled.
    public func run() async {
        guard let root = site.store.repository.workDirectory else { return }
        let batches: AsyncStream<Set<String>>
        var inotify: InotifyWatcher?
        switch mode {
        case .polling(let interval):
            batches = PollingWatcher(root: root).changes(every: interval)
        case .automatic:
            do {
                let watcher = try InotifyWatcher(root: root)
                inotify = watcher
                batches = watcher.changes(quiet: quiet)
            } catch {
                logger.warning("\(error); watching \(root) by polling every 500 ms instead")
                batches = PollingWatcher(root: root).changes(every: .milliseconds(500))
            }
        }
        defer { inotify?.stop() }
        logger.info("watching \(root) for saved files in content/, schemas/ and quire.yaml")
        await withTaskCancellationHandler {
            for await batch in batches {
                await handle(batch, root: root)
            }
        } onCancel: { [inotify] in
            inotify?.stop()
        }
    }

    private func handle(_ batch: Set<String>, root: String) async {
        let paths = batch.filter(WatchedPath.isWatched).sorted()
        guard !paths.isEmpty else { return }
        if paths.contains(where: { !FileManager.default.fileExists(atPath: root + "/" + $0) }) {
            // A file missing now may be mid-rename: look again before taking it as deleted.
            try? await Task.sleep(for: quiet)
        }
        do {
            guard let author = try await site.store.repository.configuredSignature() else { throw WatchSetupError.noIdentity }
            switch try await site.save(WorkTreeSave(paths: paths, author: author)) {
            case .unchanged:
                break
            case .committed(let commit, let message, let warnings):
                for warning in warnings { logger.warning("\(warning)") }
                let subject = message.split(separator: "\n").first.map(String.init) ?? message
                logger.info("committed \(commit.hex.prefix(7)) \(subject) by \(author.name) <\(author.email)>")
            case .invalid(let problems):
                for problem in problems { logger.error("\(problem)") }
                logger.error("not committed: \(paths.joined(separator: ", ")) (the last good version keeps serving)")
            }
        } catch {
            logger.error("could not commit \(paths.joined(separator: ", ")): \(error)")
        }
    }
}

public enum WatchSetupError: Error, CustomStringConvertible {
    case noIdentity

    public var description: String {
        "--watch commits as the repository's git identity: set it with git config user.name \"Your Name\" and git config user.email you@example.com"
    }
}
