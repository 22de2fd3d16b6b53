import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import Testing

/// Strapi's own way to publish: `PUT ...?status=published` on a document that has a draft. It
/// must merge with main like `POST .../publish`, never overwrite a change made on main meanwhile.
@Suite struct PublishByPutTests {
    static let file = PublishTests.file
    static let branch = PublishTests.branch

    @Test func putPublishedMergesMainsChangeToAnotherField() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Better"}}"#)
            try await site.humanCommit(Self.file, "title: First post\nslug: first-post\nviews: 10\nauthor: ada\n")

            let response = try await client.send(.put, "/api/articles/first-post?status=published", token: token, json: #"{"data":{"slug":"better"}}"#)
            #expect(response.status == .ok)
            #expect(try site.show("main", Self.file) == "title: Better\nslug: better\nviews: 10\nauthor: ada\n",
                    "the draft's title, the request's slug and main's views")
            #expect(try site.tip(Self.branch) == nil, "published: the branch is gone")
            #expect(try site.parents("main").count == 2)
            try site.git("fsck", "--strict")
        }
    }

    @Test func putPublishedOverAConflictingChangeOnMainIs409AndWritesNothing() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Draft title"}}"#)
            try await site.humanCommit(Self.file, "title: Main title\nslug: first-post\nviews: 3\nauthor: ada\n")
            let (mainBefore, branchBefore) = (try site.tip("main"), try site.tip(Self.branch))

            let response = try await client.send(.put, "/api/articles/first-post?status=published", token: token, json: #"{"data":{"views":5}}"#)
            #expect(response.status == .conflict)
            #expect(try response.json["error"]?["details"]?["title"] == .object([
                "base": .string("First post"), "published": .string("Main title"), "draft": .string("Draft title")]))
            #expect(try site.tip("main") == mainBefore)
            #expect(try site.tip(Self.branch) == branchBefore)
        }
    }

    @Test func putPublishedWhenMainDidNotTouchTheDocumentTakesTheDraftAndRequest() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Better"}}"#)
            let response = try await client.send(.put, "/api/articles/first-post?status=published", token: token, json: #"{"data":{"views":7}}"#)
            #expect(response.status == .ok)
            #expect(try response.json["data"]?["title"] == .string("Better"))
            #expect(try response.json["data"]?["views"] == .int(7))
        }
    }
}
