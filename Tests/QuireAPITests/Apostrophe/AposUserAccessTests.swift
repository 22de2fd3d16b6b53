import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import Testing

/// People signed in the Apostrophe way (bearer token, API key mapped to a role) use the
/// `/api/v1` pieces API with their role's permissions, and their commits carry their name.
@Suite struct AposUserAccessTests {
    @Test func contributorsDraftEditorsPublishAndKeysActAsTheirRole() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("carla", role: "contributor", name: "Carla Contributor")
        try await site.addUser("ed", role: "editor", name: "Ed Editor")
        let guestKey = try await site.token(name: "site-reader", access: .custom, role: "guest")
        try await site.test { client async throws in
            let carla = try await client.apostropheLogin("carla")
            let ed = try await client.apostropheLogin("ed")

            let drafted = try await client.apos(.patch, "/api/v1/article/first-post:en:draft", token: carla, json: #"{"title":"Carla's title"}"#)
            #expect(drafted.status == .ok, "\(drafted.text)")
            #expect(try site.base.git("log", "-1", "--format=%an", "drafts/en/article/first-post") == "Carla Contributor\n")
            #expect(try await client.apos(.get, "/api/v1/article?aposMode=draft", token: carla).status == .ok)

            // A contributor may not put anything live: publish, _publish, a published-mode write.
            #expect(try await client.apos(.post, "/api/v1/article/first-post:en:draft/publish", token: carla).status == .forbidden)
            let before = try site.base.tip("drafts/en/article/first-post")
            #expect(try await client.apos(.patch, "/api/v1/article/first-post:en:draft", token: carla,
                                          json: #"{"title":"Sneaky","_publish":true}"#).status == .forbidden)
            #expect(try site.base.tip("drafts/en/article/first-post") == before, "a refused _publish writes nothing")
            #expect(try await client.apos(.post, "/api/v1/article", token: carla, json: #"{"title":"Live now"}"#).status == .forbidden)

            let published = try await client.apos(.post, "/api/v1/article/first-post:en:draft/publish", token: ed)
            #expect(published.status == .ok, "\(published.text)")
            #expect(try site.base.show("main", "content/en/article/first-post.yaml").contains("title: Carla's title"))

            // A guest key sees nothing of a type that does not open itself to guests (GuestAccessTests).
            #expect(try await client.send(.get, "/api/v1/article", apiKey: guestKey).status == .notFound)
            #expect(try await client.send(.get, "/api/v1/article?aposMode=draft", apiKey: guestKey).status == .notFound)
            #expect(try await client.send(.post, "/api/v1/article", apiKey: guestKey, json: #"{"title":"x"}"#).status == .notFound)
        }
    }
}
