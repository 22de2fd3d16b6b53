import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Strapi's users-permissions surface, with Strapi's exact statuses and messages.
@Suite struct StrapiLoginTests {
    static func error(_ response: TestResponse) throws -> (status: Value?, name: Value?, message: Value?) {
        let error = try response.json["error"]
        return (error?["status"], error?["name"], error?["message"])
    }

    @Test func loginAnswersJWTAndUserByUsernameOrEmail() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ada", role: "authenticated", name: "Ada Lovelace")
        try await site.test { client async throws in
            let response = try await client.send(.post, "/api/auth/local", json: #"{"identifier":"ADA@example.com","password":"correct horse"}"#)
            #expect(response.status == .ok)
            let user = try #require(try response.json["user"])
            #expect(user["username"] == .string("ada"))
            #expect(user["email"] == .string("ada@example.com"))
            #expect(user["id"] == .int(1))
            #expect(user["provider"] == .string("local"))
            #expect(user["blocked"] == .bool(false))
            #expect(user["password"] == nil && user["passwordHash"] == nil)
            let jwt = try #require(try response.json["jwt"]?.stringValue)
            #expect(jwt.split(separator: ".").count == 3)
            let me = try await client.send(.get, "/api/users/me", token: jwt)
            #expect(me.status == .ok)
            #expect(try me.json["username"] == .string("ada"))
            #expect(try await client.strapiLogin("ada").isEmpty == false)
        }
    }

    @Test func wrongPasswordAndUnknownUserAreTheSame400() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ada", role: "authenticated")
        try await site.test { client async throws in
            for body in [#"{"identifier":"ada","password":"wrong one"}"#, #"{"identifier":"nobody","password":"correct horse"}"#] {
                let response = try await client.send(.post, "/api/auth/local", json: body)
                #expect(response.status == .badRequest)
                #expect(try Self.error(response) == (.int(400), .string("ValidationError"), .string("Invalid identifier or password")))
            }
            let missing = try await client.send(.post, "/api/auth/local", json: #"{"identifier":"ada"}"#)
            #expect(missing.status == .badRequest)
            #expect(try Self.error(missing).message == .string("password is a required field"))
        }
    }

    @Test func blockedUsersCannotSignInAndTheirTokensStopAtOnce() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ada", role: "reader")
        try await site.test { client async throws in
            let jwt = try await client.strapiLogin("ada")
            #expect(try await client.send(.get, "/api/articles", token: jwt).status == .ok)
            try await site.modifyUser("ada") { $0.blocked = true }
            let refused = try await client.send(.get, "/api/articles", token: jwt)
            #expect(refused.status == .unauthorized)
            #expect(try Self.error(refused) == (.int(401), .string("UnauthorizedError"), .string("Invalid credentials")))
            let login = try await client.send(.post, "/api/auth/local", json: #"{"identifier":"ada","password":"correct horse"}"#)
            #expect(login.status == .badRequest)
            #expect(try Self.error(login).message == .string("Your account has been blocked by an administrator"))
            #expect(try await client.send(.post, "/api/v1/@apostrophecms/login/whoami", token: jwt).status == .unauthorized)
        }
    }

