import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import QuireAPI
import QuireGit
import QuireIndex
import Testing

/// Strapi 5's draft & publish, on git: drafts on their own branch, publishing merges into main.
@Suite struct DraftTests {
    @Test func draftCreateLivesOnItsBranchUntilPublished() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let created = try await client.send(.post, "/api/articles?status=draft", token: token, json: #"{"data":{"title":"Secret"}}"#)
            #expect(created.status == .created)
            let documentId = try #require(try created.json["data"]?["documentId"]?.stringValue)
            #expect(try created.json["data"]?["publishedAt"] == .null)
            let branch = "drafts/en/article/\(documentId)"
            #expect(try site.git("for-each-ref", "--format=%(refname:short)", "refs/heads/drafts/") == "\(branch)\n")
            #expect((try? site.git("cat-file", "-e", "main:content/en/article/\(documentId).yaml")) == nil)

            #expect(try await client.send(.get, "/api/articles/\(documentId)", token: token).status == .notFound)
            let draft = try await client.send(.get, "/api/articles/\(documentId)?status=draft", token: token)
            #expect(try draft.json["data"]?["title"] == .string("Secret"))
            #expect(try draft.json["data"]?["publishedAt"] == .null)
            let drafts = try await client.send(.get, "/api/articles?status=draft", token: token)
            #expect(try drafts.json["meta"]?["pagination"]?["total"] == .int(2), "main overlaid with the draft branches")
            for item in [try drafts.json["data"]?[0], try drafts.json["data"]?[1]] {
                #expect(item?["publishedAt"] == .null)
            }

            let published = try await client.send(.put, "/api/articles/\(documentId)", token: token, json: #"{"data":{}}"#)
            #expect(published.status == .ok)
            #expect(try published.json["data"]?["publishedAt"]?.stringValue != nil)
            #expect(try site.git("for-each-ref", "refs/heads/drafts/") == "")
            let parents = try site.git("log", "-1", "--format=%P|%s", "main")
            #expect(parents.split(separator: "|")[0].split(separator: " ").count == 2, "publishing is a merge")
            #expect(parents.hasSuffix("|Publish article/\(documentId) (en)\n"))
            #expect(try site.git("show", "main:content/en/article/\(documentId).yaml") == "title: Secret\n")
            _ = try site.git("fsck", "--strict")
        }
    }

    @Test func draftEditLeavesThePublishedVersionAlone() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let draft = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Better title"}}"#)
            #expect(draft.status == .ok)
            #expect(try draft.json["data"]?["title"] == .string("Better title"))
            #expect(try draft.json["data"]?["views"] == .int(3), "the draft starts from the published content")
            let published = try await client.send(.get, "/api/articles/first-post", token: token)
            #expect(try published.json["data"]?["title"] == .string("First post"))
            #expect(try published.json["data"]?["publishedAt"]?.stringValue != nil)
            #expect(try site.git("show", "drafts/en/article/first-post:content/en/article/first-post.yaml").contains("title: Better title"))

            let second = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"views":4}}"#)
            #expect(try second.json["data"]?["title"] == .string("Better title"))
            #expect(try site.git("rev-list", "--count", "main..drafts/en/article/first-post") == "2\n")

            let publish = try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"body":"Now live"}}"#)
            #expect(try publish.json["data"]?["title"] == .string("Better title"))
            #expect(try publish.json["data"]?["views"] == .int(4))
            #expect(try publish.json["data"]?["body"] == .string("Now live"))
            #expect(try site.git("branch", "--list", "drafts/*") == "")
        }
    }

    @Test func deleteRemovesBothVersions() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Draft"}}"#)
            #expect(try await client.send(.delete, "/api/articles/first-post", token: token).status == .noContent)
            #expect(try await client.send(.get, "/api/articles/first-post?status=draft", token: token).status == .notFound)
            #expect(try site.git("for-each-ref", "refs/heads/drafts/") == "")
            #expect(try site.git("log", "-1", "--format=%s", "main") == "Delete article/first-post (en)\n")
        }
    }

    @Test func typesWithoutDraftAndPublishIgnoreStatus() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let created = try await client.send(.post, "/api/authors?status=draft", token: token, json: #"{"data":{"name":"Grace"}}"#)
            #expect(created.status == .created)
            #expect(try created.json["data"]?["publishedAt"]?.stringValue != nil)
            #expect(try created.json["data"]?["locale"] == .null)
            #expect(try site.git("for-each-ref", "refs/heads/drafts/") == "")
        }
    }
}
