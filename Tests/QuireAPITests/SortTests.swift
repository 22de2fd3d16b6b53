import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `sort` in all its shapes, through relations, with stable ties across pages.
@Suite struct SortTests {
    static let cases: [(String, [String])] = [
        ("sort=views", ["markets", "first-post", "crepes", "biscotti", "wine"]),
        ("sort=views:asc", ["markets", "first-post", "crepes", "biscotti", "wine"]),
        ("sort=views:desc", ["wine", "biscotti", "crepes", "first-post", "markets"]),
        ("sort=views:DESC", ["wine", "biscotti", "crepes", "first-post", "markets"]),
        ("sort[views]=desc", ["wine", "biscotti", "crepes", "first-post", "markets"]),
        // Nulls come first in ascending order, last in descending order.
        ("sort=rating", ["markets", "wine", "crepes", "first-post", "biscotti"]),
        ("sort=rating:desc", ["biscotti", "first-post", "crepes", "wine", "markets"]),
        ("sort[0]=featured:desc&sort[1]=views:asc", ["first-post", "biscotti", "markets", "crepes", "wine"]),
        ("sort=category:asc,views:desc", ["wine", "biscotti", "first-post", "markets", "crepes"]),
        ("sort[0][category]=desc&sort[1][title]=asc", ["crepes", "first-post", "markets", "biscotti", "wine"]),
        ("sort=title", ["crepes", "first-post", "biscotti", "wine", "markets"]),
        ("sort=publishDate:desc", ["crepes", "biscotti", "first-post", "markets", "wine"]),
        // Ties keep the default order whatever the direction.
        ("sort=featured", ["wine", "crepes", "markets", "biscotti", "first-post"]),
        ("sort=featured:desc", ["biscotti", "first-post", "crepes", "markets", "wine"]),
        // `id` means creation order; so does no sort at all.
        ("sort=id", ["biscotti", "crepes", "first-post", "markets", "wine"]),
        ("sort=id:desc", ["wine", "markets", "first-post", "crepes", "biscotti"]),
        ("sort=createdAt:desc,documentId:desc", ["wine", "markets", "first-post", "crepes", "biscotti"]),
        // Through relations: a to-one's field, a to-many's smallest (or, descending, largest).
        ("sort=author.name", ["markets", "wine", "biscotti", "first-post", "crepes"]),
        ("sort=author.name:desc", ["crepes", "biscotti", "first-post", "markets", "wine"]),
        ("sort[author][name]=desc", ["crepes", "biscotti", "first-post", "markets", "wine"]),
        ("sort=tags.name", ["markets", "biscotti", "wine", "first-post", "crepes"]),
        ("sort=seo.score:desc", ["first-post", "crepes", "biscotti", "markets", "wine"]),
        // With filters.
        ("filters[featured][$notNull]=true&sort=views:desc", ["biscotti", "crepes", "first-post", "markets"]),
    ]

    @Test func orders() async throws {
        let site = try await QuerySite.make()
        let token = site.readToken
        try await site.test { client async throws in
            for (query, expected) in Self.cases {
                #expect(try await client.ids(query, token: token) == expected, "\(query)")
            }
        }
    }

    @Test func pagesNeverOverlapOnTies() async throws {
        let site = try await QuerySite.make()
        try await site.test { client async throws in
            var seen: [String] = []
            for page in 1...3 {
                seen += try await client.ids("sort=featured&pagination[pageSize]=2&pagination[page]=\(page)")
            }
            #expect(seen == ["wine", "crepes", "markets", "biscotti", "first-post"])
            let offset = try await client.ids("sort=views:desc&pagination[start]=1&pagination[limit]=2")
            #expect(offset == ["biscotti", "crepes"])
        }
    }
}
