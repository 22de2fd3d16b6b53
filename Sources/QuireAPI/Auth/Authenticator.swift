import Crypto
import JWTKit
import Foundation
import QuireContent
import QuireGit
import Synchronization

/// Resolves credentials to a `Principal` and decides what it may do. API tokens, users,
/// logouts and the signing secret all come from the users ref (`UserStore`), re-read when it
/// moves, so `quire token create` or `quire user block` take effect on a running server.
public final class Authenticator: Sendable {
    let store: TokenStore
    let users: UserStore?
    let throttle: LoginThrottle
    /// Password-reset requests per email address (apart from sign-ins: no identifier typed at
    /// sign-in can lock someone's reset).
    let resetThrottle = LoginThrottle()
    let sessionTokens = SessionTokens()
    let usage: TokenUsage
    /// bcrypt cost of new password hashes (checks use the cost stored in each hash).
    public let bcryptCost: Int
    private let directory = Mutex<CachedDirectory?>(nil)
    /// The users ref's own file and packed-refs, where git keeps it once packed.
    private let refPaths: (loose: String, packed: String)
    /// Runs after this server changed the users ref (a remote sync pushes it at once).
    private let afterUsersChange = Mutex<(@Sendable () -> Void)?>(nil)
    /// `QUIRE_JWT_SECRET`, read once.
    private let environmentSecret: [UInt8]?

    public init(store: TokenStore, bcryptCost: Int = Passwords.defaultCost, throttle: LoginThrottle = LoginThrottle()) {
        self.store = store
        // Without a readable repository there are no users: tokens keep working.
        users = try? UserStore(gitDirectory: store.gitDirectory)
        self.bcryptCost = bcryptCost
        self.throttle = throttle
        refPaths = (store.gitDirectory + "/" + UserStore.reference, store.gitDirectory + "/packed-refs")
        environmentSecret = ProcessInfo.processInfo.environment["QUIRE_JWT_SECRET"].flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        usage = TokenUsage(file: store.usageFile)
    }

    /// For names that are no content type (uploads, say): as a type that does not open itself to guests.
    public func isAllowed(_ principal: Principal, action: Action, type name: String, config: SiteConfig) -> Bool {
        let stand = ContentType(kind: .collectionType, singularName: name, pluralName: name, displayName: name,
                                draftAndPublish: false, localized: false, shard: nil, attributes: [], sourcePath: "")
        return isAllowed(principal, action: action, type: stand, config: config)
    }

    public func isAllowed(_ principal: Principal, action: Action, type: ContentType, config: SiteConfig) -> Bool {
        switch principal {
        case .anonymous: RolePermissions.allows(role: "public", action: action, type: type, config: config)
        case .token(_, .fullAccess): true
        case .token(_, .readOnly): action.isRead || action == .viewDraft
        case .token(_, .custom): false
        case .scoped(_, let permissions):
            permissions[type.singularName]?.contains(action.rawValue) == true || permissions["*"]?.contains(action.rawValue) == true
        case .keyed(_, let role): RolePermissions.allows(role: role, action: action, type: type, config: config)
        case .user(let user): RolePermissions.allows(role: user.role, action: action, type: type, config: config)
        }
    }

    // MARK: Tokens

    /// The live token whose hash matches `secret`. A hash-table lookup rather than a
    /// constant-time scan: what its timing could leak is the SHA-256 of a guessed secret,
    /// which says nothing about any real one.
    func token(secret: String) async throws -> TokenStore.Token? {
        guard let token = try await currentDirectory().tokensByHash[TokenStore.hash(secret)] else { return nil }
        usage.record(token.id)
        return token
    }

    // MARK: Users

