import Hummingbird
import HTTPTypes
import QuireContent

/// Why a request's credentials were refused, before any route ran. Each dialect answers it
/// in its own words (Strapi's envelope; Apostrophe's middleware bodies).
public enum AuthFailure: Error, Sendable, Equatable {
    /// A bearer value that is no token, key or live JWT.
    case invalidCredentials
    /// An API token past its expiry.
    case tokenExpired
    /// A JWT whose user is blocked, removed, or changed password since.
    case userRefused
    /// `Authorization: ApiKey` or `?apiKey=` naming no key.
    case invalidAPIKey
    /// A session-cookie write without Apostrophe's CSRF cookie.
    case csrf

    public var strapi: StrapiError {
        switch self {
        case .invalidCredentials, .invalidAPIKey: .unauthorized
        case .tokenExpired: StrapiError(.unauthorized, "UnauthorizedError", "Token expired")
        case .userRefused: StrapiError(.unauthorized, "UnauthorizedError", "Invalid credentials")
        case .csrf: StrapiError(.forbidden, "ForbiddenError", "CSRF exception")
        }
    }

    public var apostrophe: ApostropheAuthError {
        switch self {
        case .invalidCredentials, .tokenExpired, .userRefused:
            ApostropheAuthError(.unauthorized, ["name": .string("invalid"), "message": .string("bearer token invalid")])
        case .invalidAPIKey: ApostropheAuthError(.forbidden, ["error": .string("invalid api key")])
        case .csrf: ApostropheAuthError(.forbidden, ["name": .string("forbidden"), "message": .string("CSRF exception")])
        }
    }
}

/// An answer in Apostrophe's shapes: `{"name","data","message"}` for route errors, and the
/// middleware's own bodies for credential failures.
public struct ApostropheAuthError: Error, Sendable, HTTPResponseError {
    public var status: HTTPResponse.Status
    public var body: OrderedObject

    public init(_ status: HTTPResponse.Status, _ body: OrderedObject) {
        self.status = status
        self.body = body
    }

    /// `{"name": name, "data": {}, "message": message}` as `routeSendError` writes it.
    public static func named(_ name: String, _ status: HTTPResponse.Status, message: String? = nil) -> ApostropheAuthError {
        ApostropheAuthError(status, ["name": .string(name), "data": .object([:]), "message": .string(message ?? name)])
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.json(JSON.encode(.object(body)), status: status)
    }

    var envelope: Response { Response.json(JSON.encode(.object(body)), status: status) }
}
