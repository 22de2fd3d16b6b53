import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import QuireGit
import QuireIndex
import QuireSite
import Testing

/// Publish, unpublish and discard as git operations: fast-forward or merge, one commit each.
@Suite struct PublishTests {
    static let file = "content/en/article/first-post.yaml"
    static let branch = "drafts/en/article/first-post"

    @Test func publishFastForwardsWhenMainHasNotMoved() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Better"}}"#)
            let draftTip = try #require(try site.tip(Self.branch))
            #expect(try site.git("log", "-1", "--format=%(trailers:key=Quire-Base,valueonly)", Self.branch).hasPrefix(try site.tip("main")!))

            let published = try await client.send(.post, "/api/articles/first-post/publish", token: token)
            #expect(published.status == .ok)
            #expect(try published.json["data"]?["title"] == .string("Better"))
            #expect(try published.json["data"]?["publishedAt"]?.stringValue != nil)
            #expect(try published.json["meta"]?["commit"] == .string(draftTip))
            #expect(try site.tip("main") == draftTip, "main moved to the branch's tip")
            #expect(try site.tip(Self.branch) == nil, "the branch is deleted")
            #expect(try await client.send(.get, "/api/articles/first-post", token: token).json["data"]?["title"] == .string("Better"))
            #expect(try site.git("status", "--porcelain") == "")
            try site.git("fsck", "--strict")
        }
    }

    @Test func publishMakesAMergeCommitByTheCallerWhenMainMoved() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Better"}}"#)
            let draftTip = try #require(try site.tip(Self.branch))
            #expect(try await client.send(.post, "/api/articles", token: token, json: #"{"data":{"title":"Other"}}"#).status == .created)
            let mainBefore = try #require(try site.tip("main"))

            let published = try await client.send(.post, "/api/articles/first-post/publish", token: token)
            #expect(published.status == .ok)
            #expect(try site.parents("main") == [mainBefore, draftTip])
            #expect(try site.git("log", "-1", "--format=%an <%ae>|%s", "main") == "editor <editor@api-token.quire.invalid>|Publish article/first-post (en)\n")
            #expect(try site.show("main", Self.file).contains("title: Better"))
            #expect(try site.tip(Self.branch) == nil)
            try site.git("fsck", "--strict")
        }
    }

    @Test func publishMergesFieldsChangedOnDifferentSides() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Better"}}"#)
            try await site.humanCommit(Self.file, "title: First post\nslug: first-post\nviews: 10\nauthor: ada\n")

            let published = try await client.send(.post, "/api/articles/first-post/publish", token: token)
            #expect(published.status == .ok)
            #expect(try published.json["data"]?["title"] == .string("Better"), "the draft's change")
            #expect(try published.json["data"]?["views"] == .int(10), "main's change")
            #expect(try site.show("main", Self.file) == "title: Better\nslug: first-post\nviews: 10\nauthor: ada\n")
            #expect(try site.parents("main").count == 2)
            #expect(!(try site.show("main", Self.file).contains("<<<<<<<")))
            try site.git("fsck", "--strict")
        }
    }

    @Test func sameFieldChangedOnBothSidesIs409AndWritesNothing() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Draft title","views":4}}"#)
            try await site.humanCommit(Self.file, "title: Main title\nslug: first-post\nviews: 3\nauthor: ada\n")
            let (mainBefore, branchBefore) = (try site.tip("main"), try site.tip(Self.branch))

            let response = try await client.send(.post, "/api/articles/first-post/publish", token: token)
            #expect(response.status == .conflict)
            let error = try response.json["error"]
            #expect(error?["name"] == .string("ConflictError"))
            #expect(error?["details"]?["title"] == .object(["base": .string("First post"), "published": .string("Main title"), "draft": .string("Draft title")]))
            #expect(error?["details"]?["views"] == nil, "only the draft changed views")
            #expect(try site.tip("main") == mainBefore)
            #expect(try site.tip(Self.branch) == branchBefore)
            #expect(try await client.send(.get, "/api/articles/first-post?status=draft", token: token).json["data"]?["title"] == .string("Draft title"))
        }
    }

    @Test func recordedBaseSurvivesARestartAndHandMadeBranchesWork() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        _ = try await site.site.write(WriteRequest(
            operation: .update(documentId: "first-post"), type: "article", locale: "en", status: .draft,
            data: ["title": .string("Draft title")], author: Signature(name: "Editor", email: "editor@example.com")))
        try await site.humanCommit(Self.file, "title: Main title\nslug: first-post\nviews: 3\nauthor: ada\n")
        // A new server on the same repository reads the base back from the branch's commits.
        let reopened = try await Site.open(repository: site.repository, renderer: StrapiRenderer())
        let draft = try #require(await reopened.draftBranch(DocumentKey(locale: "en", type: "article", documentId: "first-post")))
        #expect(draft.base?.hex == (try site.tip("main~1")))
        let again = TestSite(path: site.path, repository: site.repository, site: reopened, fullToken: site.fullToken,
                             readToken: site.readToken, options: site.options)
        try await again.test { client async throws in
            #expect(try await client.send(.post, "/api/articles/first-post/publish", token: token).status == .conflict)
            #expect(try await client.send(.post, "/api/articles/first-post/discard", token: token).status == .ok)

            // A draft branch made with git, without Quire's trailer: its fork point is the base.
            try again.git("branch", Self.branch, "main")
            try again.git("checkout", "-q", Self.branch)
            try await again.humanCommit(Self.file, "title: By hand\nslug: first-post\nviews: 3\nauthor: ada\n")
            try again.git("checkout", "-q", "main")
            try await reopened.sync()
            let tip = try again.tip(Self.branch)
            #expect(try await client.send(.post, "/api/articles/first-post/publish", token: token).status == .ok)
            #expect(try again.tip("main") == tip, "fast-forward")
            try again.git("fsck", "--strict")
        }
    }

    @Test func unpublishKeepsTheContentAsADraftAndRepublishing() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let response = try await client.send(.post, "/api/articles/first-post/unpublish", token: token)
            #expect(response.status == .ok)
            #expect(try response.json["data"]?["title"] == .string("First post"))
            #expect(try response.json["data"]?["publishedAt"] == .null)
            #expect(try site.git("log", "-1", "--format=%s", "main") == "Unpublish article/first-post (en)\n")
            #expect((try? site.show("main", Self.file)) == nil)
            #expect(try site.parents(Self.branch) == [try site.tip("main")!], "the draft branch starts at the unpublish commit")
            #expect(try await client.send(.get, "/api/articles/first-post", token: token).status == .notFound)
            #expect(try await client.send(.get, "/api/articles/first-post?status=draft", token: token).status == .ok)
            #expect(try site.git("status", "--porcelain") == "")

            let branchTip = try site.tip(Self.branch)
            #expect(try await client.send(.post, "/api/articles/first-post/publish", token: token).status == .ok)
            #expect(try site.tip("main") == branchTip, "republishing fast-forwards")
            #expect(try site.show("main", Self.file).contains("title: First post"))
            #expect(try await client.send(.post, "/api/articles/nothing-here/unpublish", token: token).status == .notFound)
            try site.git("fsck", "--strict")
        }
    }

    @Test func discardDeletesTheBranchOnly() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Throwaway"}}"#)
            let mainBefore = try site.tip("main")
            let response = try await client.send(.post, "/api/articles/first-post/discard", token: token)
            #expect(response.status == .ok)
            #expect(try response.json["data"]?["title"] == .string("First post"), "the draft view is the published version again")
            #expect(try site.tip(Self.branch) == nil)
            #expect(try site.tip("main") == mainBefore)
            let again = try await client.send(.post, "/api/articles/first-post/discard", token: token)
            #expect(again.status == .notFound)
            #expect(try again.json["error"]?["message"] == .string("This document has no draft"))
            #expect(try await client.send(.post, "/api/articles/first-post/publish", token: token).status == .notFound)
            #expect(try await client.send(.post, "/api/authors/ada/publish", token: token).status == .badRequest, "no draft & publish")
        }
    }
}
