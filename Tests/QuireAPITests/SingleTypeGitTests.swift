import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import Testing

/// A single type's one document has the same history, diff and review actions as a
/// collection's documents, one URL segment shorter.
@Suite struct SingleTypeGitTests {
    static let file = "content/en/homepage/homepage.yaml"

    @Test func draftDiffPublishHistoryVersionAndRestore() async throws {
        let site = try await TestSite.make(files: [Self.file: "title: Welcome\n"])
        let token = site.fullToken
        try await site.test { client async throws in
            let original = try #require(try site.tip("main"))
            #expect(try await client.send(.put, "/api/homepage?status=draft", token: token, json: #"{"data":{"title":"Hello"}}"#).status == .ok)
            #expect(try site.tip("drafts/en/homepage/homepage") != nil)

            let diff = try await client.send(.get, "/api/homepage/diff", token: token)
            #expect(diff.status == .ok)
            #expect(try diff.json["data"]?["fields"]?["title"] == .object(["from": .string("Welcome"), "to": .string("Hello")]))

            let published = try await client.send(.post, "/api/homepage/publish", token: token)
            #expect(published.status == .ok)
            #expect(try site.show("main", Self.file) == "title: Hello\n")
            #expect(try site.tip("drafts/en/homepage/homepage") == nil)

            let history = try await client.send(.get, "/api/homepage/history", token: token)
            #expect(history.status == .ok)
            guard case .array(let commits)? = try history.json["data"] else { throw TestFailure("no history list") }
            #expect(commits.count == 2)

            let old = try await client.send(.get, "/api/homepage/versions/\(original)", token: token)
            #expect(try old.json["data"]?["title"] == .string("Welcome"))
            let restored = try await client.send(.post, "/api/homepage/restore", token: token, json: #"{"commit":"\#(original)"}"#)
            #expect(restored.status == .ok)
            #expect(try site.show("main", Self.file) == "title: Welcome\n")
            try site.git("fsck", "--strict")
        }
    }

    @Test func aCollectionDocumentNamedHistoryIsStillFoundAndCollectionsNeedAnId() async throws {
        let site = try await TestSite.make(files: ["content/en/tag/history.yaml": "name: History\n"])
        let token = site.fullToken
        try await site.test { client async throws in
            let tag = try await client.send(.get, "/api/tags/history", token: token)
            #expect(tag.status == .ok)
            #expect(try tag.json["data"]?["name"] == .string("History"))
            #expect(try await client.send(.get, "/api/tags/diff", token: token).status == .notFound)
            #expect(try await client.send(.post, "/api/articles/publish", token: token).status == .notFound)
            #expect(try await client.send(.get, "/api/homepage/history", token: nil).status == .forbidden)
        }
    }
}
