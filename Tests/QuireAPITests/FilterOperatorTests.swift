import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Every comparison operator, with matching and non-matching operands, on every scalar type.
@Suite struct FilterOperatorTests {
    /// (query, documentIds in default order)
    static let cases: [(String, [String])] = [
        ("filters[title][$eq]=First post", ["first-post"]),
        ("filters[title]=First post", ["first-post"]),
        ("filters[title][$eq]=first post", []),
        ("filters[title][$eqi]=FIRST POST", ["first-post"]),
        ("filters[title][$eqi]=école des marchés", ["markets"]),
        ("filters[title][$eqi]=wine 100% natural_ish", ["wine"]),
        ("filters[title][$eqi]=wine", []),
        ("filters[category][$ne]=news", ["biscotti", "crepes"]),
        ("filters[category][$nei]=NEWS", ["biscotti", "crepes"]),
        ("filters[views][$lt]=10", ["first-post", "markets"]),
        ("filters[views][$lte]=10", ["crepes", "first-post", "markets"]),
        ("filters[views][$gt]=10", ["biscotti", "wine"]),
        ("filters[views][$gte]=25", ["biscotti", "wine"]),
        ("filters[views][$gt]=40", []),
        ("filters[views][$in][0]=3&filters[views][$in][1]=40", ["first-post", "wine"]),
        ("filters[views][$in]=25", ["biscotti"]),
        ("filters[views][$in]=7", []),
        ("filters[category][$notIn][0]=news&filters[category][$notIn][1]=guide", ["crepes"]),
        ("filters[title][$contains]=post", ["first-post"]),
        ("filters[title][$contains]=Post", []),
        ("filters[title][$contains]=100%", ["wine"]),
        ("filters[title][$contains]=_", ["wine"]),
        ("filters[title][$notContains]=e", ["first-post"]),
        ("filters[title][$containsi]=ÉCOLE", ["markets"]),
        ("filters[title][$containsi]=crêpes", ["crepes"]),
        ("filters[title][$notContainsi]=T", ["markets"]),
        ("filters[title][$startsWith]=The", ["biscotti"]),
        ("filters[title][$startsWith]=the", []),
        ("filters[title][$startsWithi]=the", ["biscotti"]),
        ("filters[title][$endsWith]=ish", ["wine"]),
        ("filters[title][$endsWith]=ISH", []),
        ("filters[title][$endsWithi]=COAST", ["crepes"]),
        ("filters[rating][$null]=true", ["markets"]),
        ("filters[rating][$null]=anything", ["markets"]),
        ("filters[rating][$null]=false", ["biscotti", "crepes", "first-post", "wine"]),
        ("filters[rating][$null]=", ["biscotti", "crepes", "first-post", "wine"]),
        ("filters[rating][$notNull]=t", ["biscotti", "crepes", "first-post", "wine"]),
        ("filters[rating][$notNull]=0", ["markets"]),
        ("filters[views][$between][0]=3&filters[views][$between][1]=25", ["biscotti", "crepes", "first-post"]),
        ("filters[views][$between][0]=26&filters[views][$between][1]=39", []),
        // Types: decimals, bigintegers, booleans, dates, times, date-times.
        ("filters[rating][$gt]=4", ["biscotti", "first-post"]),
        ("filters[rating]=3", ["crepes"]),
        ("filters[big][$gt]=100", ["first-post"]),
        ("filters[big][$lt]=0", ["biscotti"]),
        ("filters[big]=9007199254740993", ["first-post"]),
        ("filters[big]=9007199254740992", []),
        ("filters[featured]=t", ["biscotti", "first-post"]),
        ("filters[featured]=0", ["crepes", "markets"]),
        ("filters[featured][$null]=true", ["wine"]),
        ("filters[publishDate][$gte]=2024-02-01", ["biscotti", "crepes"]),
        ("filters[publishDate][$lt]=2024-02-12", ["first-post"]),
        ("filters[startTime][$gt]=09:00", ["crepes"]),
        ("filters[startTime]=08:30:00", ["first-post"]),
        ("filters[eventAt][$gt]=2024-02-01", ["crepes"]),
        ("filters[eventAt][$lte]=2024-01-10T09:00:00%2B01:00", ["first-post"]),
        ("filters[eventAt][$lt]=2024-01-10T09:00:00%2B01:00", []),
        ("filters[eventAt][$gt]=1704873600000", ["crepes"]),
        ("filters[contact][$endsWith]=example.com", ["first-post"]),
        // System fields.
        ("filters[documentId][$in][0]=wine&filters[documentId][$in][1]=crepes", ["crepes", "wine"]),
        ("filters[locale]=en", ["biscotti", "crepes", "first-post", "markets", "wine"]),
        ("filters[publishedAt][$null]=true", []),
        ("filters[createdAt][$notNull]=true", ["biscotti", "crepes", "first-post", "markets", "wine"]),
    ]

    @Test func operators() async throws {
        let site = try await QuerySite.make()
        let token = site.readToken
        try await site.test { client async throws in
            for (query, expected) in Self.cases {
                #expect(try await client.ids(query, token: token) == expected, "\(query)")
            }
        }
    }

    @Test func idIsFilterable() async throws {
        let site = try await QuerySite.make()
        try await site.test { client async throws in
            let one = try await client.send(.get, "/api/articles/wine")
            let id = try #require(try one.json["data"]?["id"])
            guard case .int(let number) = id else { Issue.record("id must be a number"); return }
            #expect(try await client.ids("filters[id]=\(number)") == ["wine"])
            #expect(try await client.ids("filters[id][$ne]=\(number)").count == 4)
        }
    }

    @Test func operandsThatCannotBeCastAreRefused() async throws {
        let site = try await QuerySite.make()
        try await site.test { client async throws in
            let error = try await client.badRequest("filters[views][$gt]=abc")
            #expect(error["message"] == .string("Expected a valid Number, got abc"))
            let date = try await client.badRequest("filters[publishDate]=soon")
            #expect(date["message"] == .string("Invalid format, expected yyyy-MM-dd"))
            let between = try await client.badRequest("filters[views][$between]=3")
            #expect(between["message"] == .string("$between expects exactly two values"))
        }
    }
}
