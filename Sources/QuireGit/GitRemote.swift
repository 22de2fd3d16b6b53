import CGit2
import Foundation
import Synchronization

/// One branch move asked of a remote: a compare-and-swap against what the remote held when
/// we last looked (`expected`; nil: must not exist), to `new` (nil: delete it).
public struct RemoteUpdate: Sendable, Equatable {
    public var name: String
    public var expected: ObjectID?
    public var new: ObjectID?
    /// `new` need not descend from `expected`: the branch is replaced, still only if the remote
    /// holds exactly `expected` (a compare-and-swap, like git's `--force-with-lease`).
    public var replacing: Bool

    public init(name: String, expected: ObjectID?, new: ObjectID?, replacing: Bool = false) {
        self.name = name
        self.expected = expected
        self.new = new
        self.replacing = replacing
    }
}

/// What became of one `RemoteUpdate`.
public enum RemoteUpdateStatus: Sendable, Equatable {
    case applied
    /// The remote's branch was no longer at `expected` (another server pushed first), or the
    /// remote refused the move (non-fast-forward, hook, permissions): fetch and integrate first.
    case rejected(String)
}

/// A git remote: a local path or `file://` URL (objects copied directly, see `LocalTransfer`),
/// or ssh/https through libgit2's transports. Network calls block, so they run on a queue of
/// their own rather than on Swift's few cooperative threads, each with its own repository
/// handle (libgit2 handles are not thread-safe, but several handles on one repository are fine).
public final class GitRemote: Sendable {
    public let url: String
    private let queue = DispatchQueue(label: "quire.git.remote")
    /// Whether this process is packing the remote (see `packInBackground`).
    private let packing = Mutex(false)
    /// Tests set it to drive libgit2's transport (the ssh/https path) against a local repository.
    let usesTransportPush: Bool

    public convenience init(url: String) {
        self.init(url: url, usesTransportPush: false)
    }

    init(url: String, usesTransportPush: Bool) {
        _ = libgit2Setup
        self.url = url
        self.usesTransportPush = usesTransportPush
    }

