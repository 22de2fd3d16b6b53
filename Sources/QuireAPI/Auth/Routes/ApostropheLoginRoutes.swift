import Foundation
import Hummingbird
import HTTPTypes
import QuireContent
import QuireIndex
import QuireSite

/// Apostrophe's `@apostrophecms/login` API: bearer tokens or a session cookie, logout and
/// whoami, with Apostrophe's bodies (`login/index.js`, `express/index.js`). Failures are
/// answered here, not thrown: the router's Strapi error middleware would reword them.
struct ApostropheLoginRoutes: Sendable {
    static let base = "/api/v1/@apostrophecms/login"

    let site: Site
    let authenticator: Authenticator

    func add(to router: Router<BasicRequestContext>) {
        router.post("\(Self.base)/login", use: answering(login))
        router.post("\(Self.base)/logout", use: answering(logout))
        router.post("\(Self.base)/whoami", use: answering(whoami))
        // Kept by Apostrophe for older clients.
        router.get("\(Self.base)/whoami", use: answering(whoami))
        addPasswordReset(to: router)
    }

    static let badCredentials = ApostropheAuthError.named(
        "invalid", .badRequest, message: "Your credentials are incorrect, or there is no such user")

    func login(_ request: Request) async throws -> Response {
        let body = try await Self.body(request)
        guard let username = body.string("username"), let password = body.string("password") else {
            throw ApostropheAuthError.named("invalid", .badRequest, message: "apostrophe:loginPageBothRequired")
        }
        let user: UserRecord
        let requireConfirmed = site.pinned.config.email?.emailConfirmation ?? false
        switch try await authenticator.login(identifier: username, password: password, requireConfirmed: requireConfirmed) {
        case .throttled: throw ApostropheAuthError.named("invalid", .badRequest, message: "Too many attempts. You may try again in a minute.")
        case .invalid, .blocked, .unconfirmed: throw Self.badCredentials
        case .success(let record): user = record
        }
        let settings = site.pinned.config.auth
        let kind: SignedInUser.Credential = body.bool("session") ? .session : .bearer
        let token = try await authenticator.issue(user, kind: kind, lifetime: settings.bearerLifetime)
        guard kind == .session else { return Self.json(["token": .string(token)]) }
        let names = CookieNames(settings)
        var headers = HTTPFields()
        headers.append(HTTPField(name: .setCookie, value: Self.cookie(names.session, token, maxAge: settings.bearerLifetime, httpOnly: true)))
        headers.append(HTTPField(name: .setCookie, value: Self.cookie(names.loggedIn, "true", maxAge: settings.bearerLifetime)))
        headers.append(HTTPField(name: .setCookie, value: Self.cookie(names.csrf, CookieNames.csrfValue, maxAge: nil)))
        return Self.json([:], headers: headers)
    }

    /// The JSON body; one that is not an object reads as no fields at all, as Apostrophe reads it.
    static func body(_ request: Request) async throws -> AuthBody {
        do {
            return try await AuthBody.read(request)
        } catch .tooLarge {
            throw ApostropheAuthError.named("payloadTooLarge", .contentTooLarge, message: "Request entity too large")
        } catch .malformed {
            return AuthBody(object: [:])
        }
    }

    func logout(_ request: Request) async throws -> Response {
        guard case .user(let user) = try await principal(request) else {
            throw ApostropheAuthError.named("forbidden", .forbidden)
        }
        try await authenticator.logout(user)
        let names = CookieNames(site.pinned.config.auth)
        var headers = HTTPFields()
        headers.append(HTTPField(name: .setCookie, value: Self.cookie(names.session, "", maxAge: 0, httpOnly: true)))
        headers.append(HTTPField(name: .setCookie, value: Self.cookie(names.loggedIn, "false", maxAge: nil)))
        return Response(status: .ok, headers: headers)
    }

    func whoami(_ request: Request) async throws -> Response {
        guard case .user(let user) = try await principal(request), let record = try await authenticator.record(of: user) else {
            throw ApostropheAuthError.named("notfound", .notFound)
        }
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        if request.method == .get, user.credential == .session {
            headers.append(HTTPField(name: .setCookie, value: Self.cookie(CookieNames(site.pinned.config.auth).csrf, CookieNames.csrfValue, maxAge: nil)))
        }
        return Self.json(record.apostropheJSON.objectValue ?? [:], headers: headers)
    }

    private func principal(_ request: Request) async throws -> Principal {
        try await authenticator.principal(for: request, config: site.pinned.config)
    }

    /// Turns thrown refusals into Apostrophe's answers.
    func answering(
        _ handler: @escaping @Sendable (Request) async throws -> Response
    ) -> @Sendable (Request, BasicRequestContext) async throws -> Response {
        { request, _ in
            do {
                return try await handler(request)
            } catch let error as ApostropheAuthError {
                return error.envelope
            } catch let failure as AuthFailure {
                return failure.apostrophe.envelope
            }
        }
    }

    static func json(_ object: OrderedObject, headers: HTTPFields = [:]) -> Response {
        Response.json(JSON.encode(.object(object)), headers: headers)
    }

    /// A cookie as express sets it: for the whole site, `SameSite=Lax`; `maxAge: 0` expires it.
    static func cookie(_ name: String, _ value: String, maxAge: Int?, httpOnly: Bool = false) -> String {
        var parts = ["\(name)=\(value)", "Path=/", "SameSite=Lax"]
        if let maxAge {
            parts.append("Max-Age=\(maxAge)")
            if maxAge == 0 { parts.append("Expires=Thu, 01 Jan 1970 00:00:00 GMT") }
        }
        if httpOnly { parts.append("HttpOnly") }
        return parts.joined(separator: "; ")
    }
}

extension Value {
    var objectValue: OrderedObject? {
        if case .object(let object) = self { return object }
        return nil
    }
}
