import Foundation
import Hummingbird
import Logging
import HTTPTypes
import QuireContent
import QuireIndex

/// Strapi's email confirmation (`email_confirmation` in quire.yaml's `email:`): registration
/// mails a link instead of answering a JWT, the link confirms and redirects, and an unconfirmed
/// user cannot sign in. Served only with `email:`, like the reset routes.
extension StrapiAuthRoutes {
    /// Strapi's answers: `{email, sent}` for an unknown address (nothing tells the two apart),
    /// 400 for a confirmed or blocked user, a new mail (and token) otherwise.
    func sendEmailConfirmation(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let email = site.pinned.config.email else { throw StrapiError.notFound }
        let body = try await Self.body(request)
        try Self.refuseUnknown(body, allowed: ["email"])
        let address = try Self.validEmail(body)
        // Same limit as forgot-password, counted apart: nobody floods an inbox through either.
        if authenticator.resetThrottle.isLocked("confirm " + address) { throw Self.rateLimited }
        authenticator.resetThrottle.recordFailure("confirm " + address)
        // Strapi echoes an unknown address as it was given, a known one as stored.
        func sent(_ shown: String) -> Response { Response.json(JSON.encode(.object(["email": .string(shown), "sent": .bool(true)]))) }
        guard let user = try await authenticator.currentDirectory().state.users.first(where: { $0.email.lowercased() == address }) else {
            return sent(body.string("email") ?? address)
        }
        if user.confirmed { throw StrapiError(.badRequest, "ApplicationError", "Already confirmed") }
        if user.blocked { throw StrapiError(.badRequest, "ApplicationError", "User blocked") }
        guard try await mailConfirmation(email, to: user) else { throw StrapiError.internalError }
        return sent(user.email)
    }

    /// `?confirmation=<token>`: confirms and redirects to `emailConfirmationRedirection` ("/").
    func emailConfirmation(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let email = site.pinned.config.email else { throw StrapiError.notFound }
        let query = QueryString.parse(request.uri.query)
        if case .map(let pairs) = query, let key = pairs.map(\.0).first(where: { $0 != "confirmation" }) {
            throw StrapiError.invalidKey(key, source: "query")
        }
        guard let token = query["confirmation"]?.string, !token.isEmpty else {
            throw StrapiError.invalid([ValidationIssue(path: ["confirmation"], message: "confirmation is a required field")])
        }
        guard try await authenticator.confirmEmail(token: token) != nil else { throw StrapiError.validation("Invalid token") }
        var headers = HTTPFields()
        headers[.location] = email.emailConfirmationRedirection ?? "/"
        return Response(status: .found, headers: headers)
    }

    /// Registration with confirmation on: `{user}` without a JWT, after the mail went out.
    /// A mail that fails leaves the user unconfirmed (send-email-confirmation tries again),
    /// answered as Strapi 5 does.
    func registeredUnconfirmed(_ user: UserRecord, email: EmailConfig) async throws -> Response {
        guard try await mailConfirmation(email, to: user) else {
            throw StrapiError(.badRequest, "ApplicationError", "Error sending confirmation email")
        }
        return Response.json(JSON.encode(.object(["user": user.strapiJSON])))
    }

    /// Stores a new token and mails its link; false (token forgotten, reason logged) when the
    /// SMTP server could not take the mail.
    private func mailConfirmation(_ email: EmailConfig, to user: UserRecord) async throws -> Bool {
        guard let (stored, token) = try await authenticator.startEmailConfirmation(userDocumentId: user.documentId, lifetime: email.confirmationLifetime) else { return true }
        do {
            try await Mailer.client(email).send(Self.confirmationMessage(email, to: stored, token: token))
            return true
        } catch {
            Mailer.logger.error("confirmation email to user \(user.documentId) not sent: \(error)")
            await authenticator.cancelEmailConfirmation(userDocumentId: user.documentId, token: token)
            return false
        }
    }

    /// The `email_confirmation` template (Strapi's default unless quire.yaml sets one) for `user`;
    /// `URL` is this server's confirmation route, as Strapi's.
    static func confirmationMessage(_ email: EmailConfig, to user: UserRecord, token: String) -> MailMessage {
        var values = Mailer.values(of: user)
        values["URL"] = (email.serverURL ?? "") + "/api/auth/email-confirmation"
        values["SERVER_URL"] = email.serverURL ?? ""
        values["CODE"] = token
        return Mailer.message(email.confirmationTemplate, values, from: email, to: user.email)
    }
}
