import Foundation
import QuireGit

/// Users, API tokens, logouts and the token-signing secret, kept in the private ref `refs/quire/users`:
/// a commit whose tree holds `auth.json` and `jwt-secret`. Ordinary clones and fetches only
/// take `refs/heads/*` and `refs/tags/*`, so it never reaches content branches or their
/// clones; it survives restarts, and `quire serve --remote` carries it to the other servers
/// of a site (`UserStore.syncedReference`; by hand: `git push <server> refs/quire/users`). Every change is a compare-and-swap on
/// the ref, retried on a race, so two servers or a server and the CLI never lose a change.
public struct UserStore: Sendable {
    public static let reference = "refs/quire/users"
    static let stateFile = "auth.json"
    static let secretFile = "jwt-secret"
    private static let author = Signature(name: "Quire", email: "quire@quire.invalid")

    /// A handle of its own: reads and writes of users never queue behind content commits.
    let repository: Repository

    public init(gitDirectory: String) throws {
        repository = try Repository.open(at: gitDirectory)
    }

    /// What the ref holds now.
    public struct Loaded: Sendable {
        public let tip: ObjectID?
        public let state: AuthState
        public let secret: [UInt8]?
        /// `state.tokens` by hash: every request with a token looks one up.
        let tokensByHash: [String: TokenStore.Token]

        init(tip: ObjectID?, state: AuthState, secret: [UInt8]?) {
            self.tip = tip
            self.state = state
            self.secret = secret
            tokensByHash = Dictionary(state.tokens.map { ($0.hash, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    public func tip() async throws -> ObjectID? {
        try await repository.resolveReference(Self.reference)
    }

    public func load() async throws -> Loaded {
        guard let tip = try await tip() else { return Loaded(tip: nil, state: AuthState(), secret: nil) }
        return try await load(at: tip)
    }

    private func load(at tip: ObjectID) async throws -> Loaded {
        let tree = try await repository.commit(tip).tree
        var state = AuthState()
        if let entry = try await repository.entry(atPath: Self.stateFile, inTree: tree) {
            state = try JSONDecoder.tokens.decode(AuthState.self, from: Data(try await repository.readBlob(entry.id)))
        }
        var secret: [UInt8]?
        if let entry = try await repository.entry(atPath: Self.secretFile, inTree: tree) {
            secret = try await repository.readBlob(entry.id)
        }
        return Loaded(tip: tip, state: state, secret: secret)
    }

    /// Applies `change` to the latest state and commits it, retrying when another writer moved
    /// the ref first. `message` must name no secret: it is the commit message.
    @discardableResult
    public func update<T: Sendable>(_ message: String, _ change: @Sendable (inout AuthState) throws -> T) async throws -> T {
        while true {
            let loaded = try await load()
            var state = loaded.state
            state.forgetExpiredRevocations()
            let result = try change(&state)
            do {
                try await commit(state, secret: loaded.secret ?? Self.newSecret(), onto: loaded.tip, message: message)
                return result
            } catch GitError.referenceMoved {
                continue
            }
        }
    }

    /// The signing secret, made (and committed) on first use.
    public func secret() async throws -> [UInt8] {
        let loaded = try await load()
        if let secret = loaded.secret { return secret }
        try await update("Create the token-signing secret") { _ in }
        return try await load().secret ?? []
    }

    private func commit(_ state: AuthState, secret: [UInt8], onto parent: ObjectID?, message: String) async throws {
        let stateBlob = try await repository.writeBlob(Array(try JSONEncoder.tokens.encode(state)))
        let secretBlob = try await repository.writeBlob(secret)
        let tree = try await repository.buildTree(base: nil, changes: [Self.stateFile: stateBlob, Self.secretFile: secretBlob])
        let commit = try await repository.createCommit(
            tree: tree, parents: parent.map { [$0] } ?? [], author: Self.author, committer: Self.author, message: message + "\n")
        try await repository.moveReferencesDurably([ReferenceMove(Self.reference, from: parent, to: commit, logMessage: message)])
    }

    /// 256 random bits, as hex text so that `git show` prints it sanely to an administrator.
    static func newSecret() -> [UInt8] {
        Array(TokenStore.randomHex(bytes: 32).utf8)
    }
}
