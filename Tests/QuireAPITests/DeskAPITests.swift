import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// The routes the review desk added to the API: the caller's access, the draft list's title and
/// would-conflict flag, the site's bad files, and the desk's own page.
@Suite struct DeskAPITests {
    @Test func accessSaysWhatTheCallerMayDoOnEachType() async throws {
        let site = try await AuthSite.make()
        let feed = try await site.token(name: "feed", access: .custom, permissions: ["article": ["find", "findOne", "view-draft"]])
        try await site.addUser("carl", role: "contributor", name: "Carl")
        try await site.test { client async throws in
            let full = try await client.send(.get, "/api/git/access", token: site.base.fullToken)
            #expect(full.status == .ok)
            let article = try full.json["data"]?["types"]?[0]
            #expect(article?["singularName"] == .string("article"))
            #expect(article?["pluralName"] == .string("articles"))
            #expect(article?["titleField"] == .string("title"))
            #expect(article?["attributes"]?["author"] == .object([
                "type": .string("relation"), "relation": .string("manyToOne"), "target": .string("author"),
            ]))
            #expect(article?["actions"]?.count == Action.allCases.count)
            #expect(try full.json["data"]?["caller"]?["access"] == .string("full-access"))
            #expect(try full.json["data"]?["locales"] == .array([.string("en"), .string("fr")]))

            let scoped = try await client.send(.get, "/api/git/access", token: feed)
            #expect(try scoped.json["data"]?["types"]?.count == 1, "types it may do nothing with are left out")
            #expect(try scoped.json["data"]?["types"]?[0]?["actions"] == .array(["find", "findOne", "view-draft"].map(Value.string)))

            let jwt = try await client.strapiLogin("carl")
            let carl = try await client.send(.get, "/api/git/access", token: jwt)
            #expect(try carl.json["data"]?["caller"]?["role"] == .string("contributor"))
            #expect(try carl.json["data"]?["caller"]?["name"] == .string("Carl"))
            let actions = try carl.json["data"]?["types"]?[0]?["actions"]
            #expect(actions == .array(["find", "findOne", "create", "update", "view-draft"].map(Value.string)), "a contributor may not publish")

            let anonymous = try await client.send(.get, "/api/git/access")
            #expect(anonymous.status == .ok)
            #expect(try anonymous.json["data"]?["caller"]?["kind"] == .string("public"))
            #expect(try anonymous.json["data"]?["types"]?.count == 1, "the public may only read tags here")
            #expect(try await client.send(.get, "/api/git/access", token: "not-a-token").status == .unauthorized)
        }
    }

    @Test func draftListNamesTheTitleAndWhetherPublishingWouldConflict() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Draft title"}}"#)
            var drafts = try await client.send(.get, "/api/git/drafts", token: token).json["data"]
            #expect(drafts?[0]?["title"] == .string("Draft title"))
            #expect(drafts?[0]?["conflicts"] == .array([]))

            // main changes another field: publishing would merge cleanly
            try await site.humanCommit("content/en/article/first-post.yaml", "title: First post\nslug: first-post\nviews: 4\nauthor: ada\n")
            drafts = try await client.send(.get, "/api/git/drafts", token: token).json["data"]
            #expect(drafts?[0]?["conflicts"] == .array([]))
            #expect(drafts?[0]?["behind"] == .int(1))

            // ... then the same field: publishing would stop on it, and does
            try await site.humanCommit("content/en/article/first-post.yaml", "title: Main title\nslug: first-post\nviews: 4\nauthor: ada\n")
            drafts = try await client.send(.get, "/api/git/drafts", token: token).json["data"]
            #expect(drafts?[0]?["conflicts"] == .array([.string("title")]))
            let main = try site.tip("main")
            let refused = try await client.send(.post, "/api/articles/first-post/publish", token: token)
            #expect(refused.status == .conflict)
            #expect(try refused.json["error"]?["details"]?["title"]?["draft"] == .string("Draft title"))
            #expect(try site.tip("main") == main, "the flag and the refusal agree, and nothing was written")
        }
    }

    @Test func problemsAreShownToCallersWhoMayReadTheirType() async throws {
        let site = try await AuthSite.make(files: [
            "content/en/article/broken.yaml": "title: [\n",
            "schemas/broken.yaml": "kind: [\n",
        ])
        let articles = try await site.token(name: "articles", access: .custom, permissions: ["article": ["find", "findOne"]])
        let tags = try await site.token(name: "tags", access: .custom, permissions: ["tag": ["find", "findOne"]])
        try await site.test { client async throws in
            let full = try await client.send(.get, "/api/git/problems", token: site.base.fullToken)
            #expect(full.status == .ok)
            let paths = try full.json["data"].map { data in (0..<data.count).compactMap { data[$0]?["path"]?.stringValue } } ?? []
            #expect(paths.contains("content/en/article/broken.yaml") && paths.contains("schemas/broken.yaml"))
            #expect(try full.json["data"]?[0]?["line"] != nil && full.json["data"]?[0]?["message"]?.stringValue?.isEmpty == false)

            let reader = try await client.send(.get, "/api/git/problems", token: articles).json["data"]
            #expect(reader?.count == 1, "its own type's bad file, not the schema's")
            #expect(reader?[0]?["path"] == .string("content/en/article/broken.yaml"))
            #expect(try await client.send(.get, "/api/git/problems", token: tags).json["data"] == .array([]))
            #expect(try await client.send(.get, "/api/git/problems", token: "bad").status == .unauthorized)
        }
    }

    @Test func openAPIDocumentDescribesTheNewRoutes() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            let response = try await client.send(.get, "/api/openapi.json", token: site.fullToken)
            #expect(response.status == .ok)
            let paths = try response.json["paths"]
            #expect(paths?["/api/git/access"]?["get"]?["operationId"] == .string("getAccess"))
            #expect(paths?["/api/git/problems"]?["get"] != nil)
            #expect(paths?["/api/git/events"]?["get"]?["responses"]?["200"]?["content"]?["text/event-stream"] != nil)
            let draft = try response.json["components"]?["schemas"]?["DraftBranch"]?["properties"]
            #expect(draft?["title"] != nil && draft?["conflicts"] != nil)
            try PythonTool.validateOpenAPI(Array(response.body.readableBytesView))
        }
    }

    @Test func deskPageIsServedWithAStrictPolicy() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            let page = try await client.send(.get, "/review")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self'") && !policy.contains("unsafe"))
            #expect(page.text.contains(#"<script type="module" src="/review/desk.js">"#))
            let script = try await client.send(.get, "/review/desk.js")
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.text.contains("/api/git/access"))
            #expect(try await client.send(.get, "/review/desk.css").headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await client.send(.get, "/review/nothing.js").status == .notFound)
            #expect(try await client.send(.get, "/review/..%2Fquire.yaml").status == .notFound)
        }
    }
}
