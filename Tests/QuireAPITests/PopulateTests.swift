import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `populate`: every form, every shape, nested options, and `status`/`locale` propagation.
@Suite struct PopulateTests {
    static func get(_ client: some TestClientProtocol, _ uri: String, token: String) async throws -> Value {
        let response = try await client.send(.get, uri, token: token)
        #expect(response.status == .ok, "\(uri): \(response.text)")
        return try response.json["data"] ?? .null
    }

    static func names(_ value: Value?, _ key: String = "name") -> [String] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap { $0[key]?.stringValue }
    }

    @Test func formsAndShapes() async throws {
        let site = try await QuerySite.make()
        let token = site.readToken
        try await site.test { client async throws in
            for form in ["populate=author,tags", "populate[0]=author&populate[1]=tags", "populate[author]=true&populate[tags]=t"] {
                let data = try await Self.get(client, "/api/articles/first-post?\(form)", token: token)
                #expect(data["author"]?["name"] == .string("Ada Lovelace"), "\(form)")
                #expect(Self.names(data["tags"]) == ["Travel", "NO"], "\(form): stored order")
                #expect(data["seo"] == nil)
            }
            let dropped = try await Self.get(client, "/api/articles/first-post?populate[author]=false", token: token)
            #expect(dropped["author"] == nil)

            let list = try await client.send(.get, "/api/articles?populate=author&fields=title", token: token)
            let authors = try (list.json["data"].map { value -> [Value] in if case .array(let items) = value { items } else { [] } } ?? []).map { $0["author"] }
            #expect(authors.map { $0?["documentId"]?.stringValue } == ["ada", "grace", "ada", nil, nil])
            #expect(authors[3] == .null, "no author: null")
            #expect(authors[4] == .null, "an author missing from the view: null")

            let all = try await Self.get(client, "/api/articles/first-post?populate=*", token: token)
            #expect(all["author"]?["documentId"] == .string("ada"))
            #expect(all["seo"] == .object(["id": .int(1), "metaTitle": .string("Hello world"), "score": .int(7)]))
            #expect(all["links"] == .array([
                .object(["id": .int(1), "label": .string("Alpha"), "url": .string("/a")]),
                .object(["id": .int(2), "label": .string("Beta"), "url": .string("/b")]),
            ]), "nothing is populated inside components by *")
            #expect(all["sections"]?[0] == .object(["id": .int(1), "__component": .string("sections.hero"), "heading": .string("Big news")]))
            #expect(all["sections"]?[1] == .object(["id": .int(2), "__component": .string("sections.quote"), "text": .string("To be or not")]))
            #expect(all["cover"] == .object(["id": .int(5), "url": .string("/uploads/cover.jpg"), "ext": .string(".jpg")]))
            let empty = try await Self.get(client, "/api/articles/markets?populate=*", token: token)
            #expect(empty["tags"] == .array([]))
            #expect(empty["seo"] == .null)
            #expect(empty["links"] == .array([]))
            #expect(empty["sections"] == .array([]))
            #expect(empty["cover"] == .null)
        }
    }

    @Test func nestedPopulateAndOptions() async throws {
        let site = try await QuerySite.make()
        let token = site.readToken
        try await site.test { client async throws in
            for form in ["populate=links.page", "populate[links][populate]=page", "populate[links][populate][page]=true"] {
                let data = try await Self.get(client, "/api/articles/first-post?\(form)", token: token)
                #expect(data["links"]?[0]?["page"]?["documentId"] == .string("crepes"), "\(form)")
                #expect(data["links"]?[1]?["page"] == .null, "\(form)")
            }
            let deep = try await Self.get(client, "/api/articles/crepes?populate=author.articles", token: token)
            #expect(Self.names(deep["author"]?["articles"], "documentId") == ["crepes"])

            let fields = try await Self.get(client, "/api/articles/first-post?populate[author][fields][0]=name", token: token)
            #expect(fields["author"] == .object(["id": fields["author"]?["id"] ?? .null, "documentId": .string("ada"), "name": .string("Ada Lovelace")]))

            let filtered = try await Self.get(client, "/api/articles/first-post?populate[tags][filters][name][$eq]=NO", token: token)
            #expect(Self.names(filtered["tags"]) == ["NO"])
            let sorted = try await Self.get(client, "/api/articles/first-post?populate[tags][sort]=name:desc", token: token)
            #expect(Self.names(sorted["tags"]) == ["Travel", "NO"])
            let sortedAscending = try await Self.get(client, "/api/articles/first-post?populate[tags][sort][0]=name:asc", token: token)
            #expect(Self.names(sortedAscending["tags"]) == ["NO", "Travel"])
            let toOne = try await Self.get(client, "/api/articles/first-post?populate[author][filters][name]=Grace Hopper", token: token)
            #expect(toOne["author"] == .null, "a filtered-out to-one is null")
            let count = try await Self.get(client, "/api/articles/first-post?populate[tags][count]=true", token: token)
            #expect(count["tags"] == .object(["count": .int(2)]))

            let chain = "populate[author][fields][0]=name&populate[author][populate][articles][fields][0]=title&populate[author][populate][articles][sort]=title:desc"
            let nested = try await Self.get(client, "/api/articles/crepes?locale=en&\(chain)", token: token)
            #expect(nested["author"]?["articles"] == .array([.object([
                "id": nested["author"]?["articles"]?[0]?["id"] ?? .null, "documentId": .string("crepes"), "title": .string("Crêpes on the coast"),
            ])]))

            let fragment = try await Self.get(client, "/api/articles/first-post?populate[sections][on][sections.quote][populate]=seo", token: token)
            #expect(fragment["sections"]?[1]?["seo"] == .object(["id": .int(1), "metaTitle": .string("Inner"), "score": .int(1)]))
            #expect(fragment["sections"]?[0]?["seo"] == nil)
            let fragmentFields = try await Self.get(client, "/api/articles/first-post?populate[sections][on][sections.hero][fields][0]=heading", token: token)
            #expect(fragmentFields["sections"]?[0] == .object(["id": .int(1), "__component": .string("sections.hero"), "heading": .string("Big news")]))
        }
    }

    @Test func inverseAndOneSidedRelations() async throws {
        let site = try await QuerySite.make()
        let token = site.readToken
        try await site.test { client async throws in
            let ada = try await Self.get(client, "/api/authors/ada?populate=articles", token: token)
            #expect(Self.names(ada["articles"], "documentId") == ["biscotti", "first-post"])
            let alan = try await Self.get(client, "/api/authors/alan?populate=articles", token: token)
            #expect(alan["articles"] == .array([]))
            let tags = try await client.send(.get, "/api/tags?populate[articles][fields][0]=title&sort=name", token: token)
            #expect(Self.names(try tags.json["data"]?[1]?["articles"], "documentId") == ["first-post", "wine"])
            let home = try await Self.get(client, "/api/homepage?populate=featured", token: token)
            #expect(Self.names(home["featured"], "documentId") == ["wine", "biscotti"], "stored order; a missing target is left out")
        }
    }

    @Test func localeAndStatusPropagate() async throws {
        let site = try await QuerySite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let french = try await Self.get(client, "/api/articles/crepes?locale=fr&populate=tags,author", token: token)
            #expect(Self.names(french["tags"]) == ["Voyage"], "a localized target in the same locale")
            #expect(french["author"]?["name"] == .string("Ada Lovelace"), "a target without locales in the default one")

            let edit = try await client.send(.put, "/api/articles/biscotti?status=draft", token: token, json: #"{"data":{"title":"Biscotti, draft"}}"#)
            #expect(edit.status == .ok)
            let created = try await client.send(.post, "/api/articles?status=draft", token: token, json: #"{"data":{"title":"Unpublished","author":"ada"}}"#)
            let unpublished = try #require(try created.json["data"]?["documentId"]?.stringValue)

            let published = try await Self.get(client, "/api/authors/ada?populate=articles", token: token)
            #expect(Self.names(published["articles"], "title") == ["The Perfect Biscotti", "First post"])
            #expect(published["articles"]?[0]?["publishedAt"]?.stringValue != nil)
            let drafts = try await Self.get(client, "/api/authors/ada?populate=articles&status=draft", token: token)
            // Default order is creation time, which for the new draft is the write's own clock.
            #expect(Set(Self.names(drafts["articles"], "title")) == ["Biscotti, draft", "First post", "Unpublished"])
            #expect(Self.names(drafts["articles"], "documentId").contains(unpublished))
            #expect(drafts["articles"]?[1]?["publishedAt"] == .null)
        }
    }
}
