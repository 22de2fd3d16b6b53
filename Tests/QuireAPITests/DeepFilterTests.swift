import HTTPTypes
import HummingbirdTesting
@testable import QuireAPI
import QuireContent
import QuireIndex
import Testing

/// `$and`/`$or`/`$not`, implicit OR, and filters through relations, components and media.
@Suite struct DeepFilterTests {
    static let logical: [(String, [String])] = [
        ("filters[views][$gte]=3&filters[views][$lte]=10", ["crepes", "first-post"]),
        ("filters[category]=news&filters[featured]=true", ["first-post"]),
        ("filters[$or][0][views]=3&filters[$or][1][category]=guide", ["biscotti", "first-post"]),
        ("filters[$and][0][$or][0][views]=3&filters[$and][0][$or][1][views]=40&filters[$and][1][featured]=true", ["first-post"]),
        ("filters[$or][0][0][views]=3&filters[$or][0][1][featured]=false&filters[$or][1][views]=40", ["wine"]),
        ("filters[$not][category]=news", ["biscotti", "crepes"]),
        ("filters[$not][$or][0][views]=3&filters[$not][$or][1][views]=40", ["biscotti", "crepes", "markets"]),
        ("filters[views][$not]=3", ["biscotti", "crepes", "markets", "wine"]),
        ("filters[views][$not][$gt]=10", ["crepes", "first-post", "markets"]),
        // Implicit OR: a list on a single-value operator is "any of them".
        ("filters[views][$gt][0]=30&filters[views][$gt][1]=20", ["biscotti", "wine"]),
        ("filters[views][$ne][0]=3&filters[views][$ne][1]=10", ["biscotti", "crepes", "first-post", "markets", "wine"]),
        ("filters[title][$notContainsi][0]=Post&filters[title][$notContainsi][1]=Nonexistent",
         ["biscotti", "crepes", "first-post", "markets", "wine"]),
        ("filters[views][0]=3&filters[views][1]=40", ["first-post", "wine"]),
        // Relations, owning side: to-one, to-many, ids, nulls, dangling links.
        ("filters[author][name][$eq]=Ada Lovelace", ["biscotti", "first-post"]),
        ("filters[author][name][$containsi]=hopper", ["crepes"]),
        ("filters[author][$null]=true", ["markets", "wine"]),
        ("filters[author][id][$notNull]=true", ["biscotti", "crepes", "first-post"]),
        ("filters[author][documentId]=ada", ["biscotti", "first-post"]),
        ("filters[author]=ada", ["biscotti", "first-post"]),
        ("filters[author][$in][0]=ada&filters[author][$in][1]=grace", ["biscotti", "crepes", "first-post"]),
        ("filters[tags][name]=Baking", ["biscotti", "wine"]),
        ("filters[tags][name][$in][0]=Travel&filters[tags][name][$in][1]=NO", ["crepes", "first-post", "wine"]),
        // `$not` over a to-many relation applies to each joined row, as in Strapi's SQL.
        ("filters[$not][tags][name]=Travel", ["biscotti", "first-post", "wine"]),
        ("filters[tags][$null]=true", ["markets"]),
        // Components, repeatable components, relations inside components, media.
        ("filters[seo][metaTitle][$containsi]=hello", ["first-post"]),
        ("filters[seo][score][$gte]=3", ["crepes", "first-post"]),
        ("filters[seo][$null]=true", ["biscotti", "markets", "wine"]),
        ("filters[links][label]=Gamma", ["crepes"]),
        ("filters[links][label][$in][0]=Alpha&filters[links][label][$in][1]=Gamma", ["crepes", "first-post"]),
        ("filters[links][page][title][$containsi]=crêpes", ["first-post"]),
        ("filters[cover][ext]=.jpg", ["first-post"]),
        ("filters[cover]=5", ["first-post"]),
        ("filters[cover][$null]=true", ["biscotti", "crepes", "markets", "wine"]),
    ]

