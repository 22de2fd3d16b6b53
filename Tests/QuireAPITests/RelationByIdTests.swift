import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Relations written by numeric `id`, as Strapi clients may: stored as documentIds.
@Suite struct RelationByIdTests {
    @Test func numericIdsInEveryRelationForm() async throws {
        let site = try await TestSite.make(files: ["content/en/author/grace.yaml": "name: Grace Hopper\n"])
        let token = site.fullToken
        try await site.test { client async throws in
            func id(_ uri: String) async throws -> Int64 {
                try #require(try await client.send(.get, uri, token: token).json["data"]?["id"]?.intValue)
            }
            let grace = try await id("/api/authors/grace")
            let travel = try await id("/api/tags/travel")
            let no = try await id("/api/tags/no")

            let created = try await client.send(.post, "/api/articles", token: token,
                                                json: #"{"data":{"title":"By id","author":\#(grace),"tags":[\#(travel)]}}"#)
            #expect(created.status == .created, "\(created.text)")
            let documentId = try #require(try created.json["data"]?["documentId"]?.stringValue)
            let file = try site.git("show", "main:content/en/article/\(documentId).yaml")
            #expect(file.contains("author: grace") && file.contains("- travel"), "\(file)")

            let connected = try await client.send(.put, "/api/articles/\(documentId)", token: token, json: """
                {"data":{"tags":{"connect":[{"id":\(no),"position":{"before":\(travel)}}],"disconnect":[]},"author":{"id":\(grace)}}}
                """)
            #expect(connected.status == .ok, "\(connected.text)")
            let populated = try await client.send(.get, "/api/articles/\(documentId)?populate=tags", token: token)
            #expect(try populated.json["data"]?["tags"]?.array.compactMap { $0["documentId"]?.stringValue } == ["no", "travel"])

            let missing = try await client.send(.put, "/api/articles/\(documentId)", token: token, json: #"{"data":{"author":999}}"#)
            #expect(missing.status == .badRequest)
            #expect(try missing.json["error"]?["message"] == .string(#"Document with id "999", locale "en" not found"#))
        }
    }
}
