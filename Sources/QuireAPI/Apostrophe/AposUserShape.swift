import Foundation
import QuireContent

/// A user of the users ref as Apostrophe's `@apostrophecms/user` piece: `title` (the display
/// name, else the username), `username`, `email`, `role`, `disabled`; never the password.
enum AposUserShape {
    static func title(_ user: UserRecord) -> String { user.displayName ?? user.username }

    static func render(_ user: UserRecord) -> OrderedObject {
        [
            "_id": .string(user.documentId), "aposDocId": .string(user.documentId), "type": .string("@apostrophecms/user"),
            "metaType": .string("doc"), "title": .string(title(user)), "slug": .string("user-" + AposTypeMap.slugify(user.username)),
            "username": .string(user.username), "email": .string(user.email), "role": .string(user.role),
            "disabled": .bool(user.blocked), "visibility": .string("public"), "archived": .bool(false),
            "createdAt": .string(StrapiRenderer.timestamp(Int64(user.createdAt.timeIntervalSince1970))),
            "updatedAt": .string(StrapiRenderer.timestamp(Int64(user.updatedAt.timeIntervalSince1970))),
        ]
    }

    /// What a write body asks. Keys a read answers (`_id`, `slug`, times, …) are ignored, so a
    /// PUT of what GET gave works; any other key is a 400 rather than dropped.
    struct Change: Sendable {
        var displayName: String??
        var username: String?
        var email: String?
        var password: String?
        var role: String?
        var disabled: Bool?
        var passwordHash: String?

        static let answered: Set = ["aposDocId", "type", "metaType", "slug", "visibility", "archived", "createdAt", "updatedAt", "adminLocale"]

        init(_ body: OrderedObject, config: SiteConfig) throws(AposError) {
            for (key, value) in body.pairs {
                switch (key, value) {
                case ("title", .string(let text)): displayName = .some(text.isEmpty ? nil : text)
                case ("title", .null): displayName = .some(nil)
                case ("username", .string(let text)): username = text
                case ("email", .string(let text)): email = text
                case ("password", .string(let text)) where !text.isEmpty: password = text
                case ("role", .string(let text)):
                    guard RolePermissions.isKnown(text, config: config) else { throw AposParameters.badValue("role", "'\(text)' is no role of quire.yaml") }
                    role = text
                case ("disabled", .bool(let flag)): disabled = flag
                case _ where key.hasPrefix("_") || Self.answered.contains(key):
                    continue
                case ("title", _), ("username", _), ("email", _), ("password", _), ("role", _), ("disabled", _):
                    throw AposError.validation([ValidationIssue(path: [key], message: "\(key) has the wrong type")])
                default:
                    throw AposParameters.badValue(key, "not a field of @apostrophecms/user")
                }
            }
        }

        /// Applies the change; a username or email another user has is `taken`.
        func apply(to record: inout UserRecord, in state: AuthState) throws(UserStoreError) {
            if let username, username != record.username {
                guard UserRecord.isValidUsername(username) else { throw .invalid("a username is 1 to 64 letters, digits, dots, dashes, underscores or @") }
                guard state.user(named: username).map({ $0.documentId == record.documentId }) ?? true else { throw .taken }
                record.username = username
            }
            if let email, email != record.email {
                guard UserRecord.isValidEmail(email) else { throw .invalid("email must be a valid email") }
                guard state.user(named: email).map({ $0.documentId == record.documentId }) ?? true else { throw .taken }
                record.email = email
            }
            if let displayName { record.displayName = displayName }
            if let role { record.role = role }
            if let disabled { record.blocked = disabled }
            if let passwordHash { record.setPassword(hash: passwordHash) }
            record.updatedAt = Date()
        }
    }
}

/// A user list request: `page`, `perPage` (50), `count`, `search` (in title, username and
/// email) and `role`. The other list parameters of pieces are refused here.
struct AposUserQuery {
    var page = 1
    var perPage = AposListQuery.defaultPerPage
    var countOnly = false
    var search: String?
    var role: String?

    static let refused = ["sort", "autocomplete", "_ids", "project", "choices", "counts", "archived"]

    init(_ node: QueryNode) throws(AposError) {
        try AposParameters.check(node, map: AposTypeMap(ContentType(
            kind: .collectionType, singularName: "user", pluralName: "users", displayName: "User",
            draftAndPublish: false, localized: false, shard: nil, attributes: [], sourcePath: "")))
        for name in Self.refused where node[name] != nil { throw AposParameters.refusal(name, reason: "not served on users") }
        page = try AposListQuery.count(node, "page") ?? page
        perPage = try AposListQuery.count(node, "perPage") ?? perPage
        countOnly = try AposListQuery.countOnly(node) ?? countOnly
        search = node["search"]?.string.flatMap { $0.isEmpty ? nil : $0.lowercased() }
        role = node["role"]?.string.flatMap { $0.isEmpty ? nil : $0 }
    }

    func matches(_ user: UserRecord) -> Bool {
        if let role, user.role != role { return false }
        guard let search else { return true }
        return [AposUserShape.title(user), user.username, user.email].contains { $0.lowercased().contains(search) }
    }
}
