import Foundation
import QuireIndex
import QuireSite

extension UserStore {
    /// The users ref as `quire serve --remote` carries it between servers. When two servers
    /// both changed it, `auth.json` is merged record by record (`AuthState.merged`) and the
    /// signing secret is the remote's: the remote's was there first and other servers may have
    /// signed sessions with it, while ours differs only when this server made its own before it
    /// ever saw the remote's (a fresh clone whose first fetch came later), so few if any of our
    /// sessions end. `moved` runs after a fetch changed the ref (to drop a cached copy).
    public static func syncedReference(moved: @escaping @Sendable () -> Void = {}) -> PrivateReference {
        PrivateReference(name: reference, mergeFile: { path, base, ours, theirs in
            guard path == stateFile else { return theirs ?? ours }
            let decoder = JSONDecoder.tokens
            let decode = { (bytes: [UInt8]?) throws(UsersSyncError) -> AuthState? in
                guard let bytes else { return nil }
                do { return try decoder.decode(AuthState.self, from: Data(bytes)) } catch { throw .unreadable(path, "\(error)") }
            }
            let merged = AuthState.merged(base: try decode(base), ours: try decode(ours) ?? AuthState(), theirs: try decode(theirs) ?? AuthState())
            do { return Array(try JSONEncoder.tokens.encode(merged)) } catch { throw UsersSyncError.unreadable(path, "\(error)") }
        }, moved: moved)
    }
}

extension AuthState {
    /// Three-way merge of two servers' users, against the state both came from (`base`, nil:
    /// they started apart). Users are matched by `documentId`, which is random, rather than by
    /// `id`, which two servers adding a user at once both take as "next free".
    /// - Both sides have a user: the record changed later (`updatedAt`) wins, but keeps the
    ///   higher token generation, so a password change on either side ends the old sessions.
    /// - One side has it: kept, unless the base had it and the side holding it did not change
    ///   it since (then the other side's deletion stands).
    /// - Two new users with one `id`: ours takes the next free id, since theirs was pushed first
    ///   and other servers may already have signed sessions naming its id (sessions also name
    ///   the document id, so ours cannot pass for theirs).
    /// - A new user of ours whose username or email a user of theirs already has (both
    ///   servers registered it at once) is dropped, as Strapi would have refused the second
    ///   registration; it stays in the history of our side of the merge.
    /// - Logouts: the union, with the later expiry. API tokens: the union by id, less every
    ///   token either side revoked (tokens never change, so there is nothing else to decide).
    static func merged(base: AuthState?, ours: AuthState, theirs: AuthState) -> AuthState {
        var result = AuthState()
        result.users = mergedUsers(base: base?.users ?? [], ours: ours.users, theirs: theirs.users)
        result.revoked = ours.revoked.merging(theirs.revoked) { max($0, $1) }
        result.revokedTokens = ours.revokedTokens.merging(theirs.revokedTokens) { max($0, $1) }
        var tokens: [String: TokenStore.Token] = [:]
        for token in ours.tokens + theirs.tokens where result.revokedTokens[token.id] == nil { tokens[token.id] = token }
        result.tokens = tokens.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        return result
    }

    private static func mergedUsers(base: [UserRecord], ours: [UserRecord], theirs: [UserRecord]) -> [UserRecord] {
        let baseUsers = Dictionary(base.map { ($0.documentId, $0) }, uniquingKeysWith: { $1 })
        let ourUsers = Dictionary(ours.map { ($0.documentId, $0) }, uniquingKeysWith: { $1 })
        var kept: [UserRecord] = []
        for user in theirs {
            if let our = ourUsers[user.documentId] {
                var winner = our.updatedAt > user.updatedAt ? our : user
                winner.tokenGeneration = max(our.tokenGeneration, user.tokenGeneration)
                kept.append(winner)
            } else if let old = baseUsers[user.documentId], old == user {
                continue // we deleted it and they did not touch it
            } else {
                kept.append(user)
            }
        }
        let theirIDs = Set(theirs.map(\.documentId))
        var ourNew: [UserRecord] = []
        for user in ours where !theirIDs.contains(user.documentId) {
            if let old = baseUsers[user.documentId], old == user { continue } // they deleted it, we did not touch it
            if baseUsers[user.documentId] == nil, kept.contains(where: { $0.isNamed(user.username) || $0.isNamed(user.email) }) {
                continue // registered on both servers at once: theirs was pushed first
            }
            ourNew.append(user)
        }
        var nextID = (kept + ourNew).map(\.id).max() ?? 0
        var taken = Set(kept.map(\.id))
        for var user in ourNew {
            if taken.contains(user.id) {
                nextID += 1
                user.id = nextID
            }
            taken.insert(user.id)
            kept.append(user)
        }
        return kept.sorted { $0.id < $1.id }
    }
}

public enum UsersSyncError: Error, CustomStringConvertible {
    /// A side's file of the users ref is not what this version of Quire writes.
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot merge \(path) of \(UserStore.reference): \(reason)"
        }
    }
}
