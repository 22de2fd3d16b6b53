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
}
