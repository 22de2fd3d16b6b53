import Hummingbird
import QuireContent
import QuireIndex
import QuireSite

/// Strapi 5's users-permissions routes: sign in, register, the current user, change password.
/// Answers, status codes and messages are Strapi's (`plugins/users-permissions/server/controllers/auth.js`).
struct StrapiAuthRoutes: Sendable {
    let site: Site
    let authenticator: Authenticator

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/auth/local", use: login)
        router.post("/api/auth/local/register", use: register)
        router.post("/api/auth/change-password", use: changePassword)
        router.get("/api/users/me", use: me)
        router.post("/api/auth/forgot-password", use: forgotPassword)
        router.post("/api/auth/reset-password", use: resetPassword)
        router.post("/api/auth/send-email-confirmation", use: sendEmailConfirmation)
        router.get("/api/auth/email-confirmation", use: emailConfirmation)
    }

    static let invalidLogin = StrapiError.validation("Invalid identifier or password")
    static let blocked = StrapiError(.badRequest, "ApplicationError", "Your account has been blocked by an administrator")
    static let rateLimited = StrapiError(.tooManyRequests, "RateLimitError", "Too many requests, please try again later.")

    func login(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await Self.body(request)
        try Self.require(body, ["identifier", "password"])
        let identifier = body.string("identifier") ?? ""
        let requireConfirmed = site.pinned.config.email?.emailConfirmation ?? false
        switch try await authenticator.login(identifier: identifier, password: body.string("password") ?? "", requireConfirmed: requireConfirmed) {
        case .throttled: throw Self.rateLimited
        case .invalid: throw Self.invalidLogin
        case .unconfirmed: throw StrapiError(.badRequest, "ApplicationError", "Your account email is not confirmed")
        case .blocked: throw Self.blocked
        case .success(let user): return try await signedIn(user)
        }
    }

    func register(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let settings = site.pinned.config.auth
        guard settings.allowRegister else {
            throw StrapiError(.badRequest, "ApplicationError", "Register action is currently disabled")
        }
        let body = try await Self.body(request)
        let extra = body.object.keys.filter { !["username", "email", "password"].contains($0) }
        guard extra.isEmpty else { throw StrapiError.validation("Invalid parameters: \(extra.joined(separator: ", "))") }
        try Self.require(body, ["username", "email", "password"])
        let password = body.string("password") ?? ""
        if let problem = Passwords.problem(password) { throw StrapiError.validation(problem) }
        let user: UserRecord
        let confirming = site.pinned.config.email.flatMap { $0.emailConfirmation ? $0 : nil }
        do {
            user = try await authenticator.register(
                username: body.string("username") ?? "", email: (body.string("email") ?? "").lowercased(),
                password: password, role: settings.defaultRole, unconfirmed: confirming != nil)
        } catch UserStoreError.taken {
            throw StrapiError(.badRequest, "ApplicationError", "Email or Username are already taken")
        } catch UserStoreError.invalid(let reason) {
            throw StrapiError.validation(reason)
        }
        if let confirming { return try await registeredUnconfirmed(user, email: confirming) }
        return try await signedIn(user)
    }

    func me(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let principal = try await authenticator.strapiPrincipal(request, config: site.pinned.config)
        switch principal {
        case .anonymous: throw StrapiError.forbidden
        case .user(let user):
            guard let record = try await authenticator.record(of: user) else { throw StrapiError.unauthorized }
            let role = StrapiRole.isPopulated(QueryString.parse(request.uri.query)) ? StrapiRole.json(record.role, config: site.pinned.config) : nil
            return Response.json(JSON.encode(record.strapiJSON(role: role)))
        default: throw StrapiError.unauthorized
        }
    }

    func changePassword(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let principal = try await authenticator.strapiPrincipal(request, config: site.pinned.config)
        guard case .user(let user) = principal else {
            if principal == .anonymous { throw StrapiError.forbidden }
            throw StrapiError(.badRequest, "ApplicationError", "You must be authenticated to reset your password")
        }
        let body = try await Self.body(request)
        try Self.require(body, ["currentPassword", "password", "passwordConfirmation"])
        let password = body.string("password") ?? ""
        guard password == body.string("passwordConfirmation") else { throw StrapiError.validation("Passwords do not match") }
        guard let record = try await authenticator.record(of: user),
              await Passwords.verify(body.string("currentPassword") ?? "", hash: record.passwordHash) else {
            throw StrapiError.validation("The provided current password is invalid")
        }
        guard password != body.string("currentPassword") else {
            throw StrapiError.validation("Your new password must be different than your current password")
        }
        if let problem = Passwords.problem(password) { throw StrapiError.validation(problem) }
        return try await signedIn(try await authenticator.changePassword(userID: user.id, to: password))
    }

    /// `{jwt, user}`, Strapi's answer to every successful sign-in.
    func signedIn(_ user: UserRecord) async throws -> Response {
        let jwt = try await authenticator.issue(user, kind: .jwt, lifetime: site.pinned.config.auth.jwtLifetime)
        return Response.json(JSON.encode(.object(["jwt": .string(jwt), "user": user.strapiJSON])))
    }

    static func body(_ request: Request) async throws -> AuthBody {
        do {
            return try await AuthBody.read(request)
        } catch .tooLarge {
            throw StrapiError.payloadTooLarge
        } catch .malformed {
            throw StrapiError.validation("Malformed JSON body")
        }
    }

    /// Yup's messages for missing fields: one names it, several are counted.
    static func require(_ body: AuthBody, _ keys: [String]) throws {
        let issues = keys.filter { body.string($0) == nil }.map { ValidationIssue(path: [$0], message: "\($0) is a required field") }
        if !issues.isEmpty { throw StrapiError.invalid(issues) }
    }
}
