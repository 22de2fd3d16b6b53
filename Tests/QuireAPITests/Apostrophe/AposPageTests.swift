import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

let aposPageFiles: [String: String] = [
    "schemas/page.yaml": """
        kind: collectionType
        info: { singularName: page, pluralName: pages, displayName: Page }
        options: { pageTree: true, draftAndPublish: true }
        pluginOptions: { i18n: { localized: true } }
        attributes:
          title: { type: string, required: true }
          slug: { type: string }
          body: { type: area }
        """,
    "content/en/page/home.yaml": "title: Home\n",
    "content/en/page/about.yaml": "title: About\nslug: about\nparent: home\nrank: 1\n",
    "content/en/page/team.yaml": "title: Team\nslug: team\nparent: about\nrank: 0\n",
    "content/en/page/contact.yaml": "title: Contact\nslug: contact\nparent: home\nrank: 2\n",
    "content/fr/page/home.yaml": "title: Accueil\n",
    "content/fr/page/about.yaml": "title: À propos\nslug: a-propos\nparent: home\n",
]

@Suite struct AposPageTests {
    func slugs(_ pages: Value?) -> [String] {
        pages?.array.compactMap { $0["slug"]?.stringValue } ?? []
    }

    @Test func treeReads() async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        let token = site.fullToken
        try await site.test { client async throws in
            let home = try await client.apos(.get, "/api/v1/@apostrophecms/page", token: token).json
            #expect(home["_id"] == .string("home:en:published"))
            #expect(home["slug"] == .string("/"))
            #expect(home["path"] == .string("home"))
            #expect(home["level"] == .int(0))
            #expect(home["_ancestors"] == .array([]))
            #expect(home["parent"] == nil)
            #expect(slugs(home["_children"]) == ["/about", "/contact"])
            #expect(home["_children"]?[1]?["rank"] == .int(1))
            #expect(home["_children"]?[0]?["_children"] == .array([]), "depth 1 by default")

            let deep = try await client.apos(.get, "/api/v1/@apostrophecms/page?children[depth]=2", token: token).json
            #expect(slugs(deep["_children"]?[0]?["_children"]) == ["/about/team"])

            let all = try await client.apos(.get, "/api/v1/@apostrophecms/page?all=1", token: token).json
            #expect(all["_children"]?[0]?["_children"]?[0]?["path"] == .string("home/about/team"))
            let flat = try await client.apos(.get, "/api/v1/@apostrophecms/page?all=1&flat=1", token: token).json
            #expect(slugs(flat["results"]) == ["/", "/about", "/about/team", "/contact"])
            #expect(flat["results"]?[1]?["_children"] == .array(["team:en:published"]))

            let team = try await client.apos(.get, "/api/v1/@apostrophecms/page/team:en:published", token: token).json
            #expect(team["level"] == .int(2))
            #expect(team["_url"] == .string("/about/team"))
            #expect(team["_ancestors"]?.array.compactMap { $0["slug"]?.stringValue } == ["/", "/about"])
            #expect(try await client.apos(.get, "/api/v1/@apostrophecms/page/_home", token: token).json["title"] == .string("Home"))
            try expectAposError(try await client.apos(.get, "/api/v1/@apostrophecms/page/nope", token: token), .notFound, name: "notfound")
            try expectAposError(try await client.apos(.get, "/api/v1/@apostrophecms/page"), .notFound, name: "notfound")

            let french = try await client.apos(.get, "/api/v1/@apostrophecms/page?aposLocale=fr", token: token).json
            #expect(french["_url"] == .string("/fr/"))
            #expect(french["_children"]?[0]?["_url"] == .string("/fr/a-propos"))
        }
    }

    @Test func insertMoveAndDelete() async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        let token = site.fullToken
        try await site.test { client async throws in
            let created = try await client.apos(
                .post, "/api/v1/@apostrophecms/page", token: token, json: #"{"type":"page","title":"Jobs","_targetId":"about","_position":"firstChild"}"#)
            #expect(created.status == .ok, "\(created.text)")
            let jobs = try created.json
            let id = try #require(jobs["aposDocId"]?.stringValue)
            #expect(jobs["slug"] == .string("/about/jobs"))
            #expect(jobs["rank"] == .int(0))
            #expect(jobs["level"] == .int(2))
            let file = try site.git("show", "main:content/en/page/\(id).yaml")
            #expect(file == "title: Jobs\nslug: jobs\nparent: about\nrank: -1.0\n", "\(file)")

            let between = try await client.apos(
                .post, "/api/v1/@apostrophecms/page", token: token, json: #"{"type":"page","title":"Team","_targetId":"team:en:published","_position":"before"}"#)
            #expect(try between.json["slug"] == .string("/about/team-2"), "a sibling's segment is not reused")
            #expect(try between.json["rank"] == .int(1))
            let defaulted = try await client.apos(.post, "/api/v1/@apostrophecms/page", token: token, json: #"{"type":"page","title":"Last"}"#)
            #expect(try defaulted.json["slug"] == .string("/last"), "lastChild of home by default")
            try expectAposError(
                try await client.apos(.post, "/api/v1/@apostrophecms/page", token: token, json: #"{"type":"article","title":"x"}"#), .badRequest, name: "invalid")
            try expectAposError(
                try await client.apos(.post, "/api/v1/@apostrophecms/page", token: token, json: #"{"type":"page","title":"x","_targetId":"ghost"}"#),
                .notFound, name: "notfound")

            // Moving about moves its subtree: one file, one commit.
            let before = try #require(try await site.mainTip())
            let moved = try await client.apos(
                .patch, "/api/v1/@apostrophecms/page/about:en:published", token: token, json: #"{"_targetId":"contact","_position":"lastChild","title":"About us"}"#)
            #expect(moved.status == .ok, "\(moved.text)")
            #expect(try moved.json["slug"] == .string("/contact/about"))
            #expect(try moved.json["title"] == .string("About us"))
            #expect(try site.git("diff", "--name-only", before.hex, "main") == "content/en/page/about.yaml\n")
            let team = try await client.apos(.get, "/api/v1/@apostrophecms/page/team", token: token).json
            #expect(team["slug"] == .string("/contact/about/team"))
            #expect(team["path"] == .string("home/contact/about/team"))

            try expectAposError(
                try await client.apos(.patch, "/api/v1/@apostrophecms/page/contact", token: token, json: #"{"_targetId":"team","_position":"firstChild"}"#),
                .forbidden, name: "forbidden")
            try expectAposError(
                try await client.apos(.patch, "/api/v1/@apostrophecms/page/_home", token: token, json: #"{"_targetId":"contact","_position":"firstChild"}"#),
                .badRequest, name: "invalid")
            try expectAposError(try await client.apos(.delete, "/api/v1/@apostrophecms/page/contact:en:draft", token: token), .badRequest, name: "invalid")
            try expectAposError(try await client.apos(.delete, "/api/v1/@apostrophecms/page/_home", token: token), .badRequest, name: "invalid")
            #expect(try await client.apos(.delete, "/api/v1/@apostrophecms/page/\(id):en:draft", token: token).status == .ok)
            try expectAposError(try await client.apos(.get, "/api/v1/@apostrophecms/page/\(id)", token: token), .notFound, name: "notfound")
        }
    }

    @Test func aHumanReorganisesPagesInATextEditor() async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        let token = site.fullToken
        try await site.test { client async throws in
            // Team goes under contact, first: two lines of one file.
            try "title: Team\nslug: people\nparent: contact\nrank: -5\n".write(
                toFile: site.path + "/content/en/page/team.yaml", atomically: false, encoding: .utf8)
            try "title: Orphan\nparent: nowhere\n".write(toFile: site.path + "/content/en/page/orphan.yaml", atomically: false, encoding: .utf8)
            try site.git("add", "-A")
            try site.git("-c", "user.name=Human", "-c", "user.email=human@example.com", "commit", "-qm", "Reorganise pages")
            try await site.site.sync()
            let team = try await client.apos(.get, "/api/v1/@apostrophecms/page/team", token: token).json
            #expect(team["slug"] == .string("/contact/people"))
            #expect(team["rank"] == .int(0))
            let flat = try await client.apos(.get, "/api/v1/@apostrophecms/page?all=1&flat=1", token: token).json
            #expect(slugs(flat["results"]) == ["/", "/orphan", "/about", "/contact", "/contact/people"], "a page whose parent is missing hangs under home (rank 0 when none is given)")
        }
    }
}

@Suite struct AposPageLocaleTests {
    @Test func crossLocaleNavigation() async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        let token = site.fullToken
        try await site.test { client async throws in
            let redirect = try await client.apos(.get, "/api/v1/@apostrophecms/page/about:en:published/locale/fr", token: token)
            #expect(redirect.status == .found)
            #expect(redirect.headers[.location] == "/fr/a-propos")
            let missing = try await client.apos(.get, "/api/v1/@apostrophecms/page/team/locale/fr", token: token)
            #expect(missing.status == .notFound)
            #expect(missing.text == "not found")
            let invalid = try await client.apos(.get, "/api/v1/@apostrophecms/page/team/locale/xx", token: token)
            #expect(invalid.status == .badRequest)
            #expect(invalid.text == "invalid locale name")
            let switched = try await client.apos(.post, "/api/v1/@apostrophecms/i18n/locale", json: #"{"locale":"fr","contextDocId":"about:en:published"}"#)
            #expect(try switched.json == .object(["redirectTo": "/fr/a-propos"]))
        }
    }

    @Test func positionsAfterAndByIndex() async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        let token = site.fullToken
        try await site.test { client async throws in
            let after = try await client.apos(
                .post, "/api/v1/@apostrophecms/page", token: token, json: #"{"type":"page","title":"News","_targetId":"about","_position":"after"}"#)
            #expect(try after.json["slug"] == .string("/news"))
            #expect(try after.json["rank"] == .int(1))
            let indexed = try await client.apos(
                .post, "/api/v1/@apostrophecms/page", token: token, json: #"{"type":"page","title":"First","_targetId":"_home","_position":0}"#)
            #expect(try indexed.json["rank"] == .int(0))
            let home = try await client.apos(.get, "/api/v1/@apostrophecms/page", token: token).json
            #expect(home["_children"]?.array.compactMap { $0["slug"]?.stringValue } == ["/first", "/about", "/news", "/contact"])
            try expectAposError(
                try await client.apos(.post, "/api/v1/@apostrophecms/page", token: token, json: #"{"type":"page","title":"x","_position":"sideways"}"#),
                .badRequest, name: "invalid")
        }
    }
}
