import Foundation
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Strapi's email confirmation (`emailConfirmation: true` in quire.yaml's `email:`), through
/// the real stack and a real SMTP conversation with a sink on 127.0.0.1: the token is taken
/// from the mail, as a user would follow the link.
@Suite struct EmailConfirmationTests {
    static func site(_ sink: SMTPSink, confirmation: Bool = true) async throws -> AuthSite {
        try await PasswordResetTests.site(sink, extra: """
              emailConfirmation: \(confirmation)
              emailConfirmationRedirection: https://front.example/welcome
              serverURL: https://cms.example/
            """)
    }

    static func token(in mail: SMTPSink.Mail) throws -> String {
        let match = try #require(mail.data.firstMatch(of: /https:\/\/cms\.example\/api\/auth\/email-confirmation\?confirmation=([0-9a-f]+)/))
        return String(match.1)
    }

    static func register(_ client: any TestClientProtocol, _ name: String) async throws -> TestResponse {
        try await client.send(.post, "/api/auth/local/register", json: #"{"username":"\#(name)","email":"\#(name)@example.com","password":"hopper123"}"#)
    }

    @Test func registerMailsALinkThatConfirmsAndRedirects() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await Self.site(sink)
        try await site.test { client async throws in
            let registered = try await Self.register(client, "grace")
            #expect(registered.status == .ok, "\(registered.text)")
            // `{user}` and no JWT until the address is confirmed.
            #expect(try registered.json["jwt"] == nil)
            #expect(try registered.json["user"]?["confirmed"] == .bool(false))
            let mail = try #require(try await sink.waitForMails(1).first)
            #expect(mail.to == ["<grace@example.com>"] && mail.data.contains("Subject: Account confirmation\r\n"))
            let token = try Self.token(in: mail)
            let stored = try #require(try await site.store.load().state.users.first { $0.username == "grace" })
            #expect(!stored.confirmed && stored.confirmationTokenHash != nil && stored.confirmationTokenHash != token)

            // Strapi checks the password first, then the confirmation, with its words.
            let early = try await client.send(.post, "/api/auth/local", json: #"{"identifier":"grace","password":"hopper123"}"#)
            #expect(early.status == .badRequest)
            #expect(try early.json["error"]?["message"] == .string("Your account email is not confirmed"))
            #expect(try early.json["error"]?["name"] == .string("ApplicationError"))
            let wrong = try await client.send(.post, "/api/auth/local", json: #"{"identifier":"grace","password":"wrong one"}"#)
            #expect(try wrong.json["error"]?["message"] == .string("Invalid identifier or password"))
            let apos = try await client.send(.post, "/api/v1/@apostrophecms/login/login", json: #"{"username":"grace","password":"hopper123"}"#)
            #expect(apos.status == .badRequest)

            let followed = try await client.send(.get, "/api/auth/email-confirmation?confirmation=\(token)")
            #expect(followed.status == .found)
            #expect(followed.headers[.location] == "https://front.example/welcome")
            let after = try #require(try await site.store.load().state.users.first { $0.username == "grace" })
            #expect(after.confirmed && after.confirmationTokenHash == nil)
            #expect(try await client.strapiLogin("grace", password: "hopper123").isEmpty == false)
            // A token is good once.
            let again = try await client.send(.get, "/api/auth/email-confirmation?confirmation=\(token)")
            #expect(again.status == .badRequest)
            #expect(try again.json["error"]?["message"] == .string("Invalid token"))
            let resend = try await client.send(.post, "/api/auth/send-email-confirmation", json: #"{"email":"grace@example.com"}"#)
            #expect(try resend.json["error"]?["message"] == .string("Already confirmed"))
        }
    }

    @Test func sendEmailConfirmationReplacesTheTokenAndRefusesBlockedUsers() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await Self.site(sink)
        try await site.addUser("admin", role: "admin")
        try await site.test { client async throws in
            #expect(try await Self.register(client, "ada").status == .ok)
            let first = try Self.token(in: try #require(try await sink.waitForMails(1).first))
            let resent = try await client.send(.post, "/api/auth/send-email-confirmation", json: #"{"email":"ADA@example.com"}"#)
            #expect(resent.status == .ok, "\(resent.text)")
            #expect(try resent.json == .object(["email": .string("ada@example.com"), "sent": .bool(true)]))
            let second = try Self.token(in: try #require(try await sink.waitForMails(2).last))
            #expect(first != second)
            #expect(try await client.send(.get, "/api/auth/email-confirmation?confirmation=\(first)").status == .badRequest)
            // An unknown address comes back as given (Strapi's `{email}`), a known one as stored.
            let unknown = try await client.send(.post, "/api/auth/send-email-confirmation", json: #"{"email":"Nobody@Example.com"}"#)
            #expect(try unknown.json == .object(["email": .string("Nobody@Example.com"), "sent": .bool(true)]))

            // An admin sees and sets `confirmed` through /api/users; no mail is sent for it.
            let jwt = try await client.strapiLogin("admin")
            let listed = try await client.send(.get, "/api/users?filters[username]=ada", token: jwt)
            #expect(try listed.json[0]?["confirmed"] == .bool(false))
            try await site.modifyUser("ada") { $0.blocked = true }
            let blocked = try await client.send(.post, "/api/auth/send-email-confirmation", json: #"{"email":"ada@example.com"}"#)
            #expect(blocked.status == .badRequest)
            #expect(try blocked.json["error"]?["message"] == .string("User blocked"))
            guard case .int(let id)? = try listed.json[0]?["id"] else { Issue.record("no id"); return }
            let put = try await client.send(.put, "/api/users/\(id)", token: jwt, json: #"{"confirmed":true,"blocked":false}"#)
            #expect(put.status == .ok, "\(put.text)")
            #expect(try put.json["confirmed"] == .bool(true))
            #expect(try await client.send(.get, "/api/auth/email-confirmation?confirmation=\(second)").status == .badRequest)
            #expect(try await client.strapiLogin("ada", password: "hopper123").isEmpty == false)
            #expect(sink.mails.count == 2)
        }
    }

    @Test func aFailedConfirmationMailKeepsTheUserUnconfirmed() async throws {
        let sink = try SMTPSink(refuseRecipients: true)
        defer { sink.stop() }
        let site = try await Self.site(sink)
        try await site.test { client async throws in
            let registered = try await Self.register(client, "ada")
            #expect(registered.status == .badRequest)
            #expect(try registered.json["error"]?["message"] == .string("Error sending confirmation email"))
            let stored = try #require(try await site.store.load().state.users.first { $0.username == "ada" })
            #expect(!stored.confirmed && stored.confirmationTokenHash == nil)
            let resend = try await client.send(.post, "/api/auth/send-email-confirmation", json: #"{"email":"ada@example.com"}"#)
            #expect(resend.status == .internalServerError)
        }
    }

    /// A password reset proves the mailbox too: the user is confirmed by it.
    @Test func aPasswordResetConfirmsTheAddress() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await Self.site(sink)
        try await site.test { client async throws in
            #expect(try await Self.register(client, "ada").status == .ok)
            #expect(try await client.send(.post, "/api/auth/forgot-password", json: #"{"email":"ada@example.com"}"#).status == .ok)
            let code = try PasswordResetTests.code(in: try #require(try await sink.waitForMails(2).last))
            #expect(try await PasswordResetTests.reset(client, code: code).status == .ok)
            #expect(try await client.strapiLogin("ada", password: "new secret 1").isEmpty == false)
        }
    }

    @Test func confirmationOffRegistersSignedInAndConfigIsChecked() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await Self.site(sink, confirmation: false)
        try await site.test { client async throws in
            let registered = try await Self.register(client, "ada")
            #expect(try registered.json["jwt"]?.stringValue != nil)
            #expect(try registered.json["user"]?["confirmed"] == .bool(true))
        }
        #expect(sink.mails.isEmpty)
        let (config, problems) = SiteConfig.load(Array("""
            email: {host: h, from: a@example.com, resetPasswordURL: "https://x/r", emailConfirmation: true}
            """.utf8))
        #expect(config.email?.emailConfirmation == false)
        #expect(problems.map(\.message).contains { $0.contains("needs serverURL") })
    }
}
