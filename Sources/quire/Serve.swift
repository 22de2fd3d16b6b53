import ArgumentParser
import Foundation
import Glibc
import Hummingbird
import Logging
import QuireAPI
import QuireGit
import QuireIndex
import QuireSite

extension Quire {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve a site over HTTP (without --repo: the bundled demo site).")

        @Option(help: "The site's git repository. Without it, the demo site in .quire/demo is served (created on first run).")
        var repo: String?

        @Option(help: "Address to listen on.")
        var host: String = "127.0.0.1"

        @Option(help: "Port to listen on.")
        var port: Int = 1337

        @Option(help: "Largest accepted request body, in bytes.")
        var bodyLimit: Int = 1 << 20

        @Flag(inversion: .prefixedNo, help: "Pack loose git objects in the background (off: you run `git gc` yourself).")
        var pack = true

        @Flag(help: "Commit files saved in the work tree's content/, schemas/ and quire.yaml when they are valid.")
        var watch = false

        @OptionGroup var remoteOptions: RemoteOptions

        func validate() throws {
            if remoteOptions.remote != nil, repo == nil { throw ValidationError("--remote needs --repo: the folder of this server's clone") }
        }

        func run() async throws {
            var logger = Logger(label: "quire")
            logger.logLevel = .info
            let path: String
            if let repo { path = repo } else { path = try await DemoSite.prepare(logger: logger) }
            let remote = remoteOptions.remote.map { GitRemote(url: $0) }
            // Before anything moves a ref (a clone catching up with its remote does at once).
            if FileManager.default.fileExists(atPath: path), let gitDirectory = try? Repository.open(at: path).gitDirectory {
                for lock in Repository.removeStaleReferenceLocks(gitDirectory: gitDirectory) {
                    logger.warning("removed stale lock file \(lock) (left by a process that was killed mid-update)")
                }
                if Repository.removeOwnStaleIndexLock(gitDirectory: gitDirectory) {
                    logger.warning("removed \(gitDirectory)/index.lock, left by this server killed while writing the git index")
                }
            }
            let repository: Repository
            if let remote {
                repository = try await RemoteSync.prepareClone(at: path, remote: remote, logger: logger)
            } else {
                repository = try Repository.open(at: path)
            }
            let started = ContinuousClock.now
            let site = try await Site.open(repository: repository, renderer: StrapiRenderer(), logger: logger, progress: LoadProgressPrinter.forTerminal())
            let snapshot = site.snapshot
            logger.info("loaded \(path) in \(ContinuousClock.now - started); \(snapshot.problems.count) problem(s)")
            let watcher = site.watch()
            defer { watcher.cancel() }
            let warmup = IndexWarmup.start(site)
            defer { warmup.cancel() }
            let upkeep = pack ? site.startUpkeep() : nil
            defer { upkeep?.cancel() }
            let tokens = TokenStore(gitDirectory: repository.gitDirectory)
            // Tokens of older versions sat in a file of each server; they now travel with the users.
            do {
                try await tokens.importLegacyTokens()
            } catch {
                logger.error("could not import the API tokens of \(tokens.legacyPath) (left in place, not in use): \(error)")
            }
            let authenticator = Authenticator(store: tokens)
            // Users travel with the branches; a fetch that brings users drops the cached ones.
            let users = UserStore.syncedReference { authenticator.forgetCachedUsers() }
            let sync = remote.map { RemoteSync(site: site, remote: $0, privateReferences: [users], logger: logger) }
            if let sync { authenticator.setAfterUsersChange { Task { await sync.requestPush() } } }
            let fetcher = await sync?.start(fetchEvery: remoteOptions.fetchPeriod)
            defer { fetcher?.cancel() }
            let webhooks = WebhookDispatcher(site: site, gitDirectory: repository.gitDirectory, logger: logger)
            let delivery = Task { await webhooks.run() }
            defer { delivery.cancel() }
            let saves = try await startWatching(site, logger: logger)
            defer { saves?.cancel() }
            var options = ServerOptions(host: host, port: port, bodyLimit: bodyLimit)
            options.remote = sync.map { RemoteServing(sync: $0, webhookSecret: remoteOptions.secret) }
            let app = buildApplication(site: site, authenticator: authenticator, options: options, logger: logger) { url in
                print("Quire is serving \(path) at \(url)")
                // Reach a pipe (make, scripts) at once, not when a buffer fills.
                fflush(nil)
            }
            try await app.runService()
            // Writes are durable here already; pushing them now spares the other servers a wait,
            // but a stop must not hang on a slow or unreachable remote: the next start pushes.
            if let sync {
                let settled = await Self.waiting(atMost: .seconds(60)) { try? await sync.synchronize(maximumRounds: 3) }
                if !settled { logger.warning("stopping without waiting longer for the remote; the next start pushes what is left") }
            }
            // The next start then reads one file and walks no history (the periodic saves may
            // be 30 s behind).
            await site.finishWorkTreeIndex()
            await site.saveTimesCache()
            await site.saveIndex()
        }

        /// Runs `body`, waiting for it at most `limit`; past that it goes on unawaited (the
        /// process is about to exit). True when it finished in time.
        private static func waiting(atMost limit: Duration, _ body: @escaping @Sendable () async -> Void) async -> Bool {
            let (stream, continuation) = AsyncStream<Bool>.makeStream()
            Task {
                await body()
                continuation.yield(true)
            }
            let timer = Task {
                try? await Task.sleep(for: limit)
                continuation.yield(false)
            }
            var finished = false
            for await outcome in stream {
                finished = outcome
                break
            }
            timer.cancel()
            return finished
        }

        /// With --watch: the work tree's saves become commits (see `WorkTreeWatcher`).
        private func startWatching(_ site: Site, logger: Logger) async throws -> Task<Void, Never>? {
            guard watch else { return nil }
            let watcher = WorkTreeWatcher(site: site, logger: logger)
            do {
                try await watcher.checkReady()
            } catch {
                throw ValidationError("--watch: \(error)")
            }
            return Task { await watcher.run() }
        }
    }
}
