import Foundation

/// Strapi's email confirmation over the users ref: a random token, stored only as its SHA-256,
/// good once and replaced by each new confirmation mail. Strapi's never expires; Quire's works
/// for `email.confirmationLifetime` (three days unless set), then the user asks for a new mail.
extension Authenticator {
    /// A new confirmation token for the unconfirmed, unblocked user, replacing any earlier one;
    /// nil (nothing written) when the user is gone, confirmed or blocked meanwhile.
    func startEmailConfirmation(userDocumentId: String, lifetime: Int) async throws -> (user: UserRecord, token: String)? {
        // 160 bits, as Strapi's 20 random bytes.
        let token = TokenStore.randomHex(bytes: 20)
        let hash = TokenStore.hash(token)
        let expires = Date().addingTimeInterval(TimeInterval(lifetime))
        let stored: UserRecord? = try await updateUsers("Start an email confirmation") { state in
            guard let index = state.users.firstIndex(where: { $0.documentId == userDocumentId && !$0.confirmed && !$0.blocked }) else {
                return nil
            }
            state.users[index].confirmationTokenHash = hash
            state.users[index].confirmationTokenExpires = expires
            return state.users[index]
        }
        return stored.map { ($0, token) }
    }

    /// Spends `token`: the user it was mailed to is confirmed. nil for an unknown, spent or expired token.
    func confirmEmail(token: String) async throws -> UserRecord? {
        let hash = TokenStore.hash(token)
        let now = Date()
        @Sendable func holder(_ state: AuthState) -> Int? {
            state.users.firstIndex { $0.confirmationTokenHash == hash && ($0.confirmationTokenExpires ?? .distantFuture) > now }
        }
        guard holder(try await currentDirectory().state) != nil else { return nil }
        return try await updateUsers("Confirm a user's email") { state in
            guard let index = holder(state) else { return nil }
            state.users[index].confirmed = true
            state.users[index].updatedAt = Date()
            return state.users[index]
        }
    }

    /// Forgets a token whose mail could not be sent.
    func cancelEmailConfirmation(userDocumentId: String, token: String) async {
        let hash = TokenStore.hash(token)
        _ = try? await updateUsers("Cancel an email confirmation") { state in
            guard let index = state.users.firstIndex(where: { $0.documentId == userDocumentId && $0.confirmationTokenHash == hash }) else { return }
            state.users[index].confirmationTokenHash = nil
            state.users[index].confirmationTokenExpires = nil
        }
    }
}
