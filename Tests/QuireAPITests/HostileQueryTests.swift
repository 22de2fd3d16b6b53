import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Query strings a client controls completely: numbers at the edge of `Int`, odd shapes.
/// Each must be answered (200 or a 4xx in the dialect's envelope), never trap the server.
@Suite struct HostileQueryTests {
    static let largest = String(Int.max)

    /// `(page - 1) * pageSize` overflowed `Int` and trapped, taking the whole server down.
    @Test(arguments: [
        "/api/articles?pagination[page]=\(largest)",
        "/api/articles?pagination[page]=\(largest)&pagination[pageSize]=\(largest)",
        "/api/articles?pagination[page]=\(largest)&pagination[withCount]=false",
        "/api/articles/first-post/history?pagination[page]=\(largest)",
        "/api/articles/first-post/history?pagination[page]=\(largest)&pagination[withCount]=false",
    ])
    func aPageFarPastTheEndIsEmpty(_ uri: String) async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let response = try await client.send(.get, uri, token: token)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.json["data"]?.count == 0)
            #expect(try response.json["meta"]?["pagination"]?["page"] == .int(Int64.max))
        }
    }

    /// The same overflow in the Apostrophe dialect's `page` and `perPage`.
    @Test(arguments: [
        "/api/v1/article?page=\(largest)",
        "/api/v1/article?page=\(largest)&perPage=\(largest)",
        "/api/v1/article?perPage=\(largest)&page=2",
        "/api/v1/article?page=\(largest)&sort[title]=1",
        "/api/v1/article?page=\(largest)&_ids[]=first-post",
    ])
    func anApostrophePageFarPastTheEndIsEmpty(_ uri: String) async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let response = try await client.send(.get, uri, token: token)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.json["results"]?.count == 0)
        }
    }

    /// Populating back and forth through a many-to-many (posts → labels → posts …) multiplies
    /// the answer at every level: ten levels here would be over 100 MB, and on a real site
    /// gigabytes from one anonymous GET. Past a budget the request is refused instead.
    @Test func aPopulateThatExplodesIsRefused() async throws {
        var files: [String: String] = [
            "quire.yaml": "locales: [en]\ndefaultLocale: en\npermissions: { public: { post: [find], label: [find] } }\n",
            "schemas/post.yaml": """
                kind: collectionType
                info: { singularName: post, pluralName: posts, displayName: Post }
                attributes:
                  title: { type: string }
                  labels: { type: relation, relation: manyToMany, target: label, inversedBy: posts }
                """,
            "schemas/label.yaml": """
                kind: collectionType
                info: { singularName: label, pluralName: labels, displayName: Label }
                attributes:
                  name: { type: string }
                  posts: { type: relation, relation: manyToMany, target: post, mappedBy: labels }
                """,
        ]
        for label in 0..<3 { files["content/en/label/l\(label).yaml"] = "name: Label \(label)\n" }
        for post in 0..<4 { files["content/en/post/p\(post).yaml"] = "title: Post \(post)\nlabels: [l0, l1, l2]\n" }
        let site = try await TestSite.make(exactly: files)
        let levels = (0..<10).map { $0 % 2 == 0 ? "[labels]" : "[posts]" }
        let deep = "populate" + levels.joined(separator: "[populate]") + "=true"
        let shallow = "populate" + levels.prefix(4).joined(separator: "[populate]") + "=true"
        try await site.test { client async throws in
            #expect(try await client.send(.get, "/api/posts?\(shallow)").status == .ok)
            let response = try await client.send(.get, "/api/posts?\(deep)")
            #expect(response.status == .badRequest)
            #expect(try response.json["error"]?["name"] == .string("ValidationError"))
        }
    }
}
