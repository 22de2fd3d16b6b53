import Foundation
import Logging
import QuireContent

/// What every mail Quire sends shares: the SMTP client quire.yaml's `email:` describes, and the
/// log its failures go to (naming users by documentId, never a code or a password).
enum Mailer {
    static let logger = Logger(label: "quire.email")

    /// The SMTP password is read from the environment at each send, so a rotated one applies at once.
    static func client(_ email: EmailConfig) throws(SMTPClient.Failure) -> SMTPClient {
        var credentials: (String, String)?
        if let username = email.username {
            guard let name = email.passwordEnv, let password = ProcessInfo.processInfo.environment[name], !password.isEmpty else {
                throw .connect("the environment variable named by email.passwordEnv is not set")
            }
            credentials = (username, password)
        }
        return SMTPClient(host: email.host, port: email.port, timeout: email.timeout, credentials: credentials, tls: email.tls, caFile: email.caFile)
    }

    /// `USER.<field>` for a template: Strapi's sanitized user (never a hash or a code).
    static func values(of user: UserRecord) -> [String: String] {
        var values: [String: String] = [:]
        guard case .object(let shown) = user.strapiJSON else { return values }
        for field in EmailTemplate.userFields {
            switch shown[field] {
            case .string(let text)?: values["USER." + field] = text
            case .int(let number)?: values["USER." + field] = String(number)
            case .bool(let flag)?: values["USER." + field] = flag ? "true" : "false"
            default: continue
            }
        }
        return values
    }

    static func message(_ template: EmailTemplate, _ values: [String: String], from email: EmailConfig, to address: String) -> MailMessage {
        let (subject, text, html) = template.render(values)
        return MailMessage(from: email.from, to: address, replyTo: email.replyTo, subject: subject, body: text, html: html, date: Date())
    }
}
