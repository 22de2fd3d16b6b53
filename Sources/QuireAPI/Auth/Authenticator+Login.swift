import Foundation
import QuireContent

/// Signing in, registering, changing passwords and logging out: what both dialects' routes
/// share. Secrets pass through here and are never logged or returned.
extension Authenticator {
    public enum LoginOutcome: Sendable {
        case success(UserRecord)
        case invalid
        case blocked
        /// The email is not confirmed while confirmation is required (told only after the password matched).
        case unconfirmed
        case throttled
    }

    /// Checks a password for a username or email, with Apostrophe's throttle per account: one
    /// count per user whichever name it is tried under (else username and email would each
    /// allow three attempts), and per identifier for names of nobody.
    public func login(identifier: String, password: String, requireConfirmed: Bool = false) async throws -> LoginOutcome {
        let record = try await currentDirectory().state.user(named: identifier)
        let account = record.map { "user " + $0.documentId } ?? identifier
        if throttle.isLocked(account) { return .throttled }
        guard await Passwords.verify(password, hash: record?.passwordHash), let record else {
            throttle.recordFailure(account)
            return .invalid
        }
        throttle.recordSuccess(account)
        // Strapi's order: confirmation, then blocked.
        if requireConfirmed, !record.confirmed { return .unconfirmed }
        return record.blocked ? .blocked : .success(record)
    }

    /// Adds a user (registration); `UserStoreError.taken` if the username or email is in use.
    /// `unconfirmed`: the user waits for an email confirmation before signing in.
    public func register(username: String, email: String, password: String, role: String, unconfirmed: Bool = false) async throws -> UserRecord {
        let hash = await Passwords.hash(password, cost: bcryptCost)
        return try await updateUsers("Register a user") { state in
            var user = try state.add(username: username, email: email, displayName: nil, role: role, passwordHash: hash)
            if unconfirmed, let index = state.users.firstIndex(where: { $0.documentId == user.documentId }) {
                state.users[index].confirmed = false
                user = state.users[index]
            }
            return user
        }
    }

    /// Sets a new password and revokes every token and session the user had.
    public func changePassword(userID: Int, to password: String) async throws -> UserRecord {
        let hash = await Passwords.hash(password, cost: bcryptCost)
        return try await updateUsers("Change a user's password") { state in
            guard let index = state.users.firstIndex(where: { $0.id == userID }) else { throw UserStoreError.noSuchUser("#\(userID)") }
            state.users[index].setPassword(hash: hash)
            state.users[index].updatedAt = Date()
            return state.users[index]
        }
    }

    /// Ends one token or session on every server.
    public func logout(_ user: SignedInUser) async throws {
        let id = user.tokenID
        let expires = user.expires
        try await updateUsers("Log out") { state in state.revoked[id] = expires }
    }

    /// The stored user behind a signed-in principal (for answers that show the user).
    public func record(of user: SignedInUser) async throws -> UserRecord? {
        // By document id: the numeric one can change when two servers' users are merged.
        try await currentDirectory().state.users.first { $0.documentId == user.documentId }
    }
}

extension AuthState {
    /// Adds a user with the next free id; refuses a username or email already used (either way round).
    @discardableResult
    public mutating func add(
        username: String, email: String, displayName: String?, role: String, passwordHash: String
    ) throws(UserStoreError) -> UserRecord {
        guard UserRecord.isValidUsername(username) else {
            throw .invalid("a username is 1 to 64 letters, digits, dots, dashes, underscores or @")
        }
        guard UserRecord.isValidEmail(email) else { throw .invalid("email must be a valid email") }
        guard user(named: username) == nil, user(named: email) == nil else { throw .taken }
        let now = Date()
        let record = UserRecord(
            id: (users.map(\.id).max() ?? 0) + 1, documentId: UserRecord.newDocumentId(), username: username, email: email,
            displayName: displayName, role: role, blocked: false, passwordHash: passwordHash, tokenGeneration: 0,
            createdAt: now, updatedAt: now)
        users.append(record)
        return record
    }
}

extension UserRecord {
    static func isValidUsername(_ name: String) -> Bool {
        name.range(of: #"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"#, options: .regularExpression) != nil
    }

    static func isValidEmail(_ email: String) -> Bool {
        email.count <= 254 && email.range(of: #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#, options: .regularExpression) != nil
    }

    /// 24 lowercase letters and digits, like Strapi's and Apostrophe's ids.
    static func newDocumentId() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var random = SystemRandomNumberGenerator()
        return String((0..<24).map { index in alphabet[Int.random(in: (index == 0 ? 0 : 0)..<(index == 0 ? 26 : 36), using: &random)] })
    }
}
