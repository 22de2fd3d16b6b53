import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Apostrophe's login module and its credential rules, with Apostrophe's exact bodies.
@Suite struct ApostropheLoginTests {
    static let login = "/api/v1/@apostrophecms/login/login"
    static let logout = "/api/v1/@apostrophecms/login/logout"
    static let whoami = "/api/v1/@apostrophecms/login/whoami"

    @Test func bearerLoginWhoamiLogout() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ada", role: "editor", name: "Ada Lovelace")
        try await site.test { client async throws in
            let token = try await client.apostropheLogin("ada")
            let me = try await client.send(.get, Self.whoami, token: token)
            #expect(me.status == .ok)
            #expect(try me.json["username"] == .string("ada"))
            #expect(try me.json["title"] == .string("Ada Lovelace"))
            #expect(try me.json["email"] == .string("ada@example.com"))
            #expect(try me.json["_id"]?.stringValue?.count == 24)
            #expect(try await client.send(.post, Self.whoami, token: token).status == .ok)
            // The same token works on the Strapi routes, with the user's role.
            #expect(try await client.send(.get, "/api/authors", token: token).status == .ok)

            let out = try await client.send(.post, Self.logout, token: token)
            #expect(out.status == .ok)
            #expect(out.body.readableBytes == 0)
            let after = try await client.send(.get, Self.whoami, token: token)
            #expect(after.status == .unauthorized)
            #expect(try after.json == .object(["name": .string("invalid"), "message": .string("bearer token invalid")]))
        }
    }

    @Test func failuresInApostrophesWords() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ada", role: "editor")
        try await site.test { client async throws in
            let wrong = try await client.send(.post, Self.login, json: #"{"username":"ada","password":"nope nope"}"#)
            #expect(wrong.status == .badRequest)
            #expect(try wrong.json == .object([
                "name": .string("invalid"), "data": .object([:]),
                "message": .string("Your credentials are incorrect, or there is no such user"),
            ]))
            let missing = try await client.send(.post, Self.login, json: #"{"username":"ada"}"#)
            #expect(try missing.json["message"] == .string("apostrophe:loginPageBothRequired"))
            let anonymousWhoami = try await client.send(.get, Self.whoami)
            #expect(anonymousWhoami.status == .notFound)
            #expect(try anonymousWhoami.json == .object(["name": .string("notfound"), "data": .object([:]), "message": .string("notfound")]))
            let anonymousLogout = try await client.send(.post, Self.logout)
            #expect(anonymousLogout.status == .forbidden)
            #expect(try anonymousLogout.json["name"] == .string("forbidden"))
            let badBearer = try await client.send(.get, Self.whoami, token: "not-a-token")
            #expect(badBearer.status == .unauthorized)
            #expect(try badBearer.json == .object(["name": .string("invalid"), "message": .string("bearer token invalid")]))
            let badKey = try await client.send(.get, Self.whoami, apiKey: "nope")
            #expect(badKey.status == .forbidden)
            #expect(try badKey.json == .object(["error": .string("invalid api key")]))
            let badQueryKey = try await client.send(.get, "/api/articles?apikey=nope")
            #expect(badQueryKey.status == .unauthorized, "Strapi's routes answer in Strapi's words")
        }
    }

    @Test func apiKeysActAsTheirRole() async throws {
        let site = try await AuthSite.make()
        let editor = try await site.token(name: "astro", access: .custom, role: "editor")
        let guest = try await site.token(name: "kiosk", access: .custom, role: "guest")
        try await site.test { client async throws in
            #expect(try await client.send(.get, "/api/articles?status=draft", apiKey: editor).status == .ok)
            #expect(try await client.send(.get, "/api/articles?apiKey=\(editor)").status == .ok)
            #expect(try await client.send(.get, "/api/articles?apikey=\(guest)").status == .forbidden, "guests read only types that opt in")
            #expect(try await client.send(.get, "/api/articles?status=draft&apikey=\(guest)").status == .forbidden)
            let created = try await client.send(.post, "/api/authors", apiKey: editor, json: #"{"data":{"name":"Key Writer"}}"#)
            #expect(created.status == .created)
            #expect(try site.base.git("log", "-1", "--format=%an <%ae>") == "astro <astro@api-token.quire.invalid>\n")
            #expect(try await client.send(.post, "/api/authors", apiKey: guest, json: #"{"data":{"name":"No"}}"#).status == .forbidden)
        }
    }

    @Test func sessionsNeedTheCSRFCookieToWrite() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ada", role: "editor", name: "Ada Lovelace")
        try await site.test { client async throws in
            let response = try await client.send(.post, Self.login, json: #"{"username":"ada","password":"correct horse","session":true}"#)
            #expect(response.status == .ok)
            #expect(try response.json == .object([:]))
            let cookies = response.headers[values: .setCookie]
            let session = try #require(cookies.first { $0.hasPrefix("quire.sid=") })
            #expect(session.contains("HttpOnly"))
            #expect(cookies.contains { $0.hasPrefix("quire.loggedIn=true") })
            let sid = String(session.split(separator: ";")[0])

            var headers = HTTPFields()
            headers[.cookie] = sid
            let me = try await client.send(.get, Self.whoami, headers: headers)
            #expect(try me.json["username"] == .string("ada"))
            let write = #"{"data":{"name":"Session Writer"}}"#
            let refused = try await client.send(.post, "/api/authors", json: write, headers: headers)
            #expect(refused.status == .forbidden)
            #expect(try refused.json["error"]?["message"] == .string("CSRF exception"))
            let refusedLogout = try await client.send(.post, Self.logout, headers: headers)
            #expect(try refusedLogout.json == .object(["name": .string("forbidden"), "message": .string("CSRF exception")]))

            headers[.cookie] = "\(sid); quire.csrf=csrf"
            #expect(try await client.send(.post, "/api/authors", json: write, headers: headers).status == .created)
            #expect(try site.base.git("log", "-1", "--format=%an <%ae>") == "Ada Lovelace <ada@example.com>\n")
            let out = try await client.send(.post, Self.logout, headers: headers)
            #expect(out.status == .ok)
            #expect(out.headers[values: .setCookie].contains { $0.hasPrefix("quire.sid=;") })
            // A logged-out session is no session: anonymous again.
            #expect(try await client.send(.get, Self.whoami, headers: headers).status == .notFound)
        }
    }
}
