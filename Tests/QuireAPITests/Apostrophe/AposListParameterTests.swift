import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `choices`/`counts`, relationship filters by slug, page lists by `type`/`autocomplete`, and
/// archiving pieces.
@Suite struct AposListParameterTests {
    static let files: [String: String] = [
        "schemas/event.yaml": """
            kind: collectionType
            info: { singularName: event, pluralName: events, displayName: Event }
            attributes:
              title: { type: string, required: true }
              slug: { type: uid, targetField: title }
              archived: { type: boolean }
            """,
        "content/en/event/fair.yaml": "title: Fair\nslug: fair\n",
        "content/en/event/gala.yaml": "title: Gala\nslug: gala\n",
        "content/en/author/bob.yaml": "name: Bob\n",
        "content/en/article/second.yaml": "title: Second\nslug: second\ncategory: news\nauthor: bob\ntags: [travel]\n",
        "content/en/article/third.yaml": "title: Third\nslug: third\ncategory: review\nauthor: ada\ntags: [travel, no]\n",
        "content/en/article/fourth.yaml": "title: Fourth\nslug: fourth\ncategory: news\nauthor: ada\n",
    ].merging(aposPageFiles) { $1 }

    func titles(_ response: TestResponse) throws -> [String] {
        try response.json["results"]?.array.compactMap { $0["title"]?.stringValue } ?? []
    }

    @Test func choicesAndCountsReflectEveryOtherFilter() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let all = try await client.apos(.get, "/api/v1/article?choices=category,_author,author", token: token)
            #expect(all.status == .ok, "\(all.text)")
            let choices = try all.json["choices"]
            #expect(choices?["category"] == [.object(["label": "news", "value": "news"]), .object(["label": "review", "value": "review"])], "\(all.text)")
            #expect(choices?["_author"]?.array.compactMap { $0["value"]?.stringValue } == ["ada", "bob"], "\(all.text)")
            #expect(choices?["_author"]?.array.first?["label"] == "Ada Lovelace")
            #expect(try all.json["counts"] == nil)

            // Filtering by category narrows the authors, not the categories.
            let counted = try await client.apos(.get, "/api/v1/article?counts[]=category&counts[]=_author&category=review", token: token)
            #expect(try titles(counted) == ["Third"])
            let counts = try counted.json["counts"]
            #expect(counts?["category"] == [
                .object(["label": "news", "value": "news", "count": 2]), .object(["label": "review", "value": "review", "count": 1]),
            ], "\(counted.text)")
            #expect(counts?["_author"] == [.object(["label": "Ada Lovelace", "value": "ada", "count": 1])], "\(counted.text)")
            #expect(try counted.json["choices"] == nil)
        }
    }

    @Test func relationshipFiltersBySlug() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            #expect(try titles(try await client.apos(.get, "/api/v1/article?author=bob", token: token)) == ["Second"])
            #expect(try Set(titles(try await client.apos(.get, "/api/v1/article?tags[]=no&tags[]=travel", token: token))) == ["Second", "Third"])
            #expect(try titles(try await client.apos(.get, "/api/v1/article?tagsAnd[]=no&tagsAnd[]=travel", token: token)) == ["Third"])
            #expect(try titles(try await client.apos(.get, "/api/v1/article?author=nobody", token: token)) == [])
        }
    }

    @Test func pageListsByTypeAndAutocomplete() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let base = "/api/v1/@apostrophecms/page"
            let typed = try await client.apos(.get, "\(base)?type=page&perPage=2&page=2", token: token)
            #expect(typed.status == .ok, "\(typed.text)")
            #expect(try typed.json["pages"] == 2)
            #expect(try typed.json["results"]?.array.compactMap { $0["slug"]?.stringValue } == ["/about/team", "/contact"], "tree order: \(typed.text)")
            #expect(try typed.json["results"]?.array.first?["_children"] == nil)
            let filtered = try await client.apos(.get, "\(base)?type=page&title=con", token: token)
            #expect(try titles(filtered) == ["Contact"])

            let completed = try await client.apos(.get, "\(base)?autocomplete=te", token: token)
            #expect(try titles(completed) == ["Team"], "\(completed.text)")
            #expect(try completed.json["results"]?.array.first?["_url"] == "/about/team")
            try expectAposError(try await client.apos(.get, "\(base)?type=article", token: token), .badRequest, name: "invalid")
            let counted = try await client.apos(.get, "\(base)?type=page&counts=title&title=t", token: token)
            #expect(try counted.json["counts"]?["title"]?.array.compactMap { $0["value"]?.stringValue } == ["About", "Contact", "Home", "Team"], "\(counted.text)")
            #expect(try titles(counted) == ["About", "Team", "Contact"])
            #expect(try await client.apos(.get, "\(base)?type=page&count=1", token: token).json["count"] == 4)
            try expectAposError(try await client.apos(.get, "\(base)?choices=title", token: token), .badRequest, name: "invalid")
        }
    }

    @Test func piecesAreArchivedThroughTheirArchivedAttribute() async throws {
        let site = try await TestSite.make(files: Self.files.merging(["quire.yaml": TestSite.schemas["quire.yaml"]!]) { $1 })
        let token = site.fullToken
        try await site.test { client async throws in
            let archived = try await client.apos(.patch, "/api/v1/event/gala", token: token, json: #"{"archived":true}"#)
            #expect(archived.status == .ok, "\(archived.text)")
            #expect(try archived.json["archived"] == true)
            let listed = try await client.apos(.get, "/api/v1/event", token: token)
            #expect(try titles(listed) == ["Fair"], "\(listed.text)")
            #expect(try titles(try await client.apos(.get, "/api/v1/event?archived=true", token: token)) == ["Gala"])
            #expect(try titles(try await client.apos(.get, "/api/v1/event?archived=false", token: token)) == ["Fair"], "never set is false")
            #expect(try titles(try await client.apos(.get, "/api/v1/event?archived=any", token: token)) == ["Fair", "Gala"])
            try expectAposError(try await client.apos(.get, "/api/v1/event/gala", token: token), .notFound, name: "notfound")
            #expect(try await client.apos(.get, "/api/v1/event/gala?archived=any", token: token).status == .ok)

            // A type that cannot be archived says so rather than answering 200 and doing nothing.
            let refused = try await client.apos(.patch, "/api/v1/article/first-post", token: token, json: #"{"archived":true}"#)
            try expectAposError(refused, .badRequest, name: "invalid")
            let roundTrip = try await client.apos(.patch, "/api/v1/article/first-post", token: token, json: #"{"archived":false,"views":9}"#)
            #expect(roundTrip.status == .ok, "\(roundTrip.text)")
            // A page is archived by moving it; an `archived` that says otherwise is refused.
            let page = "/api/v1/@apostrophecms/page/contact:en:draft?aposMode=draft"
            try expectAposError(try await client.apos(.patch, page, token: token, json: #"{"archived":true}"#), .badRequest, name: "invalid")
            try expectAposError(try await client.apos(.put, "/api/v1/page/contact:en:draft", token: token, json: #"{"title":"C","archived":true}"#), .badRequest, name: "invalid")
            #expect(try await client.apos(.patch, page, token: token, json: #"{"archived":false,"title":"Contact us"}"#).status == .ok)
            let moved = try await client.apos(.patch, page, token: token, json: #"{"archived":true,"_targetId":"_archive"}"#)
            #expect(try moved.json["archived"] == true, "\(moved.text)")
        }
    }
}
