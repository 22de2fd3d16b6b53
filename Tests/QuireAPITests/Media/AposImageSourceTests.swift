import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `/api/v1/@apostrophecms/image/:imageId/src`: how rich text points at an image piece.
@Suite struct AposImageSourceTests {
    @Test func redirectsToTheSizeAskedOrSaysNotFound() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let file = try await client.uploadOne(try Pictures.jpeg(800, 600), name: "Sea.jpg", type: "image/jpeg", token: token)
            let id = try #require(file["documentId"]?.stringValue)
            let base = "/api/v1/@apostrophecms/image/\(id)/src"
            let largest = try await client.send(.get, base, token: token)
            #expect(largest.status == .found)
            #expect(largest.headers[.location] == "/uploads/attachments/\(id)-sea.max.jpg")
            #expect(try await client.send(.get, base + "?size=one-third", token: token).headers[.location] == "/uploads/attachments/\(id)-sea.one-third.jpg")
            #expect(try await client.send(.get, base + "?size=original", token: token).headers[.location] == "/uploads/attachments/\(id)-sea.jpg")
            let unknown = try await client.send(.get, base + "?size=thumbnail", token: token)
            #expect(unknown.status == .notFound && unknown.text == "notfound")
            #expect(try await client.send(.get, "/api/v1/@apostrophecms/image/nosuchimage/src", token: token).status == .notFound)
            #expect(try await client.send(.get, base + "?format=webp", token: token).status == .badRequest)
            // Closed like the files themselves: the public may not read uploads here.
            #expect(try await client.send(.get, base).status == .notFound)
        }
    }
}
