import Foundation
import Logging
import QuireContent
import QuireGit
import QuireIndex

/// Keeps a site's clone and a shared git remote in step, so several servers can serve (and
/// write to) one site.
///
/// Writes are acknowledged once they are durable in the local clone, as without a remote; the
/// push follows in the background, one at a time, coalescing the batches that landed
/// meanwhile. Each ref moves on the remote by compare-and-swap against what we last saw there.
/// A refused push means another server got there first: fetch, integrate their commits with
/// ours (`RemoteIntegration`, inside the site's write queue), re-index, push again.
public actor RemoteSync {
    public nonisolated let remote: GitRemote
    let site: Site
    let logger: Logger
    /// Refs outside the branches that travel too (the users ref).
    let privateReferences: [PrivateReference]
    private var fetchWanted = false
    private var pushWanted = false
    private var worker: Task<Void, Never>?
    /// The last round found the remote unchanged and had nothing left to push.
    private var settled = false
    var divergedReported = false
    private var lastFetch: Date?
    var lastPush: Date?
    var lastError: String?
    /// Pushes refused since the last one the remote took in full, and since the start.
    var refusedInARow = 0
    var refusedTotal = 0
    /// Rounds that ended in an error since the start (each is retried).
    var failedRounds = 0
    /// Where the last fetch round's time went, for the slow-round log line.
    private var lastPullTimes = ""
    /// Branches the last push could not send as a fast-forward, with both tips.
    var divergedBranches: [String] = []

    public init(site: Site, remote: GitRemote, privateReferences: [PrivateReference] = [], logger: Logger = Logger(label: "quire.remote")) {
        self.site = site
        self.remote = remote
        self.privateReferences = privateReferences
        self.logger = logger
    }

    /// Makes `path` a clone of the remote (creating it when missing) and takes in the remote's
    /// branches, before a `Site` is opened on it.
    public static func prepareClone(at path: String, remote: GitRemote, logger: Logger = Logger(label: "quire.remote")) async throws -> Repository {
        let isNew = !FileManager.default.fileExists(atPath: path)
        let repository = isNew ? try Repository.create(at: path) : try Repository.open(at: path)
        try await remote.recordAsOrigin(in: repository.gitDirectory)
        let branches: [String: ObjectID]
        do {
            branches = try await remote.fetch(into: repository.gitDirectory)
        } catch {
            guard !isNew else {
                // A half-made clone must not pass for a site at the next start.
                try? FileManager.default.removeItem(atPath: path)
                throw error
            }
            // An existing clone can serve what it has; the sync catches up once the remote answers.
            logger.error("could not fetch from \(remote.displayURL): \(error); serving the local clone")
            return repository
        }
        do {
            try await PushIntent(gitDirectory: repository.gitDirectory).reconcile(fetched: branches, in: repository) { name in
                RemoteIntegration.isSynced(name) ? RemoteIntegration.trackingName(name) : nil
            }
        } catch {
            // Left for the next fetch: the record stays until a reconcile gets through.
            logger.warning("could not note the last push before a stop against the remote: \(error)")
        }
        // The files a killed server owed first: the remote's changes must meet what main had.
        await Site.payWorkTreeDebt(in: repository, logger: logger)
        let integration = RemoteIntegration(store: SiteStore(repository: repository), logger: logger)
        // Found by the soak: a human's commit during the restart's integration made it exit.
        let outcome = try await integration.integrate(remote: branches, tries: 20) { attempt in
            try await Task.sleep(for: .milliseconds(20 * attempt))
        }
        await integration.updateWorkTree(from: outcome.mainBefore, to: outcome.mainAfter)
        return repository
    }

    /// Pushes after every durable batch and fetches every `interval` (nil: only when asked).
    public func start(fetchEvery interval: Duration?) async -> Task<Void, Never> {
        await site.setAfterDurableBatch { [weak self] in
            Task { await self?.requestPush() }
        }
        requestFetch()
        return Task { [weak self] in
            guard let interval else { return }
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await self?.requestFetch()
            }
        }
    }

    /// Where the tracking ref of a pushed ref lives; nil for a ref this sync does not track.
    func trackingName(of name: String) -> String? {
        if RemoteIntegration.isSynced(name) { return RemoteIntegration.trackingName(name) }
        return privateReferences.first { $0.name == name }?.trackingName
    }

    public func requestPush() {
        pushWanted = true
        startWorker()
    }

    /// A push webhook or the interval: fetch, integrate, push anything still ours alone.
    public func requestFetch() {
        fetchWanted = true
        startWorker()
    }

    /// Rounds of fetch, integrate and push until the remote holds everything this server has
    /// and had nothing new: for tests and for an orderly shutdown.
    public func synchronize(maximumRounds: Int = 20) async throws {
        for _ in 0..<maximumRounds {
            requestFetch()
            await worker?.value
            if settled { return }
        }
        throw RemoteSyncError.unsettled(rounds: maximumRounds, lastError: lastError)
    }

    /// How this server is keeping up with the remote (for `/_health`).
    public func status() async -> RemoteStatus {
        let repository = site.store.repository
        var unpushed = (try? await RemoteIntegration.localBranches(repository)).map { $0.ours != $0.tracking } ?? true
        // The users ref too: a user or token made here is not known elsewhere until it is pushed.
        for reference in privateReferences where !unpushed {
            let ours = try? await repository.resolveReference(reference.name)
            let tracking = try? await repository.resolveReference(reference.trackingName)
            if let ours, ours != tracking { unpushed = true }
        }
        var unpushedCommits = 0
        if let (ours, tracking) = try? await RemoteIntegration.localBranches(repository),
           let main = ours[SiteLayout.mainReference] {
            if let seen = tracking[SiteLayout.mainReference] {
                unpushedCommits = (try? await site.reader.repository.aheadBehind(main, seen).ahead) ?? 0
            } else {
                unpushedCommits = 1
            }
        }
        return RemoteStatus(
            url: remote.displayURL, lastFetch: lastFetch, lastPush: lastPush, unpushed: unpushed, unpushedCommits: unpushedCommits,
            refusedInARow: refusedInARow, refusedTotal: refusedTotal, lastError: lastError)
    }

    /// Returns once the fetches and pushes asked for so far are done, starting none itself.
    public func idle() async {
        await worker?.value
    }

    private func startWorker() {
        guard worker == nil else { return }
        worker = Task { await self.work() }
    }

    private func work() async {
        var failures = 0
        var collisions = 0
        while fetchWanted || pushWanted {
            let fetch = fetchWanted
            fetchWanted = false
            pushWanted = false
            settled = false
            do {
                let clock = ContinuousClock()
                let start = clock.now
                let moved = fetch ? try await pull() : false
                let pulled = clock.now
                let pushed = try await push()
                // A slow round is how a server falls behind the remote: say where the time went.
                if clock.now - start > Self.slowRound {
                    logger.info("sync round took \(Self.seconds(clock.now - start)) s: fetch and integrate \(Self.seconds(pulled - start)) s (\(lastPullTimes)), push \(Self.seconds(clock.now - pulled)) s (\(pushed))")
                }
                failures = 0
                lastError = nil
                if pushed == .diverged, fetch, !moved {
                    // A fresh fetch brought nothing to integrate, so fetching again cannot help:
                    // looping here never ended (found by the soak: a draft branch recreated
                    // here after a publish whose branch deletion never reached the remote).
                    // The branch stays unpushed, in /_health and in the log, and nothing is lost.
                    let branches = divergedBranches.isEmpty ? "" : ": " + divergedBranches.joined(separator: ", ")
                    let message = "a branch here does not descend from the remote's and cannot be pushed as a fast-forward; left unpushed" + branches
                    if !divergedReported { logger.error("sync with \(remote.displayURL): \(message)") }
                    divergedReported = true
                    lastError = message
                    settled = true
                    continue
                }
                divergedReported = false
                settled = fetch && !moved && (pushed == .nothing || pushed == .pushed)
                if pushed == .rejected || pushed == .diverged {
                    // Another server pushed first: take its commits in and try again. Each
                    // round integrates theirs, so this is progress, not a failure.
                    fetchWanted = true
                    collisions += 1
                } else {
                    collisions = 0
                }
            } catch {
                logger.error("sync with \(remote.displayURL) failed: \(error)")
                lastError = "\(error)"
                failedRounds += 1
                (fetchWanted, pushWanted) = (true, true)
                failures += 1
                if failures >= 8 {
                    logger.error("sync with \(remote.displayURL) keeps failing; trying again at the next fetch or write")
                    break
                }
            }
            let waits = failures + min(collisions, 10)
            if waits > 0 {
                // Servers that collided back off by different amounts, so one of them wins the next round.
                try? await Task.sleep(for: .milliseconds(Int.random(in: 2...25) * waits))
            }
        }
        worker = nil
    }

    static let slowRound = Duration.seconds(5)

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.2f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }

    private func pull() async throws -> Bool {
        let repository = site.store.repository
        let clock = ContinuousClock()
        var mark = clock.now
        func lap() -> String {
            defer { mark = clock.now }
            return Self.seconds(clock.now - mark)
        }
        let fetched = try await remote.fetch(into: repository.gitDirectory, alsoFetching: privateReferences.map(\.name))
        lastFetch = Date()
        try await PushIntent(gitDirectory: repository.gitDirectory)
            .reconcile(fetched: fetched, in: repository, trackingName: trackingName(of:))
        var times = "fetch \(lap()) s"
        defer { lastPullTimes = times }
        // Ours goes to the remote before it is taken in here: the local integration waits for
        // this site's write queue and re-indexes, and a busier server pushing meanwhile would
        // refuse ours again every round (found by the 100k soak: B's writes never left B).
        let pushed = try await pushMerged(onto: fetched)
        times += ", merge and push \(lap()) s"
        var moved = try await site.integrateRemote(fetched.merging(pushed) { $1 })
        PushIntent(gitDirectory: repository.gitDirectory).clear()
        times += ", local integration \(lap()) s"
        // Outside the site's write queue: no content batch touches these refs, and their
        // own writers move them by compare-and-swap too.
        let integration = PrivateIntegration(repository: repository)
        for reference in privateReferences {
            let theirs = fetched[reference.name]
            if try await repository.resolveReference(reference.trackingName) != theirs { moved = true }
            _ = try await integration.integrate(reference, theirs: theirs)
        }
        return moved
    }
}

/// A remote sync's state as `/_health` shows it.
public struct RemoteStatus: Sendable {
    /// Without credentials.
    public var url: String
    public var lastFetch: Date?
    /// The last push that the remote accepted in full.
    public var lastPush: Date?
    /// Some branch here differs from what the remote held at the last look.
    public var unpushed: Bool
    /// Commits on main here that the remote did not hold at the last look.
    public var unpushedCommits: Int
    /// Pushes the remote refused since it last took one in full (another server got there
    /// first each time), and since the start.
    public var refusedInARow: Int
    public var refusedTotal: Int
    /// The last round's error; nil once a round succeeds.
    public var lastError: String?
}

public enum RemoteSyncError: Error, CustomStringConvertible {
    /// `synchronize()` gave up: other servers kept pushing, or the remote kept failing.
    case unsettled(rounds: Int, lastError: String?)

    public var description: String {
        switch self {
        case .unsettled(let rounds, let error): "not in step with the remote after \(rounds) rounds" + (error.map { ": \($0)" } ?? "")
        }
    }
}
