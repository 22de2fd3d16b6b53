import Hummingbird
import HTTPTypes
import QuireContent
import QuireIndex

extension Authenticator {
    /// Who sent `request`, from every way in: Apostrophe's API keys (`Authorization: ApiKey k`,
    /// `?apiKey=`, `?apikey=`; a key beats a session), `Authorization: Bearer` with an API token,
    /// a Strapi JWT or an Apostrophe bearer token, then Apostrophe's session cookie. No
    /// credentials: anonymous. Bad credentials throw `AuthFailure`; they never fall back to
    /// the public role. A session (never a header) must carry the CSRF cookie to write, unless
    /// the route is `csrfExempt`.
    public func principal(for request: Request, config: SiteConfig, csrfExempt: Bool = false) async throws -> Principal {
        if let key = Self.apiKey(request) {
            guard let token = token(secret: key) else { throw AuthFailure.invalidAPIKey }
            guard !isExpired(token) else { throw AuthFailure.tokenExpired }
            return token.principal
        }
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw AuthFailure.invalidCredentials }
            let secret = String(parts[1])
            if let token = token(secret: secret) {
                guard !isExpired(token) else { throw AuthFailure.tokenExpired }
                return token.principal
            }
            let (user, refused) = try await user(fromToken: secret)
            if let user, user.credential != .session { return .user(user) }
            throw refused ? AuthFailure.userRefused : AuthFailure.invalidCredentials
        }
        let names = CookieNames(config.auth)
        if let session = request.cookies[names.session]?.value, !session.isEmpty {
            // A stale or revoked session is no session, as with express-session: anonymous.
            if let user = try await user(fromToken: session).0, user.credential == .session {
                if !csrfExempt, !Self.isSafe(request.method), request.cookies[names.csrf]?.value != CookieNames.csrfValue {
                    throw AuthFailure.csrf
                }
                return .user(user)
            }
        }
        return .anonymous
    }

    /// `principal(for:)` with failures in Strapi's envelope.
    func strapiPrincipal(_ request: Request, config: SiteConfig) async throws -> Principal {
        do {
            return try await principal(for: request, config: config)
        } catch let failure as AuthFailure {
            throw failure.strapi
        }
    }

    /// The key of `Authorization: ApiKey <key>` (any case), `?apiKey=` or `?apikey=`.
    static func apiKey(_ request: Request) -> String? {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count == 2, parts[0].lowercased() == "apikey" { return String(parts[1]) }
        }
        let query = request.uri.queryParameters
        return (query["apiKey"] ?? query["apikey"]).map(String.init)
    }

    static func isSafe(_ method: HTTPRequest.Method) -> Bool {
        [.get, .head, .options, .trace].contains(method)
    }
}

/// Apostrophe's cookie names, from `auth.cookieName` (its `shortName`).
struct CookieNames {
    static let csrfValue = "csrf"
    var session: String
    var loggedIn: String
    var csrf: String

    init(_ settings: AuthSettings) {
        session = settings.cookieName + ".sid"
        loggedIn = settings.cookieName + ".loggedIn"
        csrf = settings.cookieName + ".csrf"
    }
}

extension Authenticator {
    /// Which related types `principal` may see through filters, sorts and `populate`: those it
    /// may `find`, and in the draft view only those whose drafts it may read.
    func readCheck(_ principal: Principal, view: View, snapshot: SiteSnapshot) -> @Sendable (String) -> Bool {
        let config = snapshot.config
        let schema = snapshot.schema
        return { [self] name in
            guard isAllowed(principal, action: .find, type: name, config: config) else { return false }
            guard view == .draft, schema.contentType(singular: name)?.draftAndPublish == true else { return true }
            return isAllowed(principal, action: .viewDraft, type: name, config: config)
        }
    }
}
