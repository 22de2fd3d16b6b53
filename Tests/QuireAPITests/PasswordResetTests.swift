import Foundation
import Glibc
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Strapi's forgot-password and reset-password routes, through the real stack and a real SMTP
/// conversation with a sink on 127.0.0.1: the code is taken from the mail as a user would.
@Suite struct PasswordResetTests {
    static func site(_ sink: SMTPSink?, timeout: Int = 5, extra: String = "") async throws -> AuthSite {
        guard let sink else { return try await AuthSite.make() }
        return try await AuthSite.make(files: ["quire.yaml": AuthSite.quireYAML + """

            email:
              host: 127.0.0.1
              port: \(sink.port)
              from: Quire Site <noreply@example.com>
              replyTo: help@example.com
              resetPasswordURL: https://front.example/reset-password
              timeout: \(timeout)
            \(extra)
            """])
    }

    static func code(in mail: SMTPSink.Mail) throws -> String {
        let match = try #require(mail.data.firstMatch(of: /https:\/\/front\.example\/reset-password\?code=([0-9a-f]+)/))
        return String(match.1)
    }

    static func reset(_ client: any TestClientProtocol, code: String, password: String = "new secret 1", confirmation: String? = nil) async throws -> TestResponse {
        try await client.send(.post, "/api/auth/reset-password",
            json: #"{"code":"\#(code)","password":"\#(password)","passwordConfirmation":"\#(confirmation ?? password)"}"#)
    }

    @Test func forgotMailResetThenSignInWithTheNewPassword() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await Self.site(sink)
        try await site.addUser("ada", role: "editor")
        try await site.test { client async throws in
            let oldJWT = try await client.strapiLogin("ada")
            let asked = try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"ADA@example.com"}"#)
            #expect(asked.status == .ok, "\(asked.text)")
            #expect(try asked.json == .object(["ok": .bool(true)]))
            let mail = try #require(try await sink.waitForMails(1).first)
            #expect(mail.from == "<noreply@example.com>" && mail.to == ["<ada@example.com>"])
            #expect(mail.data.contains("From: Quire Site <noreply@example.com>\r\n") && mail.data.contains("Reply-To: help@example.com\r\n"))
            #expect(mail.data.contains("To: <ada@example.com>\r\n") && mail.data.contains("Subject: Reset password\r\n"))
            #expect(mail.auth == nil)
            let code = try Self.code(in: mail)
            // Only a hash of the code is kept, with an expiry.
            let stored = try #require(try await site.store.load().state.users.first { $0.username == "ada" })
            #expect(stored.resetCodeHash != nil && stored.resetCodeHash != code && stored.resetCodeExpires.map { $0 > Date() } == true)

            let mismatched = try await Self.reset(client, code: code, confirmation: "something else")
            #expect(mismatched.status == .badRequest)
            #expect(try mismatched.json["error"]?["message"] == .string("Passwords do not match"))
            #expect(try mismatched.json["error"]?["name"] == .string("ValidationError"))

            let done = try await Self.reset(client, code: code)
            #expect(done.status == .ok, "\(done.text)")
            #expect(try done.json["user"]?["username"] == .string("ada"))
            let jwt = try #require(try done.json["jwt"]?.stringValue)
            #expect(try await client.send(.get, "/api/users/me", token: jwt).status == .ok)
            // Sessions from before the reset end, as after a password change.
            #expect(try await client.send(.get, "/api/users/me", token: oldJWT).status == .unauthorized)
            #expect(try await client.strapiLogin("ada", password: "new secret 1").isEmpty == false)
            let old = try await client.send(.post, "/api/auth/local", json: #"{"identifier":"ada","password":"\#(AuthSite.password)"}"#)
            #expect(old.status == .badRequest)
            let after = try #require(try await site.store.load().state.users.first { $0.username == "ada" })
            #expect(after.passwordHash.hasPrefix("$2") && after.resetCodeHash == nil)

            // A code is good once.
            let again = try await Self.reset(client, code: code, password: "third secret")
            #expect(again.status == .badRequest)
            #expect(try again.json["error"]?["message"] == .string("Incorrect code provided"))
            #expect(try await client.strapiLogin("ada", password: "new secret 1").isEmpty == false)
        }
    }

