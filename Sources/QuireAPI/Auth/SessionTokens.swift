import Foundation
import JWTKit
import Synchronization

/// The claims of every token Quire signs for a user: Strapi's `{id, iat, exp}`, plus the
/// user's document id (numeric ids can change when two servers' users are merged), the
/// token's own id (so one can be revoked by logging out), the user's token generation (so a
/// password change revokes all of them) and what it was issued as.
struct SessionClaims: JWTPayload {
    var id: Int
    var doc: String
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    var jti: IDClaim
    var gen: Int
    var kind: String

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

/// Signs and checks user tokens with HS256 and the site's secret (`QUIRE_JWT_SECRET`, else
/// the one kept in the users ref, so that every server of a site accepts every token).
/// Tokens already verified are remembered: a signed-in frontend sends the same one with
/// every request, and decoding it again tripled the cost of an authenticated read.
actor SessionTokens {
    private var keys: (secret: [UInt8], collection: JWTKeyCollection)?
    private let verified = Mutex<(secret: [UInt8], claims: [String: SessionClaims])>(([], [:]))
    private static let rememberedTokens = 10_000

    func sign(user: UserRecord, kind: SignedInUser.Credential, lifetime: Int, secret: [UInt8]) async throws -> (token: String, id: String, expires: Date) {
        // Whole seconds, as Strapi's tokens (jsonwebtoken) have them: some clients reject fractions.
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let expires = now.addingTimeInterval(TimeInterval(lifetime))
        let id = TokenStore.randomHex(bytes: 16)
        let claims = SessionClaims(
            id: user.id, doc: user.documentId, iat: IssuedAtClaim(value: now), exp: ExpirationClaim(value: expires), jti: IDClaim(value: id),
            gen: user.tokenGeneration, kind: kind.rawValue)
        return (try await collection(secret).sign(claims), id, expires)
    }

    /// The claims of a genuine, unexpired token; nil for anything else.
    nonisolated func verify(_ token: String, secret: [UInt8]) async -> SessionClaims? {
        let remembered = verified.withLock { $0.secret == secret ? $0.claims[token] : nil }
        if let remembered { return remembered.exp.value > Date() ? remembered : nil }
        guard let claims = try? await checked(token, secret: secret) else { return nil }
        verified.withLock { state in
            if state.secret != secret || state.claims.count >= Self.rememberedTokens { state = (secret, [:]) }
            state.claims[token] = claims
        }
        return claims
    }

    private func checked(_ token: String, secret: [UInt8]) async throws -> SessionClaims {
        try await collection(secret).verify(token, as: SessionClaims.self)
    }

    private func collection(_ secret: [UInt8]) async -> JWTKeyCollection {
        if let keys, keys.secret == secret { return keys.collection }
        let collection = JWTKeyCollection()
        await collection.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        keys = (secret, collection)
        return collection
    }

    /// Whether `text` has a JWT's shape, so it is worth checking as one.
    static func looksLikeJWT(_ text: String) -> Bool {
        text.utf8.count > 20 && text.utf8.filter { $0 == UInt8(ascii: ".") }.count == 2
    }
}
