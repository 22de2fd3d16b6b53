import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// `_newInstance` and `_copyingId` on `POST /api/v1/:type`, as Apostrophe's editors send them.
@Suite struct AposNewInstanceTests {
    @Test func newInstanceIsAnUnsavedTemplateAndWritesNothing() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let before = try await site.mainTip()
        let branches = try site.git("branch", "--list")
        try await site.test { client async throws in
            let response = try await client.apos(.post, "/api/v1/article", token: token, json: #"{"_newInstance":true,"views":7}"#)
            #expect(response.status == .ok, "\(response.text)")
            let body = try response.json
            #expect(body["_id"] == nil && body["_url"] == nil, "unsaved: no identity, no URL")
            #expect(body["type"] == .string("article"))
            #expect(body["_previewable"] == .bool(false))
            #expect(body["views"] == .int(7), "the body overrides the defaults")
            #expect(body["title"] == .string(""))
            #expect(body["authorIds"] == .array([]) && body["_author"] == .array([]))
            #expect(body["secret"] == nil)
            let list = try await client.apos(.get, "/api/v1/article?aposMode=draft", token: token)
            #expect(try list.json["results"]?.count == 1, "no document was created")
            #expect(try await site.mainTip() == before)
            #expect(try site.git("branch", "--list") == branches, "no draft branch either")
        }
    }

    @Test func copyingIdDuplicatesADocumentOverriddenByTheBody() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let copy = try await client.apos(.post, "/api/v1/article?aposMode=draft", token: token,
                                             json: #"{"_copyingId":"first-post:en:published","title":"Second post"}"#)
            #expect(copy.status == .ok, "\(copy.text)")
            let body = try copy.json
            #expect(body["title"] == .string("Second post"))
            #expect(body["views"] == .int(3), "copied from the original")
            #expect(body["authorIds"] == .array(["ada"]))
            #expect(body["slug"] == .string("second-post"), "a fresh slug, not the original's")
            let missing = try await client.apos(.post, "/api/v1/article", token: token, json: #"{"_copyingId":"nope:en:draft","title":"X"}"#)
            try expectAposError(missing, .notFound, name: "notfound")
        }
    }
}
