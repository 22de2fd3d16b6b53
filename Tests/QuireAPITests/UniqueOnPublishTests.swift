import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A `uid` or `unique` value is checked when a draft is published or a version restored, as on
/// any write (through the writer's unique index, not a pass over the collection).
@Suite struct UniqueOnPublishTests {
    @Test func publishingADraftWhoseSlugWasTakenSinceIsRefused() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let draft = try await client.send(.post, "/api/articles?status=draft", token: token, json: #"{"data":{"title":"Draft first","slug":"shared-slug"}}"#)
            #expect(draft.status == .created)
            let documentId = try #require(try draft.json["data"]?["documentId"]?.stringValue)
            let other = try await client.send(.post, "/api/articles", token: token, json: #"{"data":{"title":"Published first","slug":"shared-slug"}}"#)
            #expect(other.status == .created)
            let publish = try await client.send(.post, "/api/articles/\(documentId)/publish", token: token)
            #expect(publish.status == .badRequest)
            #expect(try publish.json["error"]?["message"]?.stringValue == "This attribute must be unique")
            let renamed = try await client.send(.put, "/api/articles/\(documentId)?status=draft", token: token, json: #"{"data":{"slug":"own-slug"}}"#)
            #expect(renamed.status == .ok)
            #expect(try await client.send(.post, "/api/articles/\(documentId)/publish", token: token).status == .ok)
        }
    }
}
