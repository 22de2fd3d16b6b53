import ArgumentParser
import Foundation

/// `quire serve` options for serving one site from several machines through a git remote.
struct RemoteOptions: ParsableArguments {
    @Option(help: "A git remote (path, file://, https://) this server pushes its writes to and fetches others' from. --repo is cloned from it when missing.")
    var remote: String?

    @Option(help: "Seconds between fetches from --remote (0: only on a push webhook).")
    var fetchInterval: Double = 5

    @Option(help: "Shared secret of POST /api/git/webhook/push (default: $QUIRE_WEBHOOK_SECRET). Prefer the environment: arguments show in `ps`.")
    var webhookSecret: String?

    var secret: String? {
        webhookSecret ?? ProcessInfo.processInfo.environment["QUIRE_WEBHOOK_SECRET"]
    }

    var fetchPeriod: Duration? {
        fetchInterval > 0 ? .milliseconds(Int(fetchInterval * 1000)) : nil
    }

    func validate() throws {
        guard fetchInterval >= 0, fetchInterval.isFinite else { throw ValidationError("--fetch-interval must be 0 or more seconds") }
        if remote == nil, webhookSecret != nil { throw ValidationError("--webhook-secret needs --remote") }
    }
}
