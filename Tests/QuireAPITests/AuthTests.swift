import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import QuireAPI
import QuireGit
import QuireIndex
import Testing

@Suite struct AuthTests {
    @Test func privateByDefault() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            let response = try await client.send(.get, "/api/articles")
            #expect(response.status == .forbidden)
            #expect(try response.json["error"]?["name"] == .string("ForbiddenError"))
            #expect(try await client.send(.post, "/api/tags", json: #"{"data":{"name":"x"}}"#).status == .forbidden)
        }
    }

    @Test func publicPermissionsFromQuireYAML() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            #expect(try await client.send(.get, "/api/tags").status == .ok)
            #expect(try await client.send(.get, "/api/tags/travel").status == .ok)
        }
    }

    @Test func badTokenIs401EvenWherePublicMayRead() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            let response = try await client.send(.get, "/api/tags", token: "quire_not-a-token")
            #expect(response.status == .unauthorized)
            #expect(try response.json["error"]?["name"] == .string("UnauthorizedError"))
        }
    }

    @Test func readOnlyTokensCannotWrite() async throws {
        let site = try await TestSite.make()
        let token = site.readToken
        try await site.test { client async throws in
            #expect(try await client.send(.get, "/api/articles", token: token).status == .ok)
            #expect(try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"views":4}}"#).status == .forbidden)
            #expect(try await client.send(.delete, "/api/articles/first-post", token: token).status == .forbidden)
        }
    }

    @Test func tokensAreStoredHashedInTheUsersRefOnly() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let stored = try site.git("show", "refs/quire/users:auth.json")
        #expect(stored.contains("\"editor\""))
        #expect(stored.contains(TokenStore.hash(site.fullToken)))
        #expect(!stored.contains(site.fullToken) && !stored.contains(site.readToken))
        #expect(!FileManager.default.fileExists(atPath: site.repository.gitDirectory + "/quire/tokens.json"))
        #expect(try site.git("log", "--all", "--format=%H", "--", "auth.json").isEmpty == false)
        #expect(try site.git("ls-tree", "-r", "--name-only", "main").contains("auth.json") == false)
        #expect(try site.git("status", "--porcelain") == "")
    }
}
