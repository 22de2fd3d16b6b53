import Foundation
import HTTPTypes
import QuireContent

/// The flat body of `POST /api/users` and `PUT /api/users/:id` (no `data` wrapper, as Strapi's
/// users routes take it): `username`, `email`, `password`, `role` (a role's id, documentId or
/// type), `blocked`, `confirmed` (no mail is sent: an admin's say) and `provider` as far as
/// Quire has it (every user is local). What a read answers (`id`, `documentId`, timestamps) is skipped, so a PUT of what
/// GET gave works; any other key is a 400.
struct StrapiUserBody: Sendable {
    var username: String?
    var email: String?
    var password: String?
    var role: String?
    var blocked: Bool?
    var confirmed: Bool?
    /// Set once the password is hashed (never `password` itself past this point).
    var passwordHash: String?

    static let answered: Set = ["id", "documentId", "createdAt", "updatedAt", "publishedAt"]

    /// Reads and checks the body with Strapi's yup messages; `creating` makes email, username
    /// and password required.
    init(_ body: OrderedObject, creating: Bool, config: SiteConfig) throws {
        var issues: [ValidationIssue] = []
        func wrongType(_ key: String, _ type: String) { issues.append(ValidationIssue(path: [key], message: "\(key) must be a `\(type)` type")) }
        for (key, value) in body.pairs {
            switch (key, value) {
            case ("username", .string(let text)): username = text
            case ("email", .string(let text)): email = text
            case ("password", .string(let text)): password = text
            case ("password", .null) where !creating: password = ""
            case ("role", .int(let number)): role = try Self.role(String(number), config: config)
            case ("role", .string(let text)): role = try Self.role(text, config: config)
            case ("role", .object(let object)):
                guard let id = object["id"] ?? object["documentId"], object.count == 1 else { throw StrapiError.invalidKey("role", source: "body") }
                switch id {
                case .int(let number): role = try Self.role(String(number), config: config)
                case .string(let text): role = try Self.role(text, config: config)
                default: wrongType("role", "number")
                }
            case ("blocked", .bool(let flag)): blocked = flag
            case ("confirmed", .bool(let flag)): confirmed = flag
            case ("provider", .string("local")): continue
            case ("provider", _):
                throw StrapiError.validation("Quire's users sign in with a password: provider can only be local")
            case _ where Self.answered.contains(key): continue
            case ("username", _), ("email", _), ("password", _): wrongType(key, "string")
            case ("blocked", _), ("confirmed", _): wrongType(key, "boolean")
            case ("role", _): wrongType(key, "number")
            default: throw StrapiError.invalidKey(key, source: "body")
            }
        }
        if creating {
            for key in ["email", "username", "password"] where body[key] == nil || body[key] == .string("") {
                issues.append(ValidationIssue(path: [key], message: "\(key) is a required field"))
            }
        } else {
            if username == "" { issues.append(ValidationIssue(path: ["username"], message: "username must be at least 1 characters")) }
            if email == "" { issues.append(ValidationIssue(path: ["email"], message: "email must be at least 1 characters")) }
        }
        if let email, !email.isEmpty, !UserRecord.isValidEmail(email) { issues.append(ValidationIssue(path: ["email"], message: "email must be a valid email")) }
        if !issues.isEmpty { throw StrapiError.invalid(issues) }
        // Strapi's own check, after yup's: a local user's password cannot be emptied.
        if !creating, password == "" { throw StrapiError.validation("password.notNull") }
        if let password, let problem = Passwords.problem(password) { throw StrapiError.validation(problem) }
        if let username, !UserRecord.isValidUsername(username) {
            throw StrapiError.validation("a username is 1 to 64 letters, digits, dots, dashes, underscores or @")
        }
        email = email?.lowercased()
    }

    /// The role a body names, by Strapi's numeric id, its documentId or its type.
    static func role(_ given: String, config: SiteConfig) throws -> String {
        guard let role = StrapiRole.all(config: config).first(where: { given == String($0.id) || given == $0.documentId || given == $0.type }) else {
            throw StrapiError.validation("No role \(given): roles are the built-in ones and those of quire.yaml (GET /api/users-permissions/roles)")
        }
        return role.type
    }

    /// Refuses a username or email another user has, with Strapi's messages.
    func checkAvailable(in state: AuthState, keeping documentId: String?) throws {
        func taken(_ name: String) -> Bool { state.user(named: name).map { $0.documentId != documentId } ?? false }
        if let username, taken(username) { throw StrapiError(.badRequest, "ApplicationError", "Username already taken") }
        if let email, taken(email) { throw StrapiError(.badRequest, "ApplicationError", "Email already taken") }
    }

    /// Applies the change to `record` inside a users-ref update.
    func apply(to record: inout UserRecord, in state: AuthState) throws {
        try checkAvailable(in: state, keeping: record.documentId)
        if let username { record.username = username }
        if let email { record.email = email }
        if let role { record.role = role }
        if let blocked { record.blocked = blocked }
        if let confirmed { record.confirmed = confirmed }
        if let passwordHash { record.setPassword(hash: passwordHash) }
        record.updatedAt = Date()
    }
}
