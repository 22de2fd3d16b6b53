import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Piece and page reads carry an `ETag`; `If-None-Match` with it is a 304 until the answer changes.
@Suite struct AposConditionalReadTests {
    @Test(arguments: ["/api/v1/article", "/api/v1/article/first-post", "/api/v1/@apostrophecms/page", "/api/v1/@apostrophecms/page/about"])
    func readsAnswer304UntilTheyChange(uri: String) async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        let token = site.fullToken
        try await site.test { client async throws in
            let first = try await client.apos(.get, uri, token: token)
            #expect(first.status == .ok)
            let etag = try #require(first.headers[.eTag], "\(uri) has an ETag")
            let again = try await client.apos(.get, uri, token: token, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified, "\(uri)")
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.eTag] == etag)
            // A change to what the answer shows gives a new tag and a full answer.
            let patched = uri.contains("page")
                ? try await client.apos(.patch, "/api/v1/@apostrophecms/page/about:en:published", token: token, json: #"{"title":"About us"}"#)
                : try await client.apos(.patch, "/api/v1/article/first-post:en:published", token: token, json: #"{"views":8}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            let changed = try await client.apos(.get, uri, token: token, headers: [.ifNoneMatch: etag])
            #expect(changed.status == .ok, "\(uri)")
            #expect(changed.headers[.eTag] != etag)
        }
    }
}
