import Foundation
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Apostrophe's password reset (`@apostrophecms/login` `reset-request` and `reset`), through
/// the real stack and a real SMTP conversation with a sink on 127.0.0.1: the link is taken from
/// the mail, as Apostrophe's login page would receive it.
@Suite struct AposPasswordResetTests {
    static let login = "/api/v1/@apostrophecms/login"

    static func site(_ sink: SMTPSink, passwordReset: Bool = true) async throws -> AuthSite {
        let site = try await PasswordResetTests.site(sink, extra: """
            apostrophe:
              login:
                passwordReset: \(passwordReset)
                passwordResetHours: 2
                baseUrl: https://www.example.com
            """)
        try await site.addUser("ada", role: "editor")
        return site
    }

    /// The `reset` and `email` of the link in a mail.
    static func link(in mail: SMTPSink.Mail) throws -> (reset: String, email: String) {
        let match = try #require(mail.data.firstMatch(of: /https:\/\/www\.example\.com\/login\?reset=([0-9a-f]+)&email=([^\s]+)/))
        return (String(match.1), String(match.2).removingPercentEncoding ?? "")
    }

    @Test func requestMailsALinkThatResetsThePasswordOnce() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await Self.site(sink)
        try await site.test { client async throws in
            let oldJWT = try await client.strapiLogin("ada")
            let started = ContinuousClock.now
            // By username, as Apostrophe's form allows.
            let asked = try await client.send(.post, "\(Self.login)/reset-request", json: #"{"email":"ada"}"#)
            #expect(asked.status == .ok && asked.text.isEmpty)
            #expect(ContinuousClock.now - started >= .seconds(2))
            let mail = try #require(try await sink.waitForMails(1).first)
            #expect(mail.to == ["<ada@example.com>"] && mail.data.contains("Subject: Your request to reset your password on www.example.com"))
            let (code, email) = try Self.link(in: mail)
            #expect(email == "ada@example.com")
            let stored = try #require(try await site.store.load().state.users.first { $0.username == "ada" })
            #expect(stored.resetCodeHash != code)
            // passwordResetHours: 2.
            #expect(stored.resetCodeExpires.map { abs($0.timeIntervalSinceNow - 7200) < 60 } == true)

            #expect(try await client.send(.get, "\(Self.login)/reset?email=ada@example.com&reset=\(code)").status == .ok)
            #expect(try await client.send(.get, "\(Self.login)/reset?email=bob@example.com&reset=\(code)").status == .badRequest)
            // The code belongs to Ada: another name with it is refused.
            let wrongUser = try await client.send(.post, "\(Self.login)/reset", json: #"{"email":"nobody","reset":"\#(code)","password":"a new secret"}"#)
            #expect(wrongUser.status == .badRequest)
            #expect(try wrongUser.json["message"] == .string("apostrophe:loginResetInvalid"))
            let noPassword = try await client.send(.post, "\(Self.login)/reset", json: #"{"email":"ada","reset":"\#(code)"}"#)
            #expect(try noPassword.json["message"] == .string("apostrophe:loginResetPasswordRequired"))
            let done = try await client.send(.post, "\(Self.login)/reset", json: #"{"email":"ada@example.com","reset":"\#(code)","password":"a new secret"}"#)
            #expect(done.status == .ok, "\(done.text)")
            #expect(try await client.send(.get, "/api/users/me", token: oldJWT).status == .unauthorized)
            let signIn = try await client.send(.post, "\(Self.login)/login", json: #"{"username":"ada","password":"a new secret"}"#)
            #expect(try signIn.json["token"]?.stringValue != nil)
            let again = try await client.send(.post, "\(Self.login)/reset", json: #"{"email":"ada","reset":"\#(code)","password":"third secret"}"#)
            #expect(again.status == .badRequest)
            #expect(try await client.send(.get, "\(Self.login)/reset?email=ada&reset=\(code)").status == .badRequest)
        }
    }

    /// Every request looks the same from outside: unknown, blocked, throttled, or refused by SMTP.
    @Test func unknownUsersBadBodiesAndTheThrottle() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await Self.site(sink)
        try await site.test { client async throws in
            let unknown = try await client.send(.post, "\(Self.login)/reset-request", json: #"{"email":"nobody@example.com"}"#)
            #expect(unknown.status == .ok && unknown.text.isEmpty)
            let empty = try await client.send(.post, "\(Self.login)/reset-request", json: #"{"email":""}"#)
            #expect(empty.status == .badRequest)
            #expect(try empty.json["message"] == .string("apostrophe:loginResetEmailRequired"))
            #expect(try await client.send(.post, "\(Self.login)/reset-request", json: #"{"email":"ada","x":1}"#).status == .badRequest)
            #expect(try await client.send(.get, "\(Self.login)/reset?email=ada&reset=abc&x=1").status == .badRequest)
            for _ in 0..<4 { #expect(try await client.send(.post, "\(Self.login)/reset-request", json: #"{"email":"ada"}"#).status == .ok) }
            // Three mails a minute for one address, then nothing (and still 200).
            try await Task.sleep(for: .milliseconds(300))
            #expect(sink.mails.count == 3)
        }
    }

    /// An address holding a line break (a users ref edited by hand: every route refuses one)
    /// never becomes a second SMTP command; nothing is sent and no code is kept.
    @Test func anAddressWithALineBreakIsNeverSent() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await Self.site(sink)
        try await site.modifyUser("ada") { $0.email = "ada@example.com>\r\nRCPT TO:<mallory@example.com" }
        try await site.test { client async throws in
            #expect(try await client.send(.post, "\(Self.login)/reset-request", json: #"{"email":"ada"}"#).status == .ok)
            #expect(try await site.store.load().state.users.first?.resetCodeHash == nil)
        }
        #expect(!sink.commands.contains { $0.contains("mallory") }, "\(sink.commands)")
    }

    @Test func offUnlessConfiguredAndTheConfigIsChecked() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let site = try await Self.site(sink, passwordReset: false)
        try await site.test { client async throws in
            let request = try await client.send(.post, "\(Self.login)/reset-request", json: #"{"email":"ada"}"#)
            #expect(request.status == .notFound)
            #expect(try request.json["name"] == .string("notfound"))
            #expect(try await client.send(.post, "\(Self.login)/reset", json: #"{"email":"ada","reset":"a","password":"abcdefgh"}"#).status == .notFound)
            #expect(try await client.send(.get, "\(Self.login)/reset?email=ada&reset=a").status == .notFound)
        }
        #expect(sink.mails.isEmpty)
        let noBase = SiteConfig.load(Array("""
            email: {host: h, from: a@example.com, resetPasswordURL: "https://x/r"}
            apostrophe: {login: {passwordReset: true}}
            """.utf8))
        #expect(!noBase.config.aposLogin.passwordReset && noBase.problems.contains { $0.message.contains("needs baseUrl") })
        let noEmail = SiteConfig.load(Array("apostrophe: {login: {passwordReset: true, baseUrl: \"https://x\", colour: red}}".utf8))
        #expect(noEmail.problems.contains { $0.message.contains("needs an email: block") })
        #expect(noEmail.problems.contains { $0.message.contains("unknown apostrophe.login option 'colour'") })
    }
}
