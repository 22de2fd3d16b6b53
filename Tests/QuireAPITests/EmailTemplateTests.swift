import Foundation
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Strapi's email templates (`reset_password`, `email_confirmation`) in quire.yaml's `email:`,
/// and the confirmation link's lifetime, through the real stack and the SMTP sink.
@Suite struct EmailTemplateTests {
    /// The parts of a multipart/alternative mail, by content type.
    static func parts(_ mail: SMTPSink.Mail) -> [String: String] {
        guard let boundary = mail.data.firstMatch(of: /boundary="([^"]+)"/)?.1 else { return [:] }
        var parts: [String: String] = [:]
        for chunk in mail.data.components(separatedBy: "--" + boundary).dropFirst() {
            guard let type = chunk.firstMatch(of: /Content-Type: ([a-z\/]+);/)?.1,
                  let start = chunk.range(of: "\r\n\r\n") else { continue }
            parts[String(type)] = String(chunk[start.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return parts
    }

    @Test func defaultsAreStrapisTextAndHTML() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await PasswordResetTests.site(sink)
        try await site.addUser("ada", role: "editor")
        try await site.test { client async throws in
            _ = try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"ada@example.com"}"#)
            let mail = try #require(try await sink.waitForMails(1).first)
            #expect(mail.data.contains("Subject: Reset password\r\n"))
            let parts = Self.parts(mail)
            let code = try PasswordResetTests.code(in: mail)
            #expect(parts["text/plain"]?.hasPrefix("We heard that you lost your password. Sorry about that!") == true, "\(mail.data)")
            #expect(parts["text/plain"]?.contains("https://front.example/reset-password?code=\(code)") == true)
            #expect(parts["text/html"]?.contains("<p>https://front.example/reset-password?code=\(code)</p>") == true, "\(parts)")
            #expect(parts["text/html"]?.hasSuffix("<p>Thanks.</p>") == true)
        }
    }

    @Test func configuredTemplatesFillStrapisPlaceholders() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await PasswordResetTests.site(sink, extra: """
              emailConfirmation: true
              serverURL: https://cms.example
              templates:
                reset_password:
                  subject: "New password for <%= USER.username %>"
                  text: "Hi <%= USER.username %>, go to <%= URL %>?code=<%= TOKEN %> (from <%= SERVER_URL %>)"
                  html: "<p>Hi <%= USER.username %>, <a href=\\"<%= URL %>?code=<%= TOKEN %>\\">reset</a></p>"
                email_confirmation:
                  subject: Welcome <%= USER.email %>
                  html: "<a href=\\"<%=URL%>?confirmation=<%=CODE%>\\">confirm</a> #<%= USER.id %>"
            """)
        try await site.addUser("ab", role: "editor")
        try await site.modifyUser("ab") { $0.username = "a<b>'" }
        try await site.test { client async throws in
            _ = try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"ab@example.com"}"#)
            let reset = try #require(try await sink.waitForMails(1).first)
            let code = try #require(reset.data.firstMatch(of: /code=([0-9a-f]{64})/)?.1)
            #expect(reset.data.contains("Subject: New password for a<b>'\r\n"), "\(reset.data)")
            let parts = Self.parts(reset)
            #expect(parts["text/plain"] == "Hi a<b>', go to https://front.example/reset-password?code=\(code) (from https://cms.example)")
            // The HTML part escapes what a user typed.
            #expect(parts["text/html"] == "<p>Hi a&lt;b&gt;&#39;, <a href=\"https://front.example/reset-password?code=\(code)\">reset</a></p>")

            let registered = try await EmailConfirmationTests.register(client, "grace")
            #expect(registered.status == .ok, "\(registered.text)")
            let mails = try await sink.waitForMails(2)
            let confirm = try #require(mails.last)
            // Only an HTML body was set: a single text/html part.
            #expect(confirm.data.contains("Subject: Welcome grace@example.com\r\n") && confirm.data.contains("Content-Type: text/html; charset=utf-8"))
            #expect(!confirm.data.contains("multipart") && !confirm.data.contains("text/plain"), "\(confirm.data)")
            let id = try #require(try registered.json["user"]?["id"])
            #expect(confirm.data.contains("\">confirm</a> #\(String(decoding: JSON.encode(id), as: UTF8.self))"), "\(confirm.data)")
            let token = try #require(confirm.data.firstMatch(of: /email-confirmation\?confirmation=([0-9a-f]+)/)?.1)
            #expect(try await client.send(.get, "/api/auth/email-confirmation?confirmation=\(token)").status == .found)
        }
    }

    @Test func aConfirmationLinkExpires() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await EmailConfirmationTests.site(sink)
        try await site.test { client async throws in
            _ = try await EmailConfirmationTests.register(client, "grace")
            let token = try EmailConfirmationTests.token(in: try #require(try await sink.waitForMails(1).first))
            let stored = try #require(try await site.store.load().state.users.first { $0.username == "grace" })
            // Three days unless quire.yaml says otherwise.
            let lifetime = try #require(stored.confirmationTokenExpires).timeIntervalSinceNow
            #expect(lifetime > 3 * 86400 - 120 && lifetime <= 3 * 86400)
            try await site.modifyUser("grace") { $0.confirmationTokenExpires = Date().addingTimeInterval(-1) }
            let late = try await client.send(.get, "/api/auth/email-confirmation?confirmation=\(token)")
            #expect(late.status == .badRequest)
            #expect(try late.json["error"]?["message"] == .string("Invalid token"))
            #expect(try await site.store.load().state.users.first { $0.username == "grace" }?.confirmed == false)
        }
    }

    @Test func badTemplatesAreReported() {
        func problems(_ yaml: String) -> [String] {
            SiteConfig.load(Array("email:\n  host: h\n  from: a@example.com\n  resetPasswordURL: \"https://x/r?lang=en\"\n\(yaml)".utf8)).1.map(\.message)
        }
        let unknown = problems("  templates:\n    reset_password:\n      text: \"<%= URL %>&code=<%= CODE %> <%= USER.password %>\"\n")
        #expect(unknown.contains { $0.contains("unknown placeholder <%= CODE %>") }, "\(unknown)")
        #expect(unknown.contains { $0.contains("unknown placeholder <%= USER.password %>") })
        #expect(!unknown.contains { $0.contains("has a query") })
        #expect(problems("").contains { $0.contains("has a query") })
        #expect(problems("  templates:\n    welcome: {subject: hi}\n").contains { $0.contains("unknown email template 'welcome'") })
        #expect(problems("  subject: A\n  templates:\n    reset_password: {subject: B, text: \"<%= URL %>&code=<%= TOKEN %>\"}\n").contains { $0.contains("both set the subject") })
        #expect(problems("  templates:\n    email_confirmation: {text: \"<%= SERVER_URL %>\"}\n").contains { $0.contains("set email.serverURL") })
        #expect(problems("  confirmationLifetime: soon\n").contains { $0.contains("email.confirmationLifetime") })
        #expect(problems("  subject: \"Hi <%= TOKEN %>\"\n").contains { $0.contains("email.subject: unknown placeholder <%= TOKEN %>") })
    }
}
