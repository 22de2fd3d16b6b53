import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Every way a query string is refused, with Strapi's messages and details.
@Suite struct QueryErrorTests {
    /// (query, message, key, path, param)
    static let invalidKeys: [(String, String, String, String?, String)] = [
        ("filters[notAnAttribute]=1", "Invalid key notAnAttribute", "notAnAttribute", nil, "filters"),
        ("filters[ID]=1", "Invalid key ID", "ID", nil, "filters"),
        ("filters[author][bogus]=1", "Invalid key bogus at author", "bogus", "author", "filters"),
        ("filters[title][$fakeOp]=x", "Invalid key $fakeOp at title", "$fakeOp", "title", "filters"),
        ("filters[title][$STARTSWITH]=x", "Invalid key $STARTSWITH at title", "$STARTSWITH", "title", "filters"),
        ("filters[$eq]=x", "Invalid key $eq", "$eq", nil, "filters"),
        ("filters[secret]=x", "Invalid key secret", "secret", "secret", "filters"),
        ("filters[internal]=x", "Invalid key internal", "internal", "internal", "filters"),
        ("filters[sections][heading]=x", "Invalid key sections", "sections", "sections", "filters"),
        ("filters[seo][bogus]=x", "Invalid key bogus at seo", "bogus", "seo", "filters"),
        ("sort=bogus", "Invalid key bogus", "bogus", nil, "sort"),
        ("sort=secret:desc", "Invalid key secret", "secret", "secret", "sort"),
        ("sort=author", "Invalid key author", "author", "author", "sort"),
        ("sort=author.bogus", "Invalid key bogus at author", "bogus", "author", "sort"),
        ("sort[sections]=asc", "Invalid key sections", "sections", "sections", "sort"),
        ("fields=bogus", "Invalid key bogus", "bogus", nil, "fields"),
        ("fields=secret", "Invalid key secret", "secret", "secret", "fields"),
        ("fields=internal", "Invalid key internal", "internal", "internal", "fields"),
        ("fields[0]=author", "Invalid key author", "author", "author", "fields"),
        ("populate=bogus", "Invalid key bogus", "bogus", "bogus", "populate"),
        ("populate=title", "Invalid key title", "title", "title", "populate"),
        ("populate=author.bogus", "Invalid key bogus at author.bogus", "bogus", "author.bogus", "populate"),
        ("populate[bogus]=true", "Invalid key bogus", "bogus", nil, "populate"),
        ("populate[author][populate][bogus]=true", "Invalid key bogus at author", "bogus", "author", "populate"),
        ("populate[author][fields][0]=bogus", "Invalid key bogus", "bogus", nil, "populate"),
        ("populate[tags][filters][bogus]=1", "Invalid key bogus", "bogus", nil, "populate"),
        ("populate[author][sideways]=1", "Invalid key sideways at author", "sideways", "author", "populate"),
        ("populate[sections][populate]=*", "Invalid key populate at sections", "populate", "sections", "populate"),
        ("populate[sections][on][shared.seo]=true", "Invalid key shared.seo at sections.on.shared.seo", "shared.seo", "sections.on.shared.seo", "populate"),
        ("populate=sections.nothing", "Invalid key nothing at sections.nothing", "nothing", "sections.nothing", "populate"),
    ]

    @Test func invalidKeys() async throws {
        let site = try await QuerySite.make()
        let token = site.readToken
        try await site.test { client async throws in
            for (query, message, key, path, param) in Self.invalidKeys {
                let error = try await client.badRequest(query, token: token)
                #expect(error["message"] == .string(message), "\(query)")
                #expect(error["details"] == .object([
                    "key": .string(key), "path": path.map(Value.string) ?? .null, "source": .string("query"), "param": .string(param),
                ]), "\(query)")
            }
        }
    }

    @Test func otherRefusals() async throws {
        let site = try await QuerySite.make()
        let token = site.readToken
        try await site.test { client async throws in
            let order = try await client.badRequest("sort=title:up", token: token)
            #expect(order["message"] == .string("Invalid order. order can only be one of asc|desc|ASC|DESC"))
            #expect(try await client.badRequest("sort[title]=sideways", token: token)["message"] == order["message"])
            let status = try await client.badRequest("populate[author][status]=draft", token: token)
            #expect(status["message"] == .string(
                "Invalid key status at author: status is only accepted at the root of the query, and it also applies to populated relations"))
            let fragment = try await client.badRequest("populate[author][on][x]=true", token: token)
            #expect(fragment["message"] == .string("Using fragments is not permitted to populate \"author\""))
            let filters = try await client.badRequest("filters=title", token: token)
            #expect(filters["message"] == .string("The filters parameter must be an object or an array"))
            let populate = try await client.badRequest("populate[0][author]=true", token: token)
            #expect(populate["message"] == .string("Invalid populate parameter. Expected a string, an array of strings, a populate object"))
            // A single document refuses a bad `fields`/`populate` too, and a write refuses before writing.
            _ = try await client.badRequest("populate=bogus", path: "/api/articles/crepes", token: token)
            let write = try await client.send(.post, "/api/articles?fields=bogus", token: site.fullToken, json: #"{"data":{"title":"Never"}}"#)
            #expect(write.status == .badRequest)
            #expect(try await client.ids("filters[title]=Never", token: token) == [])
        }
    }

    /// Relations to types the caller may not read are reported like unknown keys (Strapi 5).
    @Test func restrictedRelations() async throws {
        let site = try await QuerySite.make()
        try await site.test { client async throws in
            for (query, param) in [("populate=author", "populate"), ("filters[author][name]=Ada", "filters"), ("sort=author.name", "sort")] {
                let error = try await client.badRequest(query)
                #expect(error["message"] == .string("Invalid key author"), "\(query)")
                #expect(error["details"]?["param"] == .string(param))
            }
            let tags = try await client.send(.get, "/api/articles/first-post?populate=tags")
            #expect(tags.status == .ok, "tags are public")
        }
    }
}
