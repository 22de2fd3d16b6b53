import Foundation
import QuireContent
import QuireGit

/// Who is calling: the public, the holder of an API token or key, or a signed-in user.
public enum Principal: Sendable, Equatable {
    case anonymous
    /// A `full-access` or `read-only` API token.
    case token(name: String, access: TokenStore.Access)
    /// A `custom` token: content type (or `*`) → actions.
    case scoped(name: String, permissions: [String: Set<String>])
    /// A token or API key that acts as a role of quire.yaml (Apostrophe's `apiKeys`).
    case keyed(name: String, role: String)
    case user(SignedInUser)

    /// The commit author for writes made on this caller's behalf.
    public var signature: Signature {
        switch self {
        case .anonymous: Signature(name: "Public API", email: "public@quire.invalid")
        case .token(let name, _), .scoped(let name, _), .keyed(let name, _):
            Signature(name: name, email: "\(name)@api-token.quire.invalid")
        case .user(let user): Signature(name: user.displayName ?? user.username, email: user.email)
        }
    }

    /// The signed-in user, if the caller is one.
    public var user: SignedInUser? {
        if case .user(let user) = self { return user }
        return nil
    }
}

/// A user as one request sees them: read from the users ref when the request arrived.
public struct SignedInUser: Sendable, Equatable {
    public enum Credential: String, Sendable {
        /// Strapi's `Authorization: Bearer <jwt>`.
        case jwt
        /// Apostrophe's bearer token from `login/login`.
        case bearer
        /// Apostrophe's session cookie.
        case session
    }

    public var id: Int
    public var documentId: String
    public var username: String
    public var email: String
    public var displayName: String?
    public var role: String
    public var credential: Credential
    /// The id of the token or session this request came with: what logging out revokes.
    public var tokenID: String
    /// When that token or session ends by itself.
    public var expires: Date
}

public enum Action: String, Sendable, CaseIterable {
    case find, findOne, create, update, delete, publish
    case viewDraft = "view-draft"

    var isRead: Bool { self == .find || self == .findOne }
}

/// What each role may do. Roles declared under `permissions:` in quire.yaml are taken as
/// written (`*` stands for every type); the others have defaults: Strapi's `public` and
/// `authenticated` may do nothing, Apostrophe's `guest` may read the types that opt in
/// (`options.guestApiAccess`, as in Apostrophe), `contributor` may read drafts and write them,
/// `editor` may do everything, and `admin` always may.
public enum RolePermissions {
    public static func allows(role: String, action: Action, type: ContentType, config: SiteConfig) -> Bool {
        if role == "admin" { return true }
        if let table = config.rolePermissions[role] {
            let name = type.singularName
            return table[name]?.contains(action.rawValue) == true || table["*"]?.contains(action.rawValue) == true
        }
        if role == "guest" { return type.guestApiAccess && defaults(role).contains(action) }
        return defaults(role).contains(action)
    }

    static func defaults(_ role: String) -> Set<Action> {
        switch role {
        case "guest": [.find, .findOne]
        case "contributor": [.find, .findOne, .create, .update, .viewDraft]
        case "editor": Set(Action.allCases)
        default: []
        }
    }

    /// Whether `role` means anything: declared in quire.yaml or built in.
    public static func isKnown(_ role: String, config: SiteConfig) -> Bool {
        config.rolePermissions[role] != nil || ["public", "authenticated", "guest", "contributor", "editor", "admin"].contains(role)
    }
}
