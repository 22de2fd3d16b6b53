import Foundation
import Logging
import QuireContent
import QuireGit

/// The sending half of `RemoteSync`.
extension RemoteSync {
    /// `diverged`: nothing was refused, but a branch could not be sent as a fast-forward.
    enum PushOutcome { case nothing, pushed, rejected, diverged }

    /// Every synced branch whose tip differs from what the remote held at our last look.
    func push() async throws -> PushOutcome {
        let repository = site.store.repository
        let (ours, tracking) = try await RemoteIntegration.localBranches(repository)
        var updates: [RemoteUpdate] = []
        var diverged = false
        divergedBranches = []
        let names = Set(ours.keys).union(tracking.keys).filter { ours[$0] != tracking[$0] }
            .sorted { ($0 == SiteLayout.mainReference ? "" : $0) < ($1 == SiteLayout.mainReference ? "" : $1) }
        for name in names {
            // A fast-forward, except for a draft branch made again here (below): a branch that
            // does not contain the remote's tip must otherwise be integrated first.
            if let expected = tracking[name], let new = ours[name], try await !repository.isDescendant(new, of: expected) {
                // A draft branch made again here (after a publish or discard whose deletion never
                // reached the remote) replaces the remote's, but only while the remote still holds
                // what we last saw: anything newer there is fetched and merged first. Main is
                // never replaced.
                guard name.hasPrefix(SiteLayout.draftPrefix) else {
                    diverged = true
                    divergedBranches.append("\(name) (here \(new), remote \(expected))")
                    continue
                }
                updates.append(RemoteUpdate(name: name, expected: expected, new: new, replacing: true))
                continue
            }
            updates.append(RemoteUpdate(name: name, expected: tracking[name], new: ours[name]))
        }
        let extra = try await PrivateIntegration.pushUpdates(privateReferences, in: repository)
        updates += extra.updates
        diverged = diverged || extra.diverged
        let trackingNames = Dictionary(uniqueKeysWithValues: privateReferences.map { ($0.name, $0.trackingName) })
        guard !updates.isEmpty else { return diverged ? .diverged : .nothing }
        let intent = PushIntent(gitDirectory: repository.gitDirectory)
        // An older push not yet checked against a fetch (before a kill) stays for the next one.
        let onlyThisPush = intent.intended().isEmpty
        try intent.record(updates)
        let statuses = try await remote.push(from: repository.gitDirectory, updates)
        var rejected = false
        for update in updates {
            switch statuses[update.name] {
            case .applied:
                try await RemoteIntegration.move(
                    trackingNames[update.name] ?? RemoteIntegration.trackingName(update.name), from: update.expected, to: update.new, in: repository, message: "quire: push")
            case .rejected(let reason):
                noteRefused(update.name, reason: reason)
                rejected = true
            case nil:
                noteRefused(update.name, reason: "no answer for this ref")
                rejected = true
            }
        }
        if onlyThisPush { intent.clear() }
        if !rejected && !diverged {
            lastPush = Date()
            refusedInARow = 0
        }
        return rejected ? .rejected : diverged ? .diverged : .pushed
    }

    /// Sends each branch that both this server and the remote moved since the last look as the
    /// merge of the two, by compare-and-swap against what was just fetched. The merge is made
    /// from objects alone, outside the write queue, so the window in which another server can
    /// get in first is one fetch, one merge and one push, however busy this server is. Returns
    /// the branches the remote took (name → what it holds now), for the local integration.
    func pushMerged(onto fetched: [String: ObjectID]) async throws -> [String: ObjectID] {
        let repository = site.store.repository
        let theirs = fetched.filter { RemoteIntegration.isSynced($0.key) }
        let (ours, tracking) = try await RemoteIntegration.localBranches(repository)
        let integration = RemoteIntegration(store: site.store, logger: logger)
        var updates: [RemoteUpdate] = []
        for name in Set(theirs.keys).union(tracking.keys) where theirs[name] != tracking[name] {
            // Only ours moved, or only theirs: the plain push or the integration is enough.
            guard ours[name] != tracking[name], ours[name] != theirs[name] else { continue }
            let target = try await integration.resolve(name, ours: ours[name], theirs: theirs[name], tracking: tracking[name])
            if target != theirs[name] { updates.append(RemoteUpdate(name: name, expected: theirs[name], new: target)) }
        }
        guard !updates.isEmpty else { return [:] }
        // Cleared once the integration has noted what the remote took (`pull`).
        try PushIntent(gitDirectory: repository.gitDirectory).record(updates)
        let statuses = try await remote.push(from: repository.gitDirectory, updates)
        var taken: [String: ObjectID] = [:]
        for update in updates {
            switch statuses[update.name] {
            case .applied:
                if let new = update.new { taken[update.name] = new }
            case .rejected(let reason): noteRefused(update.name, reason: reason)
            case nil: noteRefused(update.name, reason: "no answer for this ref")
            }
        }
        if !taken.isEmpty, taken.count == updates.count {
            lastPush = Date()
            refusedInARow = 0
        }
        return taken
    }

    /// A refused push is routine (another server got there first), but a long run of them
    /// means this server's writes are not reaching the others: say so once per run.
    func noteRefused(_ name: String, reason: String) {
        refusedInARow += 1
        refusedTotal += 1
        if refusedInARow == 50 {
            logger.warning("sync with \(remote.displayURL): 50 pushes in a row refused (last: \(name), \(reason)); still trying")
        } else {
            logger.debug("push of \(name) refused (\(reason)); fetching")
        }
    }
}
