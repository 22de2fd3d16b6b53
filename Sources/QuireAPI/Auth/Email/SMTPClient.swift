import Foundation
import NIOSSL
import QuireContent

/// A small SMTP client: EHLO, STARTTLS or implicit TLS as configured, AUTH PLAIN or LOGIN when
/// credentials are given, MAIL FROM, RCPT TO, DATA, QUIT. With `starttls` a server that does not
/// offer it is refused (never a quiet fall back to plain text); certificates are verified; a
/// password is sent in plain text only to a server on this machine.
struct SMTPClient: Sendable {
    let host: String
    let port: Int
    let timeout: Int
    let credentials: (username: String, password: String)?
    var tls: EmailConfig.TLSMode = .none
    /// PEM file of the CA that signed the server's certificate (a private CA); the system's roots otherwise.
    var caFile: String? = nil

    enum Failure: Error, CustomStringConvertible {
        case connect(String)
        case io(String)
        case refused(command: String, reply: String)

        var description: String {
            switch self {
            case .connect(let why): "cannot connect: \(why)"
            case .io(let why): "connection: \(why)"
            case .refused(let command, let reply): "\(command) refused: \(reply)"
            }
        }
    }

    /// Sends one message; throws `Failure` (never naming the password).
    func send(_ message: MailMessage) async throws {
        let context = tls == .none ? nil : try tlsContext()
        try await SMTPConnection.with(host: host, port: port, timeout: timeout, tls: tls == .implicit ? context : nil) { connection in
            try await converse(connection, message, context: context)
        }
    }

    private func tlsContext() throws(Failure) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        if let caFile { configuration.trustRoots = .file(caFile) }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .connect("TLS set-up: \(error)")
        }
    }

    private func converse(_ connection: SMTPConnection, _ message: MailMessage, context: NIOSSLContext?) async throws {
        try await connection.expect(220, after: "connect")
        let helloName = "quire.localhost"
        try await connection.command("EHLO \(helloName)", expect: 250, shown: "EHLO")
        if tls == .starttls, let context {
            guard connection.lastReply.uppercased().split(separator: "\n").contains(where: { $0.dropFirst(4).hasPrefix("STARTTLS") }) else {
                throw Failure.refused(command: "STARTTLS", reply: "not offered by the server")
            }
            try await connection.command("STARTTLS", expect: 220, shown: "STARTTLS")
            try await connection.startTLS(context, host: host)
            // RFC 3207: what the server said before TLS is forgotten; ask again.
            try await connection.command("EHLO \(helloName)", expect: 250, shown: "EHLO")
        }
        if let credentials {
            // As Go's net/smtp PlainAuth: a password crosses a network only inside TLS.
            guard tls != .none || connection.reachesThisMachine else {
                throw Failure.refused(command: "AUTH", reply: "not sent: the password would leave this machine in plain text (set email.tls)")
            }
            let extensions = connection.lastReply.uppercased()
            let plain = Array("\0\(credentials.username)\0\(credentials.password)".utf8)
            if extensions.contains("PLAIN") || !extensions.contains("LOGIN") {
                try await connection.command("AUTH PLAIN " + Data(plain).base64EncodedString(), expect: 235, shown: "AUTH PLAIN")
            } else {
                try await connection.command("AUTH LOGIN", expect: 334, shown: "AUTH LOGIN")
                try await connection.command(Data(credentials.username.utf8).base64EncodedString(), expect: 334, shown: "AUTH LOGIN username")
                try await connection.command(Data(credentials.password.utf8).base64EncodedString(), expect: 235, shown: "AUTH LOGIN password")
            }
        }
        try await connection.command("MAIL FROM:<\(message.fromAddress)>", expect: 250, shown: "MAIL FROM")
        try await connection.command("RCPT TO:<\(message.to)>", expect: 250, shown: "RCPT TO")
        try await connection.command("DATA", expect: 354, shown: "DATA")
        try await connection.write(message.dataSection())
        try await connection.expect(250, after: "message")
        try? await connection.command("QUIT", expect: 221, shown: "QUIT")
    }
}
