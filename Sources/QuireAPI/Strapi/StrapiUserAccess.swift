import QuireContent

/// Strapi's users-permissions actions (`plugin::users-permissions.user.find`, `…role.findOne`)
/// on Quire's callers. Admins (full-access tokens; users and API keys of the `admin` role) may
/// do everything, as they manage users over Apostrophe's routes; read-only tokens may read, as
/// Strapi's read-only tokens may `find` and `findOne` everything. Any other role gets only what
/// quire.yaml grants it under the names `users-permissions.user` and `users-permissions.role`
/// (custom tokens: `--permission users-permissions.user:find`): `*` and the built-in roles'
/// defaults never reach these, so an editor does not become a user administrator by default.
enum StrapiUserAccess {
    enum Controller: String {
        case user = "users-permissions.user"
        case role = "users-permissions.role"
    }

    /// Strapi's action names; `count` goes with `find`, `destroy` with `delete`.
    enum Action: String {
        case find, findOne, count, create, update, destroy

        var granted: String {
            switch self {
            case .count: "find"
            case .destroy: "delete"
            default: rawValue
            }
        }

        var isRead: Bool { self == .find || self == .findOne || self == .count }
    }

    static func allows(_ principal: Principal, _ action: Action, on controller: Controller, config: SiteConfig) -> Bool {
        func granted(_ table: [String: Set<String>]?) -> Bool { table?[controller.rawValue]?.contains(action.granted) == true }
        switch principal {
        case .token(_, .fullAccess): return true
        case .token(_, .readOnly): return action.isRead
        case .token(_, .custom): return false
        case .scoped(_, let permissions): return granted(permissions)
        case .keyed(_, let role): return role == "admin" || granted(config.rolePermissions[role])
        case .user(let user): return user.role == "admin" || granted(config.rolePermissions[user.role])
        case .anonymous: return granted(config.rolePermissions["public"])
        }
    }

    /// Strapi's refusal: 403 Forbidden, whoever calls (a bad token was already a 401).
    static func require(_ principal: Principal, _ action: Action, on controller: Controller, config: SiteConfig) throws {
        guard allows(principal, action, on: controller, config: config) else { throw StrapiError.forbidden }
    }
}
