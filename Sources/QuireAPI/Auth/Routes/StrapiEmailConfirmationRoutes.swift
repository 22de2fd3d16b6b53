import Foundation
import Hummingbird
import QuireContent
import QuireIndex

/// Strapi's email-confirmation routes, answered as Strapi answers them when its advanced setting
/// `email_confirmation` is off: registration confirms at once (every Quire user is
/// `confirmed: true`), so no confirmation mail is ever due and no confirmation token exists.
/// Served only with `email:` in quire.yaml, like the reset routes.
extension StrapiAuthRoutes {
    func sendEmailConfirmation(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard site.pinned.config.email != nil else { throw StrapiError.notFound }
        let body = try await Self.body(request)
        try Self.refuseUnknown(body, allowed: ["email"])
        let address = try Self.validEmail(body)
        guard try await authenticator.currentDirectory().state.users.contains(where: { $0.email.lowercased() == address }) else {
            // Strapi's answer for an address with no account: nothing tells the two apart.
            return Response.json(JSON.encode(.object(["email": .string(address), "sent": .bool(true)])))
        }
        throw StrapiError(.badRequest, "ApplicationError", "Already confirmed")
    }

    func emailConfirmation(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard site.pinned.config.email != nil else { throw StrapiError.notFound }
        let query = QueryString.parse(request.uri.query)
        if case .map(let pairs) = query, let key = pairs.map(\.0).first(where: { $0 != "confirmation" }) {
            throw StrapiError.invalidKey(key, source: "query")
        }
        guard let token = query["confirmation"]?.string, !token.isEmpty else {
            throw StrapiError.invalid([ValidationIssue(path: ["confirmation"], message: "confirmation is a required field")])
        }
        // No confirmation token is ever issued: every token is unknown.
        throw StrapiError.validation("Invalid token")
    }
}
