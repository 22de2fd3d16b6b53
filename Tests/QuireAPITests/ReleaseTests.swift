import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Releases: several drafts published in one merge commit, or none.
@Suite struct ReleaseTests {
    @Test func releasePublishesEveryDraftInOneMergeCommit() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let created = try await client.send(.post, "/api/articles?status=draft", token: token, json: #"{"data":{"title":"New one"}}"#)
            let newId = try #require(try created.json["data"]?["documentId"]?.stringValue)
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Edited"}}"#)
            let tips = [try site.tip("drafts/en/article/\(newId)")!, try site.tip("drafts/en/article/first-post")!]
            let mainBefore = try #require(try site.tip("main"))

            let body = #"{"data":{"message":"Spring issue","documents":[{"type":"article","documentId":"\#(newId)"},{"type":"articles","documentId":"first-post","locale":"en"}]}}"#
            let response = try await client.send(.post, "/api/git/releases", token: token, json: body)
            #expect(response.status == .ok)
            #expect(try response.json["data"]?["commit"] == .string(try site.tip("main")!))
            #expect(try response.json["data"]?["documents"]?.count == 2)
            #expect(try Set(site.parents("main")) == Set([mainBefore] + tips))
            #expect(try site.git("log", "-1", "--format=%an|%s", "main") == "editor|Spring issue\n")
            #expect(try site.git("rev-list", "--count", "\(mainBefore)..main", "--no-merges") == "2\n", "both drafts' commits, one merge")
            #expect(try site.git("for-each-ref", "refs/heads/drafts/") == "")
            #expect(try await client.send(.get, "/api/articles/\(newId)", token: token).status == .ok)
            #expect(try await client.send(.get, "/api/articles/first-post", token: token).json["data"]?["title"] == .string("Edited"))
            try site.git("fsck", "--strict")
        }
    }

    @Test func oneRefusedDocumentRefusesTheWholeRelease() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let created = try await client.send(.post, "/api/articles?status=draft", token: token, json: #"{"data":{"title":"Fine"}}"#)
            let newId = try #require(try created.json["data"]?["documentId"]?.stringValue)
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Draft"}}"#)
            try await site.humanCommit("content/en/article/first-post.yaml", "title: Main\nslug: first-post\nviews: 3\nauthor: ada\n")
            let refsBefore = try site.git("for-each-ref")

            let body = #"{"data":{"documents":[{"type":"article","documentId":"\#(newId)"},{"type":"article","documentId":"first-post"}]}}"#
            let conflict = try await client.send(.post, "/api/git/releases", token: token, json: body)
            #expect(conflict.status == .conflict)
            #expect(try conflict.json["error"]?["details"]?["document"]?["documentId"] == .string("first-post"))
            #expect(try conflict.json["error"]?["details"]?["details"]?["title"]?["published"] == .string("Main"))
            #expect(try site.git("for-each-ref") == refsBefore, "no ref moved")
            #expect(try await client.send(.get, "/api/articles/\(newId)", token: token).status == .notFound, "nothing published")

            let missing = #"{"data":{"documents":[{"type":"article","documentId":"\#(newId)"},{"type":"article","documentId":"no-draft"}]}}"#
            #expect(try await client.send(.post, "/api/git/releases", token: token, json: missing).status == .notFound)
            #expect(try site.git("for-each-ref") == refsBefore)
            #expect(try await client.send(.post, "/api/git/releases", token: token, json: #"{"data":{"documents":[]}}"#).status == .badRequest)
            #expect(try await client.send(.post, "/api/git/releases", token: site.readToken, json: body).status == .forbidden)
        }
    }
}
