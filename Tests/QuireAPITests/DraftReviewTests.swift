import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Pending drafts and document diffs, and who may see or act on them.
@Suite struct DraftReviewTests {
    @Test func diffShowsTextAndFieldsBetweenAnyTwoVersions() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let first = try #require(try site.tip("main"))
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Better","views":null}}"#)
            let response = try await client.send(.get, "/api/articles/first-post/diff", token: site.readToken)
            #expect(response.status == .ok)
            let data = try response.json["data"]
            #expect(data?["from"]?["version"] == .string("published"))
            #expect(data?["to"]?["version"] == .string("draft"))
            #expect(data?["fields"] == .object([
                "title": .object(["from": .string("First post"), "to": .string("Better")]),
                "views": .object(["from": .int(3), "to": .null]),
            ]))
            #expect(data?["diff"]?.stringValue == """
                --- a/content/en/article/first-post.yaml
                +++ b/content/en/article/first-post.yaml
                @@ -1,4 +1,3 @@
                -title: First post
                +title: Better
                 slug: first-post
                -views: 3
                 author: ada

                """)

            let published = try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{}}"#)
            #expect(published.status == .ok)
            let byCommit = try await client.send(.get, "/api/articles/first-post/diff?from=\(first)&to=published", token: token)
            #expect(try byCommit.json["data"]?["from"]?["commit"] == .string(first))
            #expect(try byCommit.json["data"]?["fields"]?["title"]?["to"] == .string("Better"))
            let same = try await client.send(.get, "/api/articles/first-post/diff", token: token)
            #expect(try same.json["data"]?["diff"] == .string(""), "no draft: the draft view is the published version")
            #expect(try same.json["data"]?["fields"] == .object([:]))
            #expect(try await client.send(.get, "/api/articles/first-post/diff?from=xyz", token: token).status == .badRequest)
            #expect(try await client.send(.get, "/api/articles/missing/diff", token: token).status == .notFound)

            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"secret":"hunter2"}}"#)
            let secret = try await client.send(.get, "/api/articles/first-post/diff", token: token)
            #expect(!secret.text.contains("hunter2"), "password values never leave the server")
            #expect(try secret.json["data"]?["fields"]?["secret"] == .object(["from": .null, "to": .null]))
            #expect(try secret.json["data"]?["diff"]?.stringValue?.contains("+secret: '********'") == true
                || secret.json["data"]?["diff"]?.stringValue?.contains("+secret: ********") == true)
            #expect(!(try await client.send(.get, "/api/git/drafts", token: token).text.contains("hunter2")))
        }
    }

    @Test func draftsListsEveryBranchWithAuthorsDistanceAndDiff() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Better"}}"#)
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"views":5}}"#)
            let created = try await client.send(.post, "/api/articles?status=draft&locale=fr", token: token, json: #"{"data":{"title":"Nouveau"}}"#)
            let newId = try #require(try created.json["data"]?["documentId"]?.stringValue)
            _ = try await client.send(.post, "/api/authors", token: token, json: #"{"data":{"name":"Grace"}}"#)

            let response = try await client.send(.get, "/api/git/drafts", token: site.readToken)
            #expect(response.status == .ok)
            let items = try response.json["data"]
            #expect(items?.count == 2)
            let edited = try #require(items?[0]?["documentId"] == .string("first-post") ? items?[0] : items?[1])
            #expect(edited["branch"] == .string("drafts/en/article/first-post"))
            #expect(edited["type"] == .string("article"))
            #expect(edited["ahead"] == .int(2))
            #expect(edited["behind"] == .int(1), "the author created on main since")
            #expect(edited["authors"] == .array([.object(["name": .string("editor"), "email": .string("editor@api-token.quire.invalid")])]))
            #expect(edited["published"] == .bool(true))
            #expect(edited["diff"]?.stringValue?.contains("-title: First post\n+title: Better\n") == true)
            #expect(edited["updatedAt"]?.stringValue?.hasSuffix("Z") == true)
            let fresh = try #require(items?[0]?["documentId"] == .string(newId) ? items?[0] : items?[1])
            #expect(fresh["locale"] == .string("fr"))
            #expect(fresh["published"] == .bool(false))
            #expect(fresh["diff"]?.stringValue?.hasPrefix("--- /dev/null\n+++ b/content/fr/article/\(newId).yaml\n@@ -0,0 +1 @@\n+title: Nouveau\n") == true)
        }
    }

    /// Found by the soak: with hundreds of drafts, the list diffed and walked every one of them
    /// for each request (seconds), and ignored `pagination`. Now a page is diffed alone.
    @Test func draftsArePagedNarrowedByLocaleAndRefuseOtherKeys() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            for title in ["One", "Two", "Three"] {
                let created = try await client.send(.post, "/api/articles?status=draft", token: token, json: #"{"data":{"title":"\#(title)"}}"#)
                #expect(created.status == .created)
            }
            _ = try await client.send(.post, "/api/articles?status=draft&locale=fr", token: token, json: #"{"data":{"title":"Quatre"}}"#)
            let all = try await client.send(.get, "/api/git/drafts", token: token).json
            #expect(all["data"]?.count == 4 && all["meta"]?["total"] == .int(4) && all["meta"]?["pagination"] == nil)
            let page = try await client.send(.get, "/api/git/drafts?pagination[page]=2&pagination[pageSize]=3", token: token).json
            #expect(page["data"]?.count == 1)
            #expect(page["data"]?[0]?["branch"] == all["data"]?[3]?["branch"])
            #expect(page["meta"]?["pagination"] == .object(["page": .int(2), "pageSize": .int(3), "pageCount": .int(2), "total": .int(4)]))
            let french = try await client.send(.get, "/api/git/drafts?locale=fr", token: token).json
            #expect(french["data"]?.count == 1 && french["data"]?[0]?["locale"] == .string("fr"))
            let refused = try await client.send(.get, "/api/git/drafts?sort=updatedAt", token: token)
            #expect(refused.status == .badRequest)
            #expect(try refused.json["error"]?["details"]?["key"] == .string("sort"))
        }
    }

    @Test func permissionsFollowTheTypesActions() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Better"}}"#)
            let reader = site.readToken
            #expect(try await client.send(.get, "/api/articles/first-post/history", token: reader).status == .ok)
            #expect(try await client.send(.get, "/api/articles/first-post/diff", token: reader).status == .ok)
            #expect(try await client.send(.get, "/api/articles/first-post/versions/\(try site.tip("main")!)", token: reader).status == .ok)
            for action in ["publish", "unpublish", "discard"] {
                #expect(try await client.send(.post, "/api/articles/first-post/\(action)", token: reader).status == .forbidden)
            }
            #expect(try await client.send(.get, "/api/articles/first-post/history").status == .forbidden, "articles are private")
            #expect(try await client.send(.post, "/api/articles/first-post/publish").status == .forbidden)
            #expect(try await client.send(.get, "/api/tags/travel/history").status == .ok, "quire.yaml lets the public read tags")
            #expect(try await client.send(.get, "/api/articles/first-post/history", token: "quire_bogus").status == .unauthorized)
            let publicDrafts = try await client.send(.get, "/api/git/drafts")
            #expect(try publicDrafts.json["data"]?.count == 0, "the public cannot list articles")
            #expect(try await client.send(.get, "/api/git/drafts", token: "quire_bogus").status == .unauthorized)
            #expect(try site.tip("drafts/en/article/first-post") != nil, "refused actions wrote nothing")
        }
    }
}