    /// The reply deadline runs in the connection itself: a server that never answers ends the
    /// request with Strapi's 500 instead of holding it (and the code is forgotten). The limit
    /// only stops a hang: the whole suite on two cores can hold a test for minutes.
    @Test(.timeLimit(.minutes(10))) func aServerThatNeverAnswersIsGivenUpAfterTheTimeout() async throws {
        let sink = try SMTPSink(silent: true)
        defer { sink.stop() }
        let site = try await Self.site(sink, timeout: 1)
        try await site.addUser("ada", role: "editor")
        try await site.test { client async throws in
            let asked = try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"ada@example.com"}"#)
            #expect(asked.status == .internalServerError, "\(asked.text)")
            let ada = try #require(try await site.store.load().state.users.first { $0.username == "ada" })
            #expect(ada.resetCodeHash == nil)
        }
    }

    @Test func expiredReplacedAndMadeUpCodesAreRefused() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await Self.site(sink)
        try await site.addUser("ada", role: "editor")
        try await site.test { client async throws in
            let asked = try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"ada@example.com"}"#)
            #expect(asked.status == .ok, "\(asked.text)")
            let first = try Self.code(in: try #require(try await sink.waitForMails(1).first))
            let again = try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"ada@example.com"}"#)
            #expect(again.status == .ok, "\(again.text)")
            let second = try Self.code(in: try #require(try await sink.waitForMails(2).last))
            #expect(first != second)
            // A new request replaces the earlier code.
            #expect(try await Self.reset(client, code: first).json["error"]?["message"] == .string("Incorrect code provided"))
            try await site.modifyUser("ada") { $0.resetCodeExpires = Date().addingTimeInterval(-1) }
            let expired = try await Self.reset(client, code: second)
            #expect(expired.status == .badRequest)
            #expect(try expired.json["error"]?["message"] == .string("Incorrect code provided"))
            #expect(try await Self.reset(client, code: String(repeating: "0", count: 64)).status == .badRequest)
            #expect(try await client.strapiLogin("ada").isEmpty == false)
            let missing = try await client.send(.post, "/api/auth/reset-password", json: #"{"password":"a b c d e f","passwordConfirmation":"a b c d e f"}"#)
            #expect(try missing.json["error"]?["message"] == .string("code is a required field"))
            let extra = try await client.send(.post, "/api/auth/reset-password", json: #"{"code":"x","password":"abcdefgh","passwordConfirmation":"abcdefgh","email":"x"}"#)
            #expect(extra.status == .badRequest)
        }
    }

    @Test func unknownOrBlockedEmailsGetTheSameAnswerAndNoMail() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await Self.site(sink)
        try await site.addUser("bob", role: "editor")
        try await site.modifyUser("bob") { $0.blocked = true }
        try await site.test { client async throws in
            for email in ["nobody@example.com", "bob@example.com"] {
                let answer = try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"\#(email)"}"#)
                #expect(answer.status == .ok)
                #expect(try answer.json == .object(["ok": .bool(true)]))
            }
            // A fourth request for one address within a minute is refused, known or not.
            for email in ["nobody@example.com", "bob@example.com"] {
                for _ in 0..<2 { #expect(try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"\#(email)"}"#).status == .ok) }
                let limited = try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"\#(email)"}"#)
                #expect(limited.status == .tooManyRequests)
                #expect(try limited.json["error"]?["name"] == .string("RateLimitError"))
            }
            let bad = try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"not an email"}"#)
            #expect(bad.status == .badRequest)
            #expect(try bad.json["error"]?["message"] == .string("email must be a valid email"))
            #expect(try await client.send(.post, "/api/auth/forgot-password", json: #"{}"#).status == .badRequest)
            #expect(try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"a@b.co","url":"x"}"#).status == .badRequest)
            try await Task.sleep(for: .milliseconds(300))
            #expect(sink.mails.isEmpty)
            #expect(try await site.store.load().state.users.allSatisfy { $0.resetCodeHash == nil })
        }
    }

    @Test func aRefusedMailIsA500AndLeavesNoUsableCode() async throws {
        let sink = try SMTPSink(refuseRecipients: true)
        defer { sink.stop() }
        let site = try await Self.site(sink)
        try await site.addUser("ada", role: "editor")
        try await site.test { client async throws in
            let answer = try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"ada@example.com"}"#)
            #expect(answer.status == .internalServerError)
            #expect(try answer.json["error"]?["name"] == .string("InternalServerError"))
            #expect(try await site.store.load().state.users.first?.resetCodeHash == nil)
        }
    }

    @Test func credentialsComeFromTheNamedEnvironmentVariable() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let variable = "QUIRE_TEST_SMTP_PASSWORD_\(getpid())"
        let site = try await Self.site(sink, extra: "  username: mailer\n  passwordEnv: \(variable)")
        try await site.addUser("ada", role: "editor")
        try await site.test { client async throws in
            // Not set: nothing is sent without the password.
            #expect(try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"ada@example.com"}"#).status == .internalServerError)
            setenv(variable, "s3cret pass", 1)
            defer { unsetenv(variable) }
            #expect(try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"ada@example.com"}"#).status == .ok)
            #expect(try await sink.waitForMails(1).first?.auth == "\0mailer\0s3cret pass")
        }
    }

    /// Strapi with `email_confirmation` off: every user is confirmed and no token is ever issued.
    @Test func emailConfirmationAnswersAsStrapiWithConfirmationOff() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await Self.site(sink)
        try await site.addUser("ada", role: "editor")
        try await site.test { client async throws in
            let known = try await client.send(.post, "/api/auth/send-email-confirmation", json: #"{"email":"Ada@example.com"}"#)
            #expect(known.status == .badRequest)
            #expect(try known.json["error"]?["message"] == .string("Already confirmed"))
            #expect(try known.json["error"]?["name"] == .string("ApplicationError"))
            let unknown = try await client.send(.post, "/api/auth/send-email-confirmation", json: #"{"email":"nobody@example.com"}"#)
            #expect(unknown.status == .ok)
            #expect(try unknown.json == .object(["email": .string("nobody@example.com"), "sent": .bool(true)]))
            #expect(try await client.send(.post, "/api/auth/send-email-confirmation", json: #"{"email":"x"}"#).status == .badRequest)
            let token = try await client.send(.get, "/api/auth/email-confirmation?confirmation=abc")
            #expect(token.status == .badRequest)
            #expect(try token.json["error"]?["message"] == .string("Invalid token"))
            #expect(try await client.send(.get, "/api/auth/email-confirmation").status == .badRequest)
            #expect(try await client.send(.get, "/api/auth/email-confirmation?confirmation=a&x=1").status == .badRequest)
            try await Task.sleep(for: .milliseconds(200))
            #expect(sink.mails.isEmpty)
        }
    }

    @Test func withoutAnEmailBlockTheRoutesAre404() async throws {
        let site = try await Self.site(nil)
        try await site.addUser("ada", role: "editor")
        try await site.test { client async throws in
            let forgot = try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"ada@example.com"}"#)
            #expect(forgot.status == .notFound)
            #expect(try forgot.json["error"]?["name"] == .string("NotFoundError"))
            #expect(try await Self.reset(client, code: "abc").status == .notFound)
            // The answer a POST to a route Quire does not have gets, as before these routes existed.
            let unserved = try await client.send(.post, "/api/auth/no-such-route", json: #"{"email":"ada@example.com"}"#)
            #expect(unserved.status == forgot.status)
            #expect(try await client.send(.post, "/api/auth/send-email-confirmation", json: #"{"email":"ada@example.com"}"#).status == .notFound)
            #expect(try await client.send(.get, "/api/auth/email-confirmation?confirmation=a").status == .notFound)
        }
    }

    @Test func theEmailBlockIsCheckedAndKeepsNoPassword() {
        let (config, problems) = SiteConfig.load(Array("""
            email:
              host: smtp.example.com
              port: 2525
              from: a@example.com
              password: hunter2
              resetPasswordURL: ftp://x
            """.utf8))
        #expect(config.email == nil)
        #expect(problems.map(\.message).contains { $0.contains("must not be committed") })
        #expect(problems.map(\.message).contains { $0.contains("http(s) URL") })
        let good = SiteConfig.load(Array("""
            email: {host: smtp.example.com, port: 2525, from: a@example.com, resetPasswordURL: "https://x/reset", resetCodeLifetime: 30m}
            """.utf8))
        #expect(good.problems.isEmpty)
        #expect(good.config.email?.port == 2525 && good.config.email?.resetCodeLifetime == 1800)
    }
}
