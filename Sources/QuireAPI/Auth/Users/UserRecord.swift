import Foundation

/// One user as stored in the users ref. The password is a bcrypt hash; nothing else is secret.
public struct UserRecord: Codable, Sendable, Equatable {
    /// Strapi's numeric id, never reused.
    public var id: Int
    public var documentId: String
    public var username: String
    public var email: String
    public var displayName: String?
    public var role: String
    public var blocked: Bool
    public var passwordHash: String
    /// Bumped when the password changes: every token and session issued before stops working.
    public var tokenGeneration: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// SHA-256 of the pending password-reset code (the code itself is only in the email).
    public var resetCodeHash: String? = nil
    public var resetCodeExpires: Date? = nil
    /// `true` while the email address waits for confirmation (Strapi's `confirmed: false`);
    /// absent for everyone else, so users stored before confirmation existed stay confirmed.
    public var unconfirmed: Bool? = nil
    /// SHA-256 of the pending email-confirmation token (the token itself is only in the mail).
    public var confirmationTokenHash: String? = nil
    /// When that token stops working (absent for tokens mailed before lifetimes existed: good once).
    public var confirmationTokenExpires: Date? = nil

    /// Strapi's `confirmed`.
    public var confirmed: Bool {
        get { unconfirmed != true }
        set {
            unconfirmed = newValue ? nil : true
            if newValue { (confirmationTokenHash, confirmationTokenExpires) = (nil, nil) }
        }
    }

    /// A new password, however it was set: every token and session of the user ends, and a
    /// pending reset code is spent (it was asked for the old password).
    public mutating func setPassword(hash: String) {
        guard hash != passwordHash else { return }
        passwordHash = hash
        tokenGeneration += 1
        resetCodeHash = nil
        resetCodeExpires = nil
    }

    /// Whether `identifier` names this user (username or email, any case, as Strapi matches).
    func isNamed(_ identifier: String) -> Bool {
        let wanted = identifier.lowercased()
        return username.lowercased() == wanted || email.lowercased() == wanted
    }
}

/// Everything the users ref holds apart from the signing secret.
public struct AuthState: Codable, Sendable, Equatable {
    public var users: [UserRecord] = []
    /// Token ids revoked by logging out, with when they would have expired anyway (then they are dropped).
    public var revoked: [String: Date] = [:]
    /// API tokens and Apostrophe API keys.
    public var tokens: [TokenStore.Token] = []
    /// Ids of revoked API tokens, with when the token would have expired anyway (`distantFuture`:
    /// never), after which the tombstone is dropped.
    public var revokedTokens: [String: Date] = [:]

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case users, revoked, tokens, revokedTokens
    }

    /// The users ref of versions before tokens moved into it has no `tokens` or `revokedTokens`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        users = try container.decodeIfPresent([UserRecord].self, forKey: .users) ?? []
        revoked = try container.decodeIfPresent([String: Date].self, forKey: .revoked) ?? [:]
        tokens = try container.decodeIfPresent([TokenStore.Token].self, forKey: .tokens) ?? []
        revokedTokens = try container.decodeIfPresent([String: Date].self, forKey: .revokedTokens) ?? [:]
    }

    /// Drops logouts and tombstones of tokens that have expired by now.
    mutating func forgetExpiredRevocations(now: Date = Date()) {
        revoked = revoked.filter { $0.value > now }
        revokedTokens = revokedTokens.filter { $0.value > now }
    }

    public func user(id: Int) -> UserRecord? { users.first { $0.id == id } }

    public func user(named identifier: String) -> UserRecord? { users.first { $0.isNamed(identifier) } }

    mutating func modifyUser(_ identifier: String, _ change: (inout UserRecord) -> Void) throws(UserStoreError) {
        guard let index = users.firstIndex(where: { $0.isNamed(identifier) }) else { throw .noSuchUser(identifier) }
        change(&users[index])
        users[index].updatedAt = Date()
    }
}

public enum UserStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSuchUser(String)
    case taken
    case invalid(String)

    public var description: String {
        switch self {
        case .noSuchUser(let name): "no user '\(name)'"
        case .taken: "Email or Username are already taken"
        case .invalid(let reason): reason
        }
    }
}
