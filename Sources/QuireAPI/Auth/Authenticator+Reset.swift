import Foundation

/// Strapi's forgotten-password flow over the users ref: a random code, stored only as its
/// SHA-256 with an expiry, good once. Secrets pass through here and are never logged.
extension Authenticator {
    public enum ResetOutcome: Sendable {
        case reset(UserRecord)
        /// Unknown, used, replaced or expired code, or a user blocked since.
        case invalidCode
    }

    /// A new reset code for the unblocked user with this email, replacing any earlier one;
    /// nil (nothing written) for an unknown or blocked email.
    func startPasswordReset(email: String, lifetime: Int) async throws -> (user: UserRecord, code: String)? {
        let wanted = email.lowercased()
        guard let user = try await currentDirectory().state.users.first(where: { $0.email.lowercased() == wanted }),
              !user.blocked else { return nil }
        // 256 bits, as Strapi's 64 random bytes are far more than a guess needs.
        let code = TokenStore.randomHex(bytes: 32)
        let hash = TokenStore.hash(code)
        let expires = Date().addingTimeInterval(TimeInterval(lifetime))
        let documentId = user.documentId
        let stored: UserRecord? = try await updateUsers("Start a password reset") { state in
            guard let index = state.users.firstIndex(where: { $0.documentId == documentId && !$0.blocked }) else { return nil }
            state.users[index].resetCodeHash = hash
            state.users[index].resetCodeExpires = expires
            return state.users[index]
        }
        return stored.map { ($0, code) }
    }

    /// Spends `code`: sets the new password, clears the code and ends every token and session
    /// the user had (as a password change does).
    /// `identifier` (Apostrophe's reset names the user too): the code must be that user's.
    func finishPasswordReset(code: String, password: String, identifier: String? = nil) async throws -> ResetOutcome {
        let holder = Self.resetHolder(code: code, identifier: identifier)
        // Checked before hashing the password (bcrypt is slow) and again inside the update: another
        // request or server may have spent the code meanwhile.
        guard holder(try await currentDirectory().state) != nil else { return .invalidCode }
        let passwordHash = await Passwords.hash(password, cost: bcryptCost)
        let record: UserRecord? = try await updateUsers("Reset a user's password") { state in
            guard let index = holder(state) else { return nil }
            state.users[index].setPassword(hash: passwordHash)
            // The code reached the user's mailbox: that confirms the address too.
            state.users[index].confirmed = true
            state.users[index].updatedAt = Date()
            return state.users[index]
        }
        return record.map { .reset($0) } ?? .invalidCode
    }

    /// Whether `code` is a usable reset code of the user `identifier` names (Apostrophe's link check).
    func hasPendingReset(code: String, identifier: String) async throws -> Bool {
        Self.resetHolder(code: code, identifier: identifier)(try await currentDirectory().state) != nil
    }

    /// The index of the unblocked user holding the unexpired `code`, and named `identifier` if given.
    private static func resetHolder(code: String, identifier: String?) -> @Sendable (AuthState) -> Int? {
        let hash = TokenStore.hash(code)
        let now = Date()
        return { state in
            state.users.firstIndex {
                $0.resetCodeHash == hash && !$0.blocked && ($0.resetCodeExpires ?? .distantPast) > now && identifier.map($0.isNamed) ?? true
            }
        }
    }

    /// Forgets a code whose email could not be sent, so nothing usable stays behind.
    func cancelPasswordReset(userDocumentId: String, code: String) async {
        let hash = TokenStore.hash(code)
        _ = try? await updateUsers("Cancel a password reset") { state in
            guard let index = state.users.firstIndex(where: { $0.documentId == userDocumentId && $0.resetCodeHash == hash }) else { return }
            state.users[index].resetCodeHash = nil
            state.users[index].resetCodeExpires = nil
        }
    }
}