    @Test func logicalAndDeepFilters() async throws {
        let site = try await QuerySite.make()
        let token = site.readToken
        try await site.test { client async throws in
            for (query, expected) in Self.logical {
                #expect(try await client.ids(query, token: token) == expected, "\(query)")
            }
        }
    }

    @Test func inverseSideFilters() async throws {
        let site = try await QuerySite.make()
        let token = site.readToken
        try await site.test { client async throws in
            #expect(try await client.ids("filters[articles][title][$containsi]=biscotti", path: "/api/authors", token: token) == ["ada"])
            #expect(try await client.ids("filters[articles][$null]=true", path: "/api/authors", token: token) == ["alan"])
            #expect(try await client.ids("filters[articles][views][$gte]=10", path: "/api/authors", token: token) == ["ada", "grace"])
            #expect(try await client.ids("filters[articles][author][name]=Grace Hopper", path: "/api/tags", token: token) == ["travel"])
            // A localized target is read in the caller's locale.
            #expect(try await client.ids("locale=fr&filters[articles][title][$contains]=Bretagne", path: "/api/tags", token: token) == ["travel"])
            #expect(try await client.ids("locale=fr&filters[articles][title][$contains]=coast", path: "/api/tags", token: token) == [])
        }
    }

    @Test func statusChoosesWhichRelatedVersionsMatch() async throws {
        let site = try await QuerySite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let edit = try await client.send(.put, "/api/articles/biscotti?status=draft", token: token, json: #"{"data":{"title":"Biscotti, draft"}}"#)
            #expect(edit.status == .ok)
            #expect(try await client.ids("filters[title][$contains]=draft", token: token) == [])
            #expect(try await client.ids("status=draft&filters[title][$contains]=draft", token: token) == ["biscotti"])
            let authors = "filters[articles][title][$contains]=draft"
            #expect(try await client.ids(authors, path: "/api/authors", token: token) == [])
            #expect(try await client.ids("status=draft&" + authors, path: "/api/authors", token: token) == ["ada"])
        }
    }

    @Test func paginationCountsDistinctDocuments() async throws {
        let site = try await QuerySite.make()
        try await site.test { client async throws in
            let query = "filters[tags][name][$in][0]=Travel&filters[tags][name][$in][1]=NO&pagination[pageSize]=2"
            let response = try await client.send(.get, "/api/articles?\(query)&pagination[page]=2", token: site.readToken)
            #expect(try response.json["meta"]?["pagination"] == .object(["page": .int(2), "pageSize": .int(2), "pageCount": .int(2), "total": .int(3)]))
            #expect(try response.json["data"]?.count == 1)
            let empty = try await client.send(.get, "/api/articles?filters[title]=nothing", token: site.readToken)
            #expect(try empty.json["meta"]?["pagination"] == .object(["page": .int(1), "pageSize": .int(25), "pageCount": .int(0), "total": .int(0)]))
        }
    }

    /// qs cannot spell `{}`, but JSON-minded clients and nested shapes can end up with one.
    @Test func emptyObjectsAreIgnored() throws {
        let (schema, type) = try Self.articleSchema()
        let parser = StrapiFilterParser(schema: schema, canRead: { _ in true })
        #expect(try parser.parse(.map([("views", .map([]))]), type: type) == .all)
        #expect(try parser.parse(.map([("$and", .list([.map([]), .map([("views", .value("3"))])]))]), type: type)
            == .field("views", .eq, ["3"]))
        #expect(try parser.parse(.map([("$or", .list([.map([])])), ("views", .map([("$not", .map([]))]))]), type: type) == .all)
    }

    static func articleSchema() throws -> (SiteSchema, ContentType) {
        let files = QuerySite.files.filter { $0.key.hasPrefix("schemas/") }.map { ($0.key, Array($0.value.utf8)) }
        let schema = SiteSchema.load(files: files)
        return (schema, try #require(schema.contentType(singular: "article")))
    }
}
