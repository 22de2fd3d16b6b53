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
        // Every request passes here: the header is split once, the query only scanned for a key.
        let header = request.headers[.authorization].map(Credentials.init)
        if let key = header?.scheme == .apiKey ? header?.value : Self.queryAPIKey(request) {
            guard let token = try await token(secret: key) else { throw AuthFailure.invalidAPIKey }
            guard !token.isExpired() else { throw AuthFailure.tokenExpired }
            return token.principal
        }
        if let header {
            guard header.scheme == .bearer, let secret = header.value else { throw AuthFailure.invalidCredentials }
            if let token = try await token(secret: secret) {
                guard !token.isExpired() else { throw AuthFailure.tokenExpired }
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

    /// `?apiKey=` or `?apikey=`; the query is parsed only when it mentions one.
    static func queryAPIKey(_ request: Request) -> String? {
        guard let query = request.uri.query, query.utf8.count >= 7, mentionsAPIKey(query) else { return nil }
        let parameters = request.uri.queryParameters
        return (parameters["apiKey"] ?? parameters["apikey"]).map(String.init)
    }

    private static func mentionsAPIKey(_ query: String) -> Bool {
        let needle = Array("apikey=".utf8)
        let bytes = Array(query.utf8)
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) {
            var index = 0
            // ASCII lowercase by setting bit 5: only letters matter here, and `=` compares as is.
            while index < needle.count, (needle[index] == UInt8(ascii: "=") ? bytes[start + index] : bytes[start + index] | 0x20) == needle[index] {
                index += 1
            }
            if index == needle.count { return true }
        }
        return false
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
            guard let type = schema.contentType(singular: name), isAllowed(principal, action: .find, type: type, config: config) else { return false }
            guard view == .draft, type.draftAndPublish else { return true }
            return isAllowed(principal, action: .viewDraft, type: type, config: config)
        }
    }

    /// The types `principal` may `find`, in the draft view only those whose drafts it may see.
    func readableTypes(_ principal: Principal, view: View, snapshot: SiteSnapshot) -> Set<String> {
        Set(snapshot.schema.contentTypes.keys.filter(readCheck(principal, view: view, snapshot: snapshot)))
    }

    /// What `principal`'s writes may see of related documents (`RelationVisibility`).
    func relationVisibility(_ principal: Principal, snapshot: SiteSnapshot) -> RelationVisibility {
        RelationVisibility(readable: readableTypes(principal, view: .published, snapshot: snapshot),
                           draftsReadable: readableTypes(principal, view: .draft, snapshot: snapshot))
    }
}
