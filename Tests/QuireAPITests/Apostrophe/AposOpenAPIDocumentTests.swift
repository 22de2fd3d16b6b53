import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

@Suite struct AposOpenAPIDocumentTests {
    @Test func apostropheRoutesAreDescribedAndTheDocumentStaysValid() async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        try await site.test { client async throws in
            let response = try await client.send(.get, "/api/openapi.json")
            try PythonTool.validateOpenAPI(Array(response.body.readableBytesView))
            guard case .object(let paths)? = try response.json["paths"] else { throw TestFailure("no paths") }
            #expect(paths["/api/v1/article"]?["get"]?["operationId"] == .string("aposArticleList"))
            #expect(paths["/api/v1/article/{_id}"]?.count == 4)
            #expect(paths["/api/v1/article/{_id}/publish"] != nil)
            #expect(paths["/api/v1/author/{_id}/publish"] == nil, "authors have no drafts")
            #expect(paths["/api/v1/@apostrophecms/i18n/exist-in-locale"]?["post"] != nil)
            #expect(paths["/api/v1/@apostrophecms/page"]?["get"]?["operationId"] == .string("aposPageTree"))
            #expect(paths["/api/v1/article"]?["get"]?["responses"]?["404"]?["content"] != nil)
        }
    }
}