    /// A path or `file://` URL: objects are copied by `LocalTransfer` and refs moved by
    /// `Repository`'s own compare-and-swap.
    public var localPath: String? {
        if url.hasPrefix("file://") { return String(url.dropFirst("file://".count)) }
        if url.contains("://") { return nil }
        // scp-like `user@host:path` is ssh; a colon before any slash marks it.
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return nil }
        return url
    }

    /// Downloads every branch of the remote that `gitDirectory` lacks (objects only: no ref of
    /// the local repository moves) and returns the remote's branches, `refs/heads/...` → commit.
    /// `extra` names refs outside `refs/heads/` (private ones, such as `refs/quire/users`) to
    /// download and return too, when the remote has them.
    public func fetch(into gitDirectory: String, alsoFetching extra: [String] = []) async throws -> [String: ObjectID] {
        if let path = localPath, !usesTransportPush {
            return try await run { try LocalTransfer.fetch(from: path, into: gitDirectory, extra: Set(extra)) }
        }
        return try await run {
            try Self.download(from: self.url, into: gitDirectory, refspecs: ["refs/heads/*:refs/heads/*"] + extra.map { "\($0):\($0)" }, extra: Set(extra))
        }
    }

    /// Moves branches on the remote, each one a compare-and-swap; objects are sent first.
    public func push(from gitDirectory: String, _ updates: [RemoteUpdate]) async throws -> [String: RemoteUpdateStatus] {
        guard !updates.isEmpty else { return [:] }
        if let path = localPath, !usesTransportPush {
            return try await pushLocally(from: gitDirectory, to: path, updates)
        }
        // Refs name the exact commits to send: the branches may move on while we push.
        try await run { try Self.setPushReferences(updates, in: gitDirectory) }
        defer { queue.async { try? Self.setPushReferences([], in: gitDirectory, removing: updates) } }
        return try await run { try Self.upload(to: self.url, from: gitDirectory, updates) }
    }

    static func pushReference(_ name: String) -> String {
        "refs/quire/push/" + name.dropFirst("refs/".count)
    }

    private static func setPushReferences(_ updates: [RemoteUpdate], in gitDirectory: String, removing: [RemoteUpdate] = []) throws {
        try withRepository(gitDirectory) { repository in
            for update in removing {
                _ = git_reference_remove(repository, pushReference(update.name))
                clearError()
            }
            for update in updates {
                guard var oid = update.new?.oid else { continue }
                var ref: OpaquePointer?
                try check(git_reference_create(&ref, repository, pushReference(update.name), &oid, 1, "quire: push"),
                          "git_reference_create(\(pushReference(update.name)))")
                git_reference_free(ref)
            }
        }
    }

    /// The remote's branches, without downloading anything.
    public func branches(using gitDirectory: String) async throws -> [String: ObjectID] {
        if let path = localPath, !usesTransportPush {
            return try await run { try Self.withRepository(path) { try LocalTransfer.references(in: $0, also: []) } }
        }
        return try await run {
            try Self.withRemote(self.url, gitDirectory: gitDirectory, direction: GIT_DIRECTION_FETCH) { remote, _ in
                try Self.advertisedBranches(remote)
            }
        }
    }

    /// Names the remote `origin` in the repository's config unless it has one, so that `git
    /// fetch`, `git log origin/main` and `git push` work in the clone as they do for the server.
    public func recordAsOrigin(in gitDirectory: String) async throws {
        try await run {
            try Self.withRepository(gitDirectory) { repository in
                var remote: OpaquePointer?
                let code = git_remote_create(&remote, repository, "origin", Self.redacted(self.url, keepingNoCredentials: true))
                if code == .exists {
                    clearError()
                    return
                }
                try check(code, "git_remote_create(origin)")
                git_remote_free(remote)
            }
        }
    }

    /// The URL for logs and messages: a `user:token@` in it is a secret.
    public var displayURL: String { Self.redacted(url) }

    static func redacted(_ url: String, keepingNoCredentials: Bool = false) -> String {
        guard let scheme = url.range(of: "://"),
              let at = url[scheme.upperBound...].prefix(while: { $0 != "/" }).lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + (keepingNoCredentials ? "" : "***@") + url[url.index(after: at)...]
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let url = url
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body() }.mapError { error in
                    // libgit2's own messages may quote the URL, credentials included.
                    guard case .libgit2(let operation, let code, let message) = error as? GitError, url != Self.redacted(url) else { return error }
                    return GitError.libgit2(
                        operation: operation, code: code, message: message.replacingOccurrences(of: url, with: Self.redacted(url)))
                })
            }
        }
    }

    // MARK: Local remotes

    /// The objects the new tips need and the remote lacks are copied and flushed (`LocalTransfer`),
    /// then each ref moves by compare-and-swap under its lock.
    private func pushLocally(from gitDirectory: String, to path: String, _ updates: [RemoteUpdate]) async throws -> [String: RemoteUpdateStatus] {
        let target = try Repository.open(at: path)
        let tips = updates.compactMap(\.new)
        if !tips.isEmpty {
            try await run {
                try Self.withRepository(gitDirectory) { source in
                    try LocalTransfer.copyObjects(reachableFrom: tips, from: source, into: target.gitDirectory)
                }
            }
            try await target.makeObjectsDurable()
        }
        var statuses: [String: RemoteUpdateStatus] = [:]
        for update in updates {
            do {
                switch (update.expected, update.new) {
                case (nil, nil):
                    break
                case (let expected?, nil):
                    try await target.deleteReference(update.name, expecting: expected)
                case (let expected, let new?):
                    try await target.updateReference(update.name, to: new, expecting: expected, logMessage: "quire: push")
                }
                statuses[update.name] = .applied
            } catch GitError.referenceMoved {
                statuses[update.name] = .rejected("the remote branch moved since the last fetch")
            } catch GitError.libgit2(_, let code, _) where code == GIT_ELOCKED.rawValue {
                statuses[update.name] = .rejected("another server is updating the remote branch")
            }
        }
        // Each push leaves a pack in the remote, and no `git gc --auto` runs there as git's
        // receive-pack would start: past the limit, lookups in the remote (every fetch) scan
        // hundreds of pack indexes (the soak: 721 packs in six minutes, fetches of 40 s).
        if updates.contains(where: { $0.new != nil }) { packInBackground(target.gitDirectory) }
        return statuses
    }

    /// Packing the remote rewrites up to half its objects (minutes at 100,000 documents on a
    /// busy machine: the 100k soak saw a push held 272 s by it), so it runs beside the sync,
    /// one at a time, instead of inside the push that happened to cross the limit.
    private func packInBackground(_ gitDirectory: String) {
        guard packing.withLock({ running in
            if running { return false }
            running = true
            return true
        }) else { return }
        DispatchQueue.global(qos: .utility).async {
            defer { self.packing.withLock { $0 = false } }
            _ = try? ObjectPacker(gitDirectory: gitDirectory).runIfNeeded(PackingPolicy())
        }
    }
}
