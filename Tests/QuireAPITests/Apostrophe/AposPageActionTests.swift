import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// The per-page routes at Apostrophe's documented paths, and page PUT.
@Suite struct AposPageActionTests {
    static let base = "/api/v1/@apostrophecms/page"

    @Test func publishUnpublishRevertLocalesAndLocalizeAtTheDocumentedPaths() async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        let token = site.fullToken
        try await site.test { client async throws in
            let drafted = try await client.apos(.patch, "\(Self.base)/about:en:draft?aposMode=draft", token: token, json: #"{"title":"About us"}"#)
            #expect(drafted.status == .ok, "\(drafted.text)")
            let reverted = try await client.apos(.post, "\(Self.base)/about:en:draft/revert-draft-to-published", token: token)
            #expect(reverted.status == .ok, "\(reverted.text)")
            #expect(try reverted.json["title"] == .string("About"), "\(reverted.text)")

            _ = try await client.apos(.patch, "\(Self.base)/about:en:draft?aposMode=draft", token: token, json: #"{"title":"About us"}"#)
            let published = try await client.apos(.post, "\(Self.base)/about:en:draft/publish", token: token)
            #expect(published.status == .ok, "\(published.text)")
            #expect(try site.git("show", "main:content/en/page/about.yaml").contains("About us"))

            let locales = try await client.apos(.get, "\(Self.base)/about:en:published/locales", token: token)
            #expect(locales.status == .ok, "\(locales.text)")
            let localized = try await client.apos(.post, "\(Self.base)/contact:en:draft/localize", token: token, json: #"{"toLocale":"fr"}"#)
            #expect(localized.status == .ok, "\(localized.text)")

            let unpublished = try await client.apos(.post, "\(Self.base)/contact:en:published/unpublish", token: token)
            #expect(unpublished.status == .ok, "\(unpublished.text)")
            #expect(throws: (any Error).self) { try site.git("show", "main:content/en/page/contact.yaml") }

            try expectAposError(try await client.apos(.post, "\(Self.base)/nope:en:draft/publish", token: token), .notFound, name: "notfound")
        }
    }

    @Test func putReplacesAPageAndKeepsItInTheTree() async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        let token = site.fullToken
        try await site.test { client async throws in
            let put = try await client.apos(.put, "\(Self.base)/team:en:published", token: token, json: #"{"title":"The team"}"#)
            #expect(put.status == .ok, "\(put.text)")
            #expect(try put.json["title"] == .string("The team"))
            let tree = try await client.apos(.get, "\(Self.base)/team", token: token)
            #expect(try tree.json["title"] == .string("The team"))
            #expect(try tree.json["_ancestors"]?.count == 2, "still under home/about: \(tree.text)")
            let file = try site.git("show", "main:content/en/page/team.yaml")
            #expect(file.contains("parent: about"), "\(file)")
            let move = try await client.apos(.put, "\(Self.base)/team:en:published", token: token, json: #"{"title":"T","_targetId":"home"}"#)
            try expectAposError(move, .badRequest, name: "invalid")
        }
    }
}
