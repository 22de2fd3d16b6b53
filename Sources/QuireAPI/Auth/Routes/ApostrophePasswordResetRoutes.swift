import Foundation
import Hummingbird
import Logging
import QuireContent
import QuireIndex

/// Apostrophe's password reset (`@apostrophecms/login` with `passwordReset: true`, in
/// quire.yaml's `apostrophe.login`): `reset-request` mails a link to the login page with
/// `?reset=<code>&email=<address>`, `GET reset` checks such a link, `POST reset` sets the
/// password. Codes are the ones Strapi's forgot-password makes (the same store, hashed, good
/// once). Without `passwordReset` the routes do not exist (404), as in Apostrophe.
extension ApostropheLoginRoutes {
    /// Apostrophe pads every answer of reset-request to this, so its time tells nothing.
    static let resetRequestMinimum: Duration = .seconds(2)

    static let resetInvalid = ApostropheAuthError.named("invalid", .badRequest, message: "apostrophe:loginResetInvalid")

    func addPasswordReset(to router: Router<BasicRequestContext>) {
        router.post("\(Self.base)/reset-request", use: answering(resetRequest))
        router.post("\(Self.base)/reset", use: answering(reset))
        router.get("\(Self.base)/reset", use: answering(checkReset))
    }

    /// 200 with no body, whatever happened: an unknown address, a blocked user, a mail the server
    /// refused (logged) and too many requests for one address (three a minute; nothing sent) all
    /// look alike, and take at least two seconds.
    func resetRequest(_ request: Request) async throws -> Response {
        let (config, email) = try enabled()
        let started = ContinuousClock.now
        let body = try await Self.resetBody(request, allowed: ["email"])
        guard let identifier = body.string("email")?.trimmingCharacters(in: .whitespaces), !identifier.isEmpty else {
            throw ApostropheAuthError.named("invalid", .badRequest, message: "apostrophe:loginResetEmailRequired")
        }
        let throttleKey = "apos " + identifier.lowercased()
        if !authenticator.resetThrottle.isLocked(throttleKey) {
            authenticator.resetThrottle.recordFailure(throttleKey)
            try await mailReset(to: identifier, config: config, email: email)
        }
        try await Task.sleep(until: started + Self.resetRequestMinimum)
        return Response(status: .ok)
    }

    /// `{email, reset, password}`, as Apostrophe's login page sends it: the new password is set,
    /// every earlier token and session of the user ends. Nobody is signed in by it.
    func reset(_ request: Request) async throws -> Response {
        _ = try enabled()
        let body = try await Self.resetBody(request, allowed: ["email", "reset", "password"])
        guard let password = body.string("password") else {
            throw ApostropheAuthError.named("invalid", .badRequest, message: "apostrophe:loginResetPasswordRequired")
        }
        guard let identifier = body.string("email"), let code = body.string("reset") else { throw Self.resetInvalid }
        if let problem = Passwords.problem(password) { throw ApostropheAuthError.named("invalid", .badRequest, message: problem) }
        guard case .reset = try await authenticator.finishPasswordReset(code: code, password: password, identifier: identifier) else {
            throw Self.resetInvalid
        }
        return Response(status: .ok)
    }

    /// `?email=…&reset=…`: 200 while the link can still be used, else 400 `invalid`.
    func checkReset(_ request: Request) async throws -> Response {
        _ = try enabled()
        var identifier: String?
        var code: String?
        for (key, value) in request.uri.queryParameters {
            switch key {
            case "email": identifier = String(value)
            case "reset": code = String(value)
            // Apostrophe's own query parameters, harmless here.
            case "aposMode", "aposLocale": continue
            default: throw ApostropheAuthError.named("invalid", .badRequest, message: "Unknown query parameter: \(key)")
            }
        }
        guard let identifier, !identifier.isEmpty, let code, !code.isEmpty,
              try await authenticator.hasPendingReset(code: code, identifier: identifier) else { throw Self.resetInvalid }
        return Response(status: .ok)
    }

    private func enabled() throws -> (AposLoginConfig, EmailConfig) {
        let config = site.pinned.config
        guard config.aposLogin.passwordReset, let email = config.email else { throw ApostropheAuthError.named("notfound", .notFound) }
        return (config.aposLogin, email)
    }

    private func mailReset(to identifier: String, config: AposLoginConfig, email: EmailConfig) async throws {
        guard let user = try await authenticator.currentDirectory().state.user(named: identifier),
              let (stored, code) = try await authenticator.startPasswordReset(email: user.email, lifetime: config.passwordResetHours * 3600)
        else { return }
        guard let base = URL(string: config.baseUrl ?? ""), var link = URLComponents(url: URL(string: config.loginUrl, relativeTo: base) ?? base,
                                                                                    resolvingAgainstBaseURL: true) else { return }
        link.queryItems = (link.queryItems ?? []) + [URLQueryItem(name: "reset", value: code), URLQueryItem(name: "email", value: stored.email)]
        let siteName = base.host ?? "the site"
        let text = """
            Hello \(stored.displayName ?? stored.username),

            Someone asked to reset the password of your account on \(siteName). To choose a new password, follow this link:

            \(link.string ?? "")

            If it was not you, ignore this mail: your password stays as it is.
            """
        let message = MailMessage(from: email.from, to: stored.email, replyTo: email.replyTo,
                                  subject: "Your request to reset your password on \(siteName)", body: text, date: Date())
        do {
            try await Mailer.client(email).send(message)
        } catch {
            // As Apostrophe: logged, and the caller is not told.
            Mailer.logger.error("Apostrophe password-reset email to user \(stored.documentId) not sent: \(error)")
            await authenticator.cancelPasswordReset(userDocumentId: stored.documentId, code: code)
        }
    }

    private static func resetBody(_ request: Request, allowed: Set<String>) async throws -> AuthBody {
        let body = try await body(request)
        if let extra = body.object.keys.first(where: { !allowed.contains($0) }) {
            throw ApostropheAuthError.named("invalid", .badRequest, message: "Unknown field: \(extra)")
        }
        return body
    }
}
