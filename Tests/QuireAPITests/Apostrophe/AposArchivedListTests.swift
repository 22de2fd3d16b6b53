import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Apostrophe hides archived documents from piece reads unless `archived` asks for them
/// (`archived=true|1` only them, `any` both). In Quire the archived documents are the pages
/// under `_archive`, read through their type's piece routes.
@Suite struct AposArchivedListTests {
    static let files = aposPageFiles.merging([
        "content/en/page/old.yaml": "title: Old\nslug: old\nparent: _archive\n",
        "content/en/page/older.yaml": "title: Older\nslug: older\nparent: old\n",
    ]) { $1 }

    func ids(_ client: any TestClientProtocol, _ uri: String, token: String) async throws -> [String] {
        let response = try await client.apos(.get, uri, token: token)
        #expect(response.status == .ok, "\(response.text)")
        return try response.json["results"]?.array.compactMap { $0["aposDocId"]?.stringValue } ?? []
    }

    @Test func listsHideArchivedPagesUnlessAsked() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            #expect(try await ids(client, "/api/v1/page", token: token) == ["about", "contact", "home", "team"])
            #expect(try await ids(client, "/api/v1/page?archived=false", token: token) == ["about", "contact", "home", "team"])
            #expect(try await ids(client, "/api/v1/page?aposMode=draft", token: token) == ["about", "contact", "home", "team"])
            #expect(try await ids(client, "/api/v1/page?archived=true", token: token) == ["old", "older"], "a subtree is archived with its root")
            #expect(try await ids(client, "/api/v1/page?archived=1&aposMode=draft", token: token) == ["old", "older"])
            #expect(try await ids(client, "/api/v1/page?archived=any", token: token) == ["about", "contact", "home", "old", "older", "team"])
            #expect(try await ids(client, "/api/v1/page?archived=any&search=old", token: token).sorted() == ["old", "older"])

            let any = try await client.apos(.get, "/api/v1/page?archived=any", token: token).json
            let flags = Dictionary(uniqueKeysWithValues: any["results"]?.array.map { ($0["aposDocId"]?.stringValue ?? "", $0["archived"]) } ?? [])
            #expect(flags["old"] == .bool(true))
            #expect(flags["older"] == .bool(true))
            #expect(flags["about"] == .bool(false))
            let counted = try await client.apos(.get, "/api/v1/page?perPage=2", token: token).json
            #expect(counted["pages"] == .int(2), "pages counts what is shown")

            let asQuery = try await client.apos(.post, "/api/v1/page", token: token, json: #"{"__aposGetWithQuery":{"archived":"true"}}"#)
            #expect(try asQuery.json["results"]?.array.compactMap { $0["aposDocId"]?.stringValue } == ["old", "older"])
        }
    }

    @Test func findOneNeedsArchivedForAnArchivedPage() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            try expectAposError(try await client.apos(.get, "/api/v1/page/old:en:published", token: token), .notFound, name: "notfound")
            try expectAposError(try await client.apos(.get, "/api/v1/page/older:en:draft", token: token), .notFound, name: "notfound")
            let found = try await client.apos(.get, "/api/v1/page/old:en:published?archived=any", token: token)
            #expect(found.status == .ok, "\(found.text)")
            #expect(try found.json["archived"] == .bool(true))
            #expect(try await client.apos(.get, "/api/v1/page/older?archived=1", token: token).status == .ok)
            try expectAposError(try await client.apos(.get, "/api/v1/page/about?archived=true", token: token), .notFound, name: "notfound")
            #expect(try await client.apos(.get, "/api/v1/page/about", token: token).json["archived"] == .bool(false))
        }
    }

    @Test func archivingThroughTheTreeTakesThePageOutOfTheDraftList() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            #expect(try await ids(client, "/api/v1/page?aposMode=draft", token: token).contains("team"))
            let moved = try await client.apos(.patch, "/api/v1/@apostrophecms/page/team:en:draft?aposMode=draft", token: token,
                                              json: #"{"_targetId":"_archive","_position":"lastChild"}"#)
            #expect(moved.status == .ok, "\(moved.text)")
            #expect(try await ids(client, "/api/v1/page?aposMode=draft", token: token) == ["about", "contact", "home"])
            #expect(try await ids(client, "/api/v1/page", token: token).contains("team"), "published until the move is published")
            #expect(try await ids(client, "/api/v1/page?aposMode=draft&archived=true", token: token) == ["old", "older", "team"])
        }
    }
}
