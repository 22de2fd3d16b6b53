import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Each role × each action, allowed and refused, signed in through either dialect; drafts by
/// role; what `populate` may show; who commits.
@Suite struct RolePermissionTests {
    enum Dialect: String, CaseIterable, Sendable { case strapi, apostrophe }

    /// One request per action, in an order where each can succeed after the ones before.
    static let actions: [(action: String, method: HTTPRequest.Method, uri: String, body: String?, success: HTTPResponse.Status)] = [
        ("find", .get, "/api/articles", nil, .ok),
        ("findOne", .get, "/api/articles/first-post", nil, .ok),
        ("view-draft", .get, "/api/articles?status=draft", nil, .ok),
        ("create", .post, "/api/articles?status=draft", #"{"data":{"title":"New"}}"#, .created),
        ("update", .put, "/api/articles/first-post?status=draft", #"{"data":{"views":4}}"#, .ok),
        ("publish", .post, "/api/articles/first-post/publish", nil, .ok),
        ("publish", .put, "/api/articles/first-post", #"{"data":{"views":5}}"#, .ok),
        ("delete", .delete, "/api/articles/first-post", nil, .noContent),
    ]

    static let allowed: [String: Set<String>] = [
        "public": [],
        "authenticated": ["find", "findOne"],
        "reader": ["find", "findOne"],
        // Apostrophe's guest reads only types that opt in (`guestApiAccess`, see GuestAccessTests).
        "guest": [],
        "contributor": ["find", "findOne", "view-draft", "create", "update"],
        "editor": ["find", "findOne", "view-draft", "create", "update", "publish", "delete"],
        "admin": ["find", "findOne", "view-draft", "create", "update", "publish", "delete"],
    ]

    @Test(arguments: ["public", "authenticated", "reader", "guest", "contributor", "editor", "admin"], Dialect.allCases)
    func roleActions(role: String, dialect: Dialect) async throws {
        let site = try await AuthSite.make()
        if role != "public" { try await site.addUser("someone", role: role) }
        try await site.test { client async throws in
            var token: String?
            if role != "public" {
                token = dialect == .strapi ? try await client.strapiLogin("someone") : try await client.apostropheLogin("someone")
            }
            for step in Self.actions {
                let response = try await client.send(step.method, step.uri, token: token, json: step.body)
                let expected: HTTPResponse.Status = Self.allowed[role]!.contains(step.action) ? step.success : .forbidden
                #expect(response.status == expected, "\(role) via \(dialect) \(step.action) \(step.method) \(step.uri): \(response.text)")
                if expected == .forbidden {
                    #expect(try response.json["error"]?["name"] == .string("ForbiddenError"))
                }
            }
        }
    }

    @Test func customTokensGrantExactlyTheirActions() async throws {
        let site = try await AuthSite.make()
        let token = try await site.token(name: "feed", access: .custom, permissions: ["article": ["find"], "*": ["findOne"]])
        try await site.test { client async throws in
            #expect(try await client.send(.get, "/api/articles", token: token).status == .ok)
            #expect(try await client.send(.get, "/api/authors/ada", token: token).status == .ok)
            #expect(try await client.send(.get, "/api/authors", token: token).status == .forbidden)
            #expect(try await client.send(.get, "/api/articles?status=draft", token: token).status == .forbidden)
            #expect(try await client.send(.delete, "/api/articles/first-post", token: token).status == .forbidden)
        }
    }

    @Test func draftsAreSeenOnlyByRolesThatMayViewThem() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("carla", role: "contributor")
        try await site.addUser("ada", role: "authenticated")
        try await site.test { client async throws in
            let carla = try await client.strapiLogin("carla")
            let ada = try await client.strapiLogin("ada")
            let drafted = try await client.send(.put, "/api/articles/first-post?status=draft", token: carla, json: #"{"data":{"title":"Secret plan"}}"#)
            #expect(drafted.status == .ok)
            let asCarla = try await client.send(.get, "/api/articles/first-post?status=draft", token: carla)
            #expect(try asCarla.json["data"]?["title"] == .string("Secret plan"))
            #expect(try await client.send(.get, "/api/articles/first-post?status=draft", token: ada).status == .forbidden)
            let published = try await client.send(.get, "/api/articles/first-post", token: ada)
            #expect(try published.json["data"]?["title"] == .string("First post"))
            #expect(try await client.send(.get, "/api/git/drafts", token: ada).json["data"]?.count == 0)
            #expect(try await client.send(.get, "/api/git/drafts", token: carla).json["data"]?.count == 1)
            #expect(try await client.send(.get, "/api/articles/first-post/diff", token: ada).status == .forbidden)
        }
    }

    @Test func populateShowsNoTypeTheCallerMayNotRead() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("rita", role: "reader")
        try await site.addUser("ed", role: "editor")
        try await site.test { client async throws in
            let rita = try await client.strapiLogin("rita")
            let all = try await client.send(.get, "/api/articles/first-post?populate=*", token: rita)
            #expect(all.status == .ok)
            #expect(try all.json["data"]?["author"] == nil)
            #expect(!all.text.contains("Lovelace"))
            #expect(try all.json["data"]?["tags"] != nil, "tags are readable, so they are populated")
            for uri in ["/api/articles?populate=author", "/api/articles?populate[author][fields][0]=name",
                        "/api/articles?filters[author][name][$eq]=Ada%20Lovelace", "/api/articles?sort=author.name"] {
                let response = try await client.send(.get, uri, token: rita)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(try response.json["error"]?["message"] == .string("Invalid key author"), "\(uri)")
            }
            let editor = try await client.strapiLogin("ed")
            let full = try await client.send(.get, "/api/articles/first-post?populate=author", token: editor)
            #expect(try full.json["data"]?["author"]?["name"] == .string("Ada Lovelace"))
        }
    }

    @Test func commitsAreAuthoredByTheSignedInUser() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ed", role: "editor", name: "Edith Editor")
        try await site.addUser("plain", role: "editor")
        try await site.test { client async throws in
            let ed = try await client.strapiLogin("ed")
            #expect(try await client.send(.put, "/api/articles/first-post", token: ed, json: #"{"data":{"views":9}}"#).status == .ok)
            #expect(try site.base.git("log", "-1", "--format=%an <%ae>|%s", "main") == "Edith Editor <ed@example.com>|Update article/first-post (en)\n")
            let plain = try await client.apostropheLogin("plain")
            #expect(try await client.send(.put, "/api/articles/first-post?status=draft", token: plain, json: #"{"data":{"views":10}}"#).status == .ok)
            #expect(try site.base.git("log", "-1", "--format=%an <%ae>", "drafts/en/article/first-post") == "plain <plain@example.com>\n")
        }
    }
}
