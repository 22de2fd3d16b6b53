import ArgumentParser
import Foundation
import Glibc
import Hummingbird
import Logging
import QuireAPI
import QuireGit
import QuireIndex

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

        @Flag(help: "Commit files saved in the work tree's content/, schemas/ and quire.yaml when they are valid.")
        var watch = false

        func run() async throws {
            var logger = Logger(label: "quire")
            logger.logLevel = .info
            let path: String
            if let repo { path = repo } else { path = try await DemoSite.prepare(logger: logger) }
            let repository = try Repository.open(at: path)
            let started = ContinuousClock.now
            let site = try await Site.open(repository: repository, renderer: StrapiRenderer(), logger: logger)
            let snapshot = site.snapshot
            logger.info("loaded \(path) in \(ContinuousClock.now - started); \(snapshot.problems.count) problem(s)")
            let watcher = site.watch()
            defer { watcher.cancel() }
            let webhooks = WebhookDispatcher(site: site, gitDirectory: repository.gitDirectory, logger: logger)
            let delivery = Task { await webhooks.run() }
            defer { delivery.cancel() }
            let saves = try await startWatching(site, logger: logger)
            defer { saves?.cancel() }
            let authenticator = Authenticator(store: TokenStore(gitDirectory: repository.gitDirectory))
            let options = ServerOptions(host: host, port: port, bodyLimit: bodyLimit)
            let app = buildApplication(site: site, authenticator: authenticator, options: options, logger: logger) { url in
                print("Quire is serving \(path) at \(url)")
                // Reach a pipe (make, scripts) at once, not when a buffer fills.
                fflush(nil)
            }
            try await app.runService()
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