    @Test func registrationGivesTheDefaultRole() async throws {
        let site = try await AuthSite.make()
        try await site.test { client async throws in
            let response = try await client.send(
                .post, "/api/auth/local/register", json: #"{"username":"grace","email":"Grace@Example.com","password":"hopper123"}"#)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.json["user"]?["email"] == .string("grace@example.com"))
            let jwt = try #require(try response.json["jwt"]?.stringValue)
            // `authenticated` may read articles but not authors (quire.yaml above).
            #expect(try await client.send(.get, "/api/articles", token: jwt).status == .ok)
            #expect(try await client.send(.get, "/api/authors", token: jwt).status == .forbidden)

            let again = try await client.send(
                .post, "/api/auth/local/register", json: #"{"username":"other","email":"grace@example.com","password":"hopper123"}"#)
            #expect(try Self.error(again) == (.int(400), .string("ApplicationError"), .string("Email or Username are already taken")))
            let extra = try await client.send(
                .post, "/api/auth/local/register", json: #"{"username":"eve","email":"eve@example.com","password":"hopper123","role":"admin"}"#)
            #expect(try Self.error(extra) == (.int(400), .string("ValidationError"), .string("Invalid parameters: role")))
            let stored = try await site.store.load().state.users
            #expect(stored.map(\.role) == ["authenticated"])
        }
    }

    @Test func registrationIsOffUnlessQuireYAMLAllowsIt() async throws {
        let site = try await AuthSite.make(files: ["quire.yaml": "locales: [en, fr]\ndefaultLocale: en\n"])
        try await site.test { client async throws in
            let response = try await client.send(
                .post, "/api/auth/local/register", json: #"{"username":"grace","email":"grace@example.com","password":"hopper123"}"#)
            #expect(try Self.error(response) == (.int(400), .string("ApplicationError"), .string("Register action is currently disabled")))
            #expect(try await site.store.load().state.users.isEmpty)
        }
    }

    /// Strapi's JWT payload has whole-second `iat`/`exp` (jsonwebtoken), 30 days apart by default.
    @Test func theJWTCarriesWholeSecondsAndStrapisClaims() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ada", role: "authenticated")
        try await site.test { client async throws in
            let jwt = try await client.strapiLogin("ada")
            var payload = String(jwt.split(separator: ".")[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            payload += String(repeating: "=", count: (4 - payload.count % 4) % 4)
            let text = String(decoding: try #require(Data(base64Encoded: payload)), as: UTF8.self)
            let claims = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(claims["id"] as? Int == 1)
            #expect(!text.contains("."), "no fractional seconds: \(text)")
            let issued = try #require(claims["iat"] as? Int)
            #expect(claims["exp"] as? Int == issued + 30 * 24 * 3600)
        }
    }

    /// `populate=role` adds Strapi's role object, in each of the ways Strapi's query parser takes it.
    @Test func meWithPopulateRoleShowsTheRole() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ada", role: "reader")
        try await site.test { client async throws in
            let jwt = try await client.strapiLogin("ada")
            #expect(try await client.send(.get, "/api/users/me", token: jwt).json["role"] == nil)
            for query in ["populate=role", "populate=*", "populate%5B0%5D=role", "populate%5Brole%5D=true", "populate=tags,role"] {
                let me = try await client.send(.get, "/api/users/me?\(query)", token: jwt)
                let role = try #require(try me.json["role"], "\(query)")
                #expect(role["type"] == .string("reader"))
                #expect(role["name"] == .string("Reader"))
                #expect(role["id"] == .int(7), "after Strapi's two and Apostrophe's four roles")
            }
            #expect(try await client.send(.get, "/api/users/me?populate=tags", token: jwt).json["role"] == nil)
        }
    }

    @Test func meNeedsAUser() async throws {
        let site = try await AuthSite.make()
        let token = site.base.fullToken
        try await site.test { client async throws in
            let anonymous = try await client.send(.get, "/api/users/me")
            #expect(try Self.error(anonymous) == (.int(403), .string("ForbiddenError"), .string("Forbidden")))
            let bad = try await client.send(.get, "/api/users/me", token: "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MX0.forged-signature")
            #expect(try Self.error(bad) == (.int(401), .string("UnauthorizedError"), .string("Missing or invalid credentials")))
            #expect(try await client.send(.get, "/api/users/me", token: token).status == .unauthorized)
        }
    }

    @Test func changingThePasswordRevokesEveryEarlierToken() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ada", role: "reader")
        try await site.test { client async throws in
            let first = try await client.strapiLogin("ada")
            let bearer = try await client.apostropheLogin("ada")
            let change = #"{"currentPassword":"correct horse","password":"battery staple","passwordConfirmation":"battery staple"}"#
            let mismatch = try await client.send(
                .post, "/api/auth/change-password", token: first,
                json: #"{"currentPassword":"correct horse","password":"battery staple","passwordConfirmation":"other"}"#)
            #expect(try Self.error(mismatch) == (.int(400), .string("ValidationError"), .string("Passwords do not match")))
            let wrong = try await client.send(
                .post, "/api/auth/change-password", token: first,
                json: #"{"currentPassword":"nope nope","password":"battery staple","passwordConfirmation":"battery staple"}"#)
            #expect(try Self.error(wrong).message == .string("The provided current password is invalid"))
            #expect(try await client.send(.post, "/api/auth/change-password", json: change).status == .forbidden)

            let changed = try await client.send(.post, "/api/auth/change-password", token: first, json: change)
            #expect(changed.status == .ok, "\(changed.text)")
            let fresh = try #require(try changed.json["jwt"]?.stringValue)
            #expect(try await client.send(.get, "/api/articles", token: first).status == .unauthorized)
            #expect(try await client.send(.get, "/api/articles", token: bearer).status == .unauthorized)
            #expect(try await client.send(.get, "/api/articles", token: fresh).status == .ok)
            #expect(try await client.strapiLogin("ada", password: "battery staple").isEmpty == false)
        }
    }

    @Test func threeFailuresLockTheAccountForAMinute() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ada", role: "reader")
        try await site.addUser("bob", role: "reader")
        try await site.test { client async throws in
            for _ in 0..<3 {
                let failed = try await client.send(.post, "/api/auth/local", json: #"{"identifier":"ada","password":"guess guess"}"#)
                #expect(try Self.error(failed).message == .string("Invalid identifier or password"))
            }
            let locked = try await client.send(.post, "/api/auth/local", json: #"{"identifier":"ada","password":"correct horse"}"#)
            #expect(locked.status == .tooManyRequests)
            #expect(try Self.error(locked) == (.int(429), .string("RateLimitError"), .string("Too many requests, please try again later.")))
            let apostrophe = try await client.send(
                .post, "/api/v1/@apostrophecms/login/login", json: #"{"username":"ada","password":"correct horse"}"#)
            #expect(apostrophe.status == .badRequest)
            #expect(try apostrophe.json["message"] == .string("Too many attempts. You may try again in a minute."))
            // Another account is not affected.
            #expect(try await client.strapiLogin("bob").isEmpty == false)
        }
    }

    @Test func expiredAndRevokedTokensAre401() async throws {
        let site = try await AuthSite.make()
        let expired = try await site.token(name: "old", access: .fullAccess, expiresAt: Date().addingTimeInterval(-1))
        let revoked = try await site.token(name: "gone", access: .fullAccess)
        #expect(try await TokenStore(gitDirectory: site.base.repository.gitDirectory).revoke(name: "gone"))
        try await site.test { client async throws in
            let response = try await client.send(.get, "/api/articles", token: expired)
            #expect(try Self.error(response) == (.int(401), .string("UnauthorizedError"), .string("Token expired")))
            #expect(try await client.send(.get, "/api/articles", token: revoked).status == .unauthorized)
        }
    }
}
