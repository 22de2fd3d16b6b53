import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Checks real `/api/v1` answers against the official Apostrophe OpenAPI file's schemas, where
/// that file is right (its `PaginatedResponse` envelope is not: see `AposOpenAPISchemas.swift`),
/// with an independent JSON Schema validator.
@Suite struct AposOpenAPIConformanceTests {
    func schema(_ name: String) throws -> [UInt8] {
        guard case .object(var root) = try JSON.parse(Array(aposOfficialSchemas.utf8)) else { throw TestFailure("bad fixture") }
        root["$ref"] = .string("#/$defs/\(name)")
        return JSON.encode(.object(root))
    }

    @Test func responsesMatchTheOfficialSchemas() async throws {
        let site = try await TestSite.make(files: aposPageFiles.merging(["content/fr/article/first-post.yaml": "title: Premier\n"]) { $1 })
        let token = site.fullToken
        try await site.test { client async throws in
            let list = try await client.apos(.get, "/api/v1/article?perPage=5", token: token)
            let locales = try await client.apos(.get, "/api/v1/@apostrophecms/i18n/locales")
            let exist = try await client.apos(
                .post, "/api/v1/@apostrophecms/i18n/exist-in-locale", token: token, json: #"{"ids":["first-post:en:published"],"locale":"fr"}"#)
            let tree = try await client.apos(.get, "/api/v1/@apostrophecms/page?children[depth]=3", token: token)
            let pairs = try [
                ("PieceList", list), ("LocalesResponse", locales), ("ExistInLocaleResponse", exist), ("PageTreeResponse", tree),
            ].map { name, response in
                #expect(response.status == .ok)
                return (name: name, schema: try schema(name), document: response.text)
            }
            let results = try PythonTool.validateYAML(pairs)
            for (name, errors) in results {
                #expect(errors.isEmpty, "\(name): \(errors)")
            }
            #expect(results.count == 4)
            // The check can fail: a list in the documented (wrong) envelope does not pass.
            let wrong = try PythonTool.validateYAML([(name: "wrong", schema: try schema("PieceList"), document: #"{"results": [{"_id": 1}], "pages": "x"}"#)])
            #expect(wrong["wrong"]?.isEmpty == false)
        }
    }
}
