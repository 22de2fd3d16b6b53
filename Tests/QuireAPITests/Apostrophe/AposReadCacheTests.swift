import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Apostrophe reads are answered from bytes rendered once per snapshot. These check that the
/// answers stay the same when read again and follow every write that should change them:
/// the document's own, a related document's, and the other view's (`modified`).
@Suite struct AposReadCacheTests {
    @Test func repeatedReadsAreIdenticalAndFollowWrites() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let first = try await client.apos(.get, "/api/v1/article", token: token).text
            #expect(try await client.apos(.get, "/api/v1/article", token: token).text == first)
            let one = try await client.apos(.get, "/api/v1/article/first-post:en:published", token: token)
            let listed = try await client.apos(.get, "/api/v1/article", token: token).json
            #expect(try one.json == listed["results"]?[0], "a list item is the document as findOne shows it")

            let renamed = try await client.apos(.patch, "/api/v1/author/ada", token: token, json: #"{"name":"Ada King"}"#)
            #expect(renamed.status == .ok, "\(renamed.text)")
            let list = try await client.apos(.get, "/api/v1/article", token: token).json
            #expect(list["results"]?[0]?["_author"]?[0]?["title"] == .string("Ada King"), "a related document's change shows at once")
            #expect(list["results"]?[0]?["modified"] == .bool(false))

            let drafted = try await client.apos(.patch, "/api/v1/article/first-post:en:draft", token: token, json: #"{"title":"Draft title"}"#)
            #expect(drafted.status == .ok, "\(drafted.text)")
            let published = try await client.apos(.get, "/api/v1/article/first-post:en:published", token: token).json
            #expect(published["title"] == .string("First post"))
            #expect(published["modified"] == .bool(true), "the draft's change shows in the published record")
        }
    }

    @Test func projectionsAreKeptApart() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let projected = try await client.apos(.get, "/api/v1/article/first-post?project[title]=1", token: token).json
            let keys: [String] = if case .object(let object) = projected { object.pairs.map(\.0) } else { [] }
            #expect(keys == ["_id", "type", "metaType", "title"])
            let whole = try await client.apos(.get, "/api/v1/article/first-post", token: token).json
            #expect(whole["slug"] == .string("first-post"))
            let listed = try await client.apos(.get, "/api/v1/article?project[slug]=0", token: token).json
            #expect(listed["results"]?[0]?["slug"] == nil)
            #expect(listed["results"]?[0]?["title"] == .string("First post"))
        }
    }

    @Test func pageTreeAnswersFollowWritesAndCallers() async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        let token = site.fullToken
        try await site.test { client async throws in
            let tree = "/api/v1/@apostrophecms/page"
            let before = try await client.apos(.get, "\(tree)?all=1&flat=1", token: token).text
            #expect(try await client.apos(.get, "\(tree)?all=1&flat=1", token: token).text == before)
            let created = try await client.apos(.post, tree, token: token, json: #"{"type":"page","title":"Jobs","_targetId":"about"}"#)
            #expect(created.status == .ok, "\(created.text)")
            let after = try await client.apos(.get, "\(tree)?all=1&flat=1", token: token).json
            #expect(after["results"]?.array.compactMap { $0["slug"]?.stringValue }.contains("/about/jobs") == true)
            let deep = try await client.apos(.get, "\(tree)/about?children[depth]=1", token: token).json
            #expect(deep["_children"]?.array.compactMap { $0["slug"]?.stringValue } == ["/about/team", "/about/jobs"])
            let shallow = try await client.apos(.get, "\(tree)/about?children[depth]=0", token: token).json
            #expect(shallow["_children"] == .array([]), "each depth is its own answer")
            try expectAposError(try await client.apos(.get, tree), .notFound, name: "notfound")
        }
    }
}
