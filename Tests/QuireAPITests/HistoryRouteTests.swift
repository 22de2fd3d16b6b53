import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// A document's history, its past versions, restoring one, and the site's changes feed.
@Suite struct HistoryRouteTests {
    @Test func historyListsTheCommitsThatTouchedTheFilePaginated() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            for views in 4...6 {
                _ = try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"views":\#(views)}}"#)
            }
            _ = try await client.send(.post, "/api/articles", token: token, json: #"{"data":{"title":"Unrelated"}}"#)
            let all = try await client.send(.get, "/api/articles/first-post/history", token: site.readToken)
            #expect(all.status == .ok)
            #expect(try all.json["data"]?.count == 4, "the first commit and three updates, not the unrelated one")
            #expect(try all.json["data"]?[0]?["message"] == .string("Update article/first-post (en)"))
            #expect(try all.json["data"]?[0]?["author"]?["name"] == .string("editor"))
            #expect(try all.json["data"]?[3]?["author"]?["email"] == .string("test@example.com"))
            #expect(try all.json["data"]?[3]?["id"] == .string(try site.tip("main~4")!))
            #expect(try all.json["data"]?[0]?["date"]?.stringValue?.hasSuffix("Z") == true)

            let page = try await client.send(.get, "/api/articles/first-post/history?pagination[page]=2&pagination[pageSize]=3", token: token)
            #expect(try page.json["data"]?.count == 1)
            #expect(try page.json["meta"]?["pagination"] == .object(["page": .int(2), "pageSize": .int(3), "pageCount": .int(2), "total": .int(4)]))
            let uncounted = try await client.send(.get, "/api/articles/first-post/history?pagination[pageSize]=2&pagination[withCount]=false", token: token)
            #expect(try uncounted.json["data"]?.count == 2)

            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Draft"}}"#)
            let draft = try await client.send(.get, "/api/articles/first-post/history?status=draft", token: token)
            #expect(try draft.json["data"]?.count == 5)
            #expect(try draft.json["data"]?[0]?["message"]?.stringValue?.hasPrefix("Update draft of article/first-post (en)") == true)
            #expect(try await client.send(.get, "/api/articles/nobody/history", token: token).status == .notFound)
        }
    }

    @Test func versionsRenderTheDocumentAsOfACommit() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let first = try #require(try site.tip("main"))
            _ = try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"title":"Renamed"}}"#)
            let version = try await client.send(.get, "/api/articles/first-post/versions/\(first)", token: token)
            #expect(version.status == .ok)
            #expect(try version.json["data"]?["title"] == .string("First post"))
            #expect(try version.json["data"]?["documentId"] == .string("first-post"))
            #expect(try version.json["data"]?["locale"] == .string("en"))
            #expect(try version.json["meta"]?["commit"]?["id"] == .string(first))

            let created = try await client.send(.post, "/api/articles", token: token, json: #"{"data":{"title":"Later"}}"#)
            let laterId = try #require(try created.json["data"]?["documentId"]?.stringValue)
            #expect(try await client.send(.get, "/api/articles/\(laterId)/versions/\(first)", token: token).status == .notFound, "no file then")
            #expect(try await client.send(.get, "/api/articles/first-post/versions/\(String(repeating: "a", count: 40))", token: token).status == .notFound)
            #expect(try await client.send(.get, "/api/articles/first-post/versions/HEAD", token: token).status == .notFound)
        }
    }

    @Test func restoreWritesAnOldVersionAsANewCommit() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let first = try #require(try site.tip("main"))
            _ = try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"title":"Renamed","views":9}}"#)
            let restored = try await client.send(.post, "/api/articles/first-post/restore", token: token, json: #"{"commit":"\#(first)"}"#)
            #expect(restored.status == .ok)
            #expect(try restored.json["data"]?["title"] == .string("First post"))
            #expect(try restored.json["data"]?["views"] == .int(3))
            #expect(try restored.json["meta"]?["commit"] == .string(try site.tip("main")!))
            #expect(try site.git("log", "-1", "--format=%an|%s", "main") == "editor|Restore article/first-post (en) to \(first.prefix(12))\n")
            #expect(try site.git("rev-list", "--count", "main") == "3\n", "a new commit, history kept")
            #expect(try site.show("main", "content/en/article/first-post.yaml") == "title: First post\nslug: first-post\nviews: 3\nauthor: ada\n")
            #expect(try site.git("status", "--porcelain") == "")

            let onDraft = try await client.send(.post, "/api/articles/first-post/restore?status=draft", token: token,
                                                json: #"{"data":{"commit":"\#(try site.tip("main~1")!)"}}"#)
            #expect(onDraft.status == .ok)
            #expect(try onDraft.json["data"]?["title"] == .string("Renamed"))
            #expect(try onDraft.json["data"]?["publishedAt"] == .null)
            #expect(try site.show("drafts/en/article/first-post", "content/en/article/first-post.yaml").contains("title: Renamed"))
            #expect(try site.show("main", "content/en/article/first-post.yaml").contains("title: First post"))

            #expect(try await client.send(.post, "/api/articles/first-post/restore", token: token, json: #"{"commit":"nope"}"#).status == .badRequest)
            #expect(try await client.send(.post, "/api/articles/first-post/restore", token: token,
                                          json: #"{"commit":"\#(String(repeating: "b", count: 40))"}"#).status == .notFound)
            #expect(try await client.send(.post, "/api/articles/first-post/restore", token: site.readToken, json: #"{"commit":"\#(first)"}"#).status == .forbidden)
            try site.git("fsck", "--strict")
        }
    }

    @Test func changesFeedListsWhatHappenedOnMainSinceACommit() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let since = try #require(try site.tip("main"))
            let created = try await client.send(.post, "/api/articles", token: token, json: #"{"data":{"title":"Fresh"}}"#)
            let newId = try #require(try created.json["data"]?["documentId"]?.stringValue)
            _ = try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"views":8}}"#)
            #expect(try await client.send(.delete, "/api/tags/travel", token: token).status == .noContent)
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Not on main"}}"#)

            let response = try await client.send(.get, "/api/git/changes?since=\(since)", token: token)
            #expect(response.status == .ok)
            let items = try response.json["data"]
            #expect(items?.count == 3)
            var seen: [String: String] = [:]
            for index in 0..<(items?.count ?? 0) {
                if let id = items?[index]?["documentId"]?.stringValue { seen[id] = items?[index]?["change"]?.stringValue }
            }
            #expect(seen == [newId: "created", "first-post": "updated", "travel": "deleted"])
            #expect(try response.json["meta"]?["commit"] == .string(try site.tip("main")!))
            #expect(try response.json["meta"]?["schemaChanged"] == .bool(false))

            let none = try await client.send(.get, "/api/git/changes?since=\(try site.tip("main")!)", token: token)
            #expect(try none.json["data"]?.count == 0)
            let publicFeed = try await client.send(.get, "/api/git/changes?since=\(since)")
            #expect(try publicFeed.json["data"]?.count == 1, "the public sees the types it may list (tags)")
            #expect(try await client.send(.get, "/api/git/changes?since=\(String(repeating: "c", count: 40))", token: token).status == .badRequest)
            #expect(try await client.send(.get, "/api/git/changes?since=main", token: token).status == .badRequest)
            #expect(try await client.send(.get, "/api/git/changes", token: token).status == .badRequest)
        }
    }
}
