import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// `count=1` on a piece list: only `{"count": n}`, every match on every page, filters applied.
@Suite struct AposCountTests {
    @Test func countAnswersTheNumberOfMatches() async throws {
        let site = try await TestSite.make(files: [
            "content/en/article/b.yaml": "title: Bread\ncategory: guide\nviews: 5\n",
            "content/en/article/c.yaml": "title: Cheese\ncategory: news\nviews: 20\n",
        ])
        let token = site.fullToken
        try await site.test { client async throws in
            let all = try await client.apos(.get, "/api/v1/article?count=1&perPage=1", token: token)
            #expect(all.status == .ok)
            #expect(try all.json == .object(["count": .int(3)]), "\(all.text)")
            let guides = try await client.apos(.get, "/api/v1/article?count=1&category=guide", token: token)
            #expect(try guides.json == .object(["count": .int(1)]))
            let none = try await client.apos(.get, "/api/v1/article?count=0&perPage=1", token: token)
            #expect(try none.json["results"]?.count == 1, "count=0 is an ordinary list")
        }
    }
}
