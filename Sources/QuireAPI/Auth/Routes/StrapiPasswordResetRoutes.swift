import Foundation
import Hummingbird
import Logging
import QuireContent
import QuireIndex

/// Strapi's forgotten-password routes, sending through the SMTP server quire.yaml's `email:`
/// names. Without it they answer 404, as before they existed: Quire never claims a mail it
/// could not send.
extension StrapiAuthRoutes {
    /// Always `{ok: true}` for a well-formed email, known or not (Strapi 5 does not tell
    /// which addresses have accounts). A mail the SMTP server refuses is a 500, as in Strapi,
    /// and its code is forgotten.
    func forgotPassword(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let email = site.pinned.config.email else { throw StrapiError.notFound }
        let body = try await Self.body(request)
        try Self.refuseUnknown(body, allowed: ["email"])
        let address = try Self.validEmail(body)
        // Strapi rate-limits this route; here three requests a minute per address, known or not,
        // so nobody can flood an inbox or tell known addresses by the limit.
        if authenticator.resetThrottle.isLocked(address) { throw Self.rateLimited }
        authenticator.resetThrottle.recordFailure(address)
        guard let (user, code) = try await authenticator.startPasswordReset(email: address, lifetime: email.resetCodeLifetime) else {
            return Self.ok
        }
        do {
            try await Mailer.client(email).send(Self.resetMessage(email, to: user, code: code))
        } catch {
            Mailer.logger.error("password-reset email to user \(user.documentId) not sent: \(error)")
            await authenticator.cancelPasswordReset(userDocumentId: user.documentId, code: code)
            throw StrapiError.internalError
        }
        return Self.ok
    }

    func resetPassword(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard site.pinned.config.email != nil else { throw StrapiError.notFound }
        let body = try await Self.body(request)
        try Self.refuseUnknown(body, allowed: ["code", "password", "passwordConfirmation"])
        try Self.require(body, ["password", "passwordConfirmation", "code"])
        let password = body.string("password") ?? ""
        guard password == body.string("passwordConfirmation") else { throw StrapiError.validation("Passwords do not match") }
        if let problem = Passwords.problem(password) { throw StrapiError.validation(problem) }
        switch try await authenticator.finishPasswordReset(code: body.string("code") ?? "", password: password) {
        case .invalidCode: throw StrapiError.validation("Incorrect code provided")
        case .reset(let user): return try await signedIn(user)
        }
    }

    private static var ok: Response { Response.json(JSON.encode(.object(["ok": .bool(true)]))) }

    /// The body's `email`, lowercased; yup's messages when it is missing or no address.
    static func validEmail(_ body: AuthBody) throws -> String {
        try require(body, ["email"])
        let address = (body.string("email") ?? "").lowercased()
        guard UserRecord.isValidEmail(address) else {
            throw StrapiError.invalid([ValidationIssue(path: ["email"], message: "email must be a valid email")])
        }
        return address
    }

    static func refuseUnknown(_ body: AuthBody, allowed: Set<String>) throws {
        let extra = body.object.keys.filter { !allowed.contains($0) }
        guard extra.isEmpty else { throw StrapiError.validation("Invalid parameters: \(extra.joined(separator: ", "))") }
    }

    /// The `reset_password` template (Strapi's default unless quire.yaml sets one) for `user`.
    static func resetMessage(_ email: EmailConfig, to user: UserRecord, code: String) -> MailMessage {
        var values = Mailer.values(of: user)
        values["URL"] = email.resetPasswordURL
        values["SERVER_URL"] = email.serverURL ?? ""
        values["TOKEN"] = code
        return Mailer.message(email.resetPasswordTemplate, values, from: email, to: user.email)
    }
}
