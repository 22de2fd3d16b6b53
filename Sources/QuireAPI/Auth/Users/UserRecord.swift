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

    public init() {}

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