    /// The users ref as it is now, so a user blocked or removed, or a token revoked (here, by
    /// the CLI or by another server) is refused at once. One `stat` call per request: the ref's
    /// own file, or packed-refs when it has none (a ref's own file overrides packed-refs, and
    /// packing or deleting the ref removes that file). The ref is looked up, and reloaded if it
    /// moved, only when the stamp changed.
    func currentDirectory() async throws -> UserStore.Loaded {
        guard let users else { return UserStore.Loaded(tip: nil, state: AuthState(), secret: nil) }
        let stamp = refStamp()
        let now = ContinuousClock.now
        let cached = directory.withLock { $0 }
        // Timestamps are coarse and inodes get reused: whatever the stamp says, look once a second.
        if let cached, cached.stamp == stamp, now - cached.checked < .seconds(1) {
            return cached.loaded
        }
        let tip = try await users.tip()
        let loaded: UserStore.Loaded
        if let cached, cached.loaded.tip == tip { loaded = cached.loaded } else { loaded = try await users.load() }
        directory.withLock { $0 = CachedDirectory(loaded: loaded, stamp: stamp, checked: now) }
        return loaded
    }

    private func refStamp() -> RefStamp {
        let loose = FileStamp(path: refPaths.loose)
        return RefStamp(loose: loose, packed: loose == nil ? FileStamp(path: refPaths.packed) : nil)
    }

    /// Drops the cached users ref: a remote sync that moved it calls this, so the next request
    /// reads the ref again without trusting file stamps or the one-second window.
    public func forgetCachedUsers() {
        directory.withLock { $0 = nil }
    }

    /// The secret user tokens are signed with.
    func signingSecret(_ loaded: UserStore.Loaded? = nil) async throws -> [UInt8] {
        if let environmentSecret { return environmentSecret }
        var current = loaded
        if current == nil { current = try await currentDirectory() }
        if let secret = current?.secret { return secret }
        guard let users else { throw UserStoreError.invalid("this site has no users store") }
        return try await users.secret()
    }

    /// The user a signed token stands for, if the token is genuine, live and not logged out,
    /// and its user exists, is not blocked and has not changed password since.
    func user(fromToken token: String) async throws -> (SignedInUser?, refused: Bool) {
        guard SessionTokens.looksLikeJWT(token) else { return (nil, false) }
        let loaded = try await currentDirectory()
        let secret = try await signingSecret(loaded)
        guard let claims = await sessionTokens.verify(token, secret: secret),
              let credential = SignedInUser.Credential(rawValue: claims.kind) else { return (nil, false) }
        let state = loaded.state
        // The document id too: a user added on another server at the same moment may have been
        // given a new numeric id by the merge, and its old id taken by somebody else.
        guard state.revoked[claims.jti.value] == nil, let record = state.user(id: claims.id), record.documentId == claims.doc,
              !record.blocked, record.tokenGeneration == claims.gen else { return (nil, true) }
        return (SignedInUser(
            id: record.id, documentId: record.documentId, username: record.username, email: record.email, displayName: record.displayName,
            role: record.role, credential: credential, tokenID: claims.jti.value, expires: claims.exp.value), false)
    }

    /// A new token for `user`, lasting `lifetime` seconds.
    func issue(_ user: UserRecord, kind: SignedInUser.Credential, lifetime: Int) async throws -> String {
        try await sessionTokens.sign(user: user, kind: kind, lifetime: lifetime, secret: try await signingSecret()).token
    }

    /// Changes the users ref (through the store, so every server sees it).
    @discardableResult
    func updateUsers<T: Sendable>(_ message: String, _ change: @Sendable (inout AuthState) throws -> T) async throws -> T {
        guard let users else { throw UserStoreError.invalid("this site has no users store") }
        let result = try await users.update(message, change)
        afterUsersChange.withLock { $0 }?()
        return result
    }

    /// `hook` runs after each change this server makes to the users ref.
    public func setAfterUsersChange(_ hook: @escaping @Sendable () -> Void) {
        afterUsersChange.withLock { $0 = hook }
    }
}

/// Where the users ref stood on disk when it was last read.
struct RefStamp: Equatable {
    var loose: Authenticator.FileStamp?
    var packed: Authenticator.FileStamp?
}

/// The users ref as last read, in a class so that the per-request check copies one reference.
final class CachedDirectory: Sendable {
    let loaded: UserStore.Loaded
    let stamp: RefStamp
    let checked: ContinuousClock.Instant

    init(loaded: UserStore.Loaded, stamp: RefStamp, checked: ContinuousClock.Instant) {
        self.loaded = loaded
        self.stamp = stamp
        self.checked = checked
    }
}
