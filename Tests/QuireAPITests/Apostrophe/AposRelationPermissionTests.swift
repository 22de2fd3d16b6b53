import Foundation
import HummingbirdTesting
import QuireAPI
import Testing

/// `_<relation>` shows only documents of types the caller may read, as Strapi's populate does:
/// a reader of articles who may not read authors gets the article with `authorIds` (stored on
/// the article) but without the author's document.
@Suite struct AposRelationPermissionTests {
    static let article = "/api/v1/article/first-post:en:published"

    @Test func relatedDocumentsOfATypeTheCallerMayNotReadAreLeftOut() async throws {
        try await withReaderAndEditor { client, reader, editor async throws in
            // The editor first: what it reads is cached per snapshot, and must not reach the reader.
            let full = try await client.apos(.get, Self.article, token: editor)
            #expect(full.status == .ok, "\(full.text)")
            #expect(try full.json["_author"]?[0]?["title"] == "Ada Lovelace", "\(full.text)")

            let shown = try await client.apos(.get, Self.article, token: reader)
            #expect(shown.status == .ok, "\(shown.text)")
            #expect(try shown.json["authorIds"] == .array(["ada"]))
            #expect(try shown.json["_author"] == .array([]), "\(shown.text)")
            let list = try await client.apos(.get, "/api/v1/article", token: reader)
            let first = try #require(try list.json["results"]?.array.first { $0["aposDocId"] == "first-post" })
            #expect(first["_author"] == .array([]), "\(list.text)")
        }
    }

    /// Apostrophe finds the documents a by-slug relationship filter names with the request's
    /// permissions: a caller who may not read authors matches nothing, so the filter cannot tell
    /// it which articles an author it cannot see wrote. By id it filters on the stored ids.
    @Test func aSlugFilterOnATypeTheCallerMayNotReadMatchesNothing() async throws {
        try await withReaderAndEditor { client, reader, editor async throws in
            func ids(_ query: String, _ token: String) async throws -> [String] {
                let list = try await client.apos(.get, "/api/v1/article?\(query)", token: token)
                #expect(list.status == .ok, "\(list.text)")
                return try (list.json["results"]?.array ?? []).compactMap { $0["aposDocId"]?.stringValue }
            }
            #expect(try await ids("author=ada", editor).contains("first-post"))
            #expect(try await ids("author=ada", reader) == [])
            #expect(try await ids("authorAnd[]=ada", reader) == [])
            #expect(try await ids("_author=ada", reader).contains("first-post"))
        }
    }

    /// A site with a reader (who may not read authors) and an editor, both signed in.
    private func withReaderAndEditor(_ body: @Sendable @escaping (any TestClientProtocol, String, String) async throws -> Void) async throws {
        let site = try await AuthSite.make()
        try await site.addUser("rita", role: "reader")
        try await site.addUser("ed", role: "editor")
        try await site.test { client async throws in
            try await body(client, try await client.apostropheLogin("rita"), try await client.apostropheLogin("ed"))
        }
    }
}
