import Foundation
import HTTPTypes
import HummingbirdTesting
import Synchronization
import QuireAPI
import QuireContent
import Testing

/// Quire's SMTP client over TLS, through the real stack: a forgot-password request sends its
/// mail to a TLS SMTP server on 127.0.0.1 (see `TLSSMTPSink`), with certificates made for the test.
@Suite struct SMTPTLSTests {
    static func site(port: Int, _ lines: String) async throws -> AuthSite {
        let site = try await AuthSite.make(files: ["quire.yaml": AuthSite.quireYAML + """

            email:
              host: 127.0.0.1
              port: \(port)
              from: noreply@example.com
              resetPasswordURL: https://front.example/reset-password
              timeout: 5
            \(lines)
            """])
        try await site.addUser("ada", role: "editor")
        return site
    }

    /// The status and text of a forgot-password request for Ada, and whether a reset code is kept.
    static func forgot(_ site: AuthSite) async throws -> (status: HTTPResponse.Status, text: String, codeKept: Bool) {
        let answer = Mutex<(HTTPResponse.Status, String, Bool)?>(nil)
        try await site.test { client async throws in
            let response = try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"ada@example.com"}"#)
            let kept = try await site.store.load().state.users.first?.resetCodeHash != nil
            answer.withLock { $0 = (response.status, response.text, kept) }
        }
        return try #require(answer.withLock { $0 })
    }

    @Test func startTLSWithAPrivateCAThenAuthOverTheEncryptedConnection() async throws {
        let certificates = try TLSSMTPSink.Certificates()
        let sink = try TLSSMTPSink(mode: "starttls", certificates: certificates)
        defer { sink.stop() }
        let variable = "QUIRE_TEST_TLS_PASSWORD_\(ProcessInfo.processInfo.processIdentifier)"
        setenv(variable, "tls secret", 1)
        defer { unsetenv(variable) }
        let site = try await Self.site(port: sink.port, """
              tls: starttls
              caFile: \(certificates.caFile)
              username: mailer
              passwordEnv: \(variable)
            """)
        let answer = try await Self.forgot(site)
        #expect(answer.status == .ok, "\(answer.text)")
        let mail = try #require(try await sink.waitForMails(1).first)
        #expect(mail.tls && mail.auth == "\0mailer\0tls secret" && mail.to == ["<ada@example.com>"])
        #expect(mail.data.contains("https://front.example/reset-password?code="))
    }

    @Test func implicitTLSOnItsOwnPort() async throws {
        let certificates = try TLSSMTPSink.Certificates()
        let sink = try TLSSMTPSink(mode: "implicit", certificates: certificates)
        defer { sink.stop() }
        let site = try await Self.site(port: sink.port, "  tls: implicit\n  caFile: \(certificates.caFile)")
        let answer = try await Self.forgot(site)
        #expect(answer.status == .ok, "\(answer.text)")
        #expect(try await sink.waitForMails(1).first?.tls == true)
    }

    /// No mail leaves over a connection Quire cannot trust: an unknown CA, a certificate for
    /// another name, a server that does not offer STARTTLS when it is asked for.
    @Test func untrustedCertificatesAndMissingSTARTTLSSendNothing() async throws {
        let certificates = try TLSSMTPSink.Certificates()
        let otherName = try TLSSMTPSink.Certificates(names: "DNS:mail.example.org")
        let cases: [(mode: String, served: TLSSMTPSink.Certificates, lines: String)] = [
            ("implicit", certificates, "  tls: implicit"),  // the system's roots do not know the test CA
            ("starttls", certificates, "  tls: starttls"),
            ("starttls", otherName, "  tls: starttls\n  caFile: \(otherName.caFile)"),
            ("plain", certificates, "  tls: starttls\n  caFile: \(certificates.caFile)"),
        ]
        for (mode, served, lines) in cases {
            let sink = try TLSSMTPSink(mode: mode, certificates: served)
            defer { sink.stop() }
            let site = try await Self.site(port: sink.port, lines)
            let answer = try await Self.forgot(site)
            #expect(answer.status == .internalServerError, "\(mode) \(lines): \(answer.text)")
            #expect(!answer.codeKept)
            try await Task.sleep(for: .milliseconds(200))
            #expect(sink.mails.isEmpty)
        }
    }

    /// A reply slipped in after the `220` to STARTTLS, before the handshake, would be read as
    /// the answer to the EHLO sent over TLS: the client stops there and says nothing over TLS.
    @Test func aReplyInjectedBeforeTheHandshakeIsRefused() async throws {
        let certificates = try TLSSMTPSink.Certificates()
        let sink = try TLSSMTPSink(mode: "inject", certificates: certificates)
        defer { sink.stop() }
        let site = try await Self.site(port: sink.port, "  tls: starttls\n  caFile: \(certificates.caFile)")
        let answer = try await Self.forgot(site)
        #expect(answer.status == .internalServerError, "\(answer.text)")
        #expect(!answer.codeKept)
        let connection = try #require(try await sink.waitForMails(1).first)
        #expect(connection.commands == [], "sent over TLS after the injected reply: \(connection.commands ?? [])")
    }

    /// As Go's net/smtp: a password goes over plain SMTP only to a server on this machine. To
    /// one elsewhere on the network it is never sent (quire.yaml's check says so too).
    @Test(.enabled(if: SMTPSink.externalAddress() != nil, "needs an address off the loopback"))
    func aPasswordIsNeverSentInPlainTextOffThisMachine() async throws {
        let address = try #require(SMTPSink.externalAddress())
        let sink = try SMTPSink(address: address)
        defer { sink.stop() }
        let variable = "QUIRE_TEST_PLAIN_PASSWORD_\(ProcessInfo.processInfo.processIdentifier)"
        setenv(variable, "plain secret", 1)
        defer { unsetenv(variable) }
        let site = try await AuthSite.make(files: ["quire.yaml": AuthSite.quireYAML + """

            email:
              host: \(address)
              port: \(sink.port)
              from: noreply@example.com
              resetPasswordURL: https://front.example/reset-password
              timeout: 5
              username: mailer
              passwordEnv: \(variable)
            """])
        try await site.addUser("ada", role: "editor")
        let answer = try await Self.forgot(site)
        #expect(answer.status == .internalServerError, "\(answer.text)")
        #expect(!answer.codeKept)
        try await Task.sleep(for: .milliseconds(200))
        #expect(sink.mails.isEmpty)
    }

    @Test func tlsSettingsAreChecked() {
        func email(_ yaml: String) -> (EmailConfig?, [String]) {
            let (config, problems) = SiteConfig.load(Array("email: {host: h, from: a@example.com, resetPasswordURL: \"https://x/r\", \(yaml)}".utf8))
            return (config.email, problems.map(\.message))
        }
        #expect(email("port: 465").0?.tls == .implicit)
        #expect(email("port: 587").0?.tls == .starttls)
        #expect(email("port: 25").0?.tls == EmailConfig.TLSMode.none)
        #expect(email("port: 465, tls: starttls").0?.tls == .starttls)
        #expect(email("tls: sometimes").1.contains { $0.contains("email.tls must be") })
        #expect(email("tls: implicit, caFile: ca.pem").1.contains { $0.contains("absolute path") })
        #expect(email("caFile: /etc/ca.pem").1.contains { $0.contains("needs tls") })
        #expect(email("username: u, passwordEnv: P").1.contains { $0.contains("in plain text") })
        #expect(email("username: u, passwordEnv: P, port: 587").1.isEmpty)
        let local = SiteConfig.load(Array("email: {host: localhost, from: a@example.com, resetPasswordURL: \"https://x/r\", username: u, passwordEnv: P}".utf8))
        #expect(local.problems.isEmpty && local.config.email?.tls == EmailConfig.TLSMode.none)
    }
}
