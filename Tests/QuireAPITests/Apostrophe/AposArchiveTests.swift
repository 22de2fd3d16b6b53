import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Apostrophe's page archive: `_archive` as a move target, a page archived by `parent: _archive`
/// in its file, visible to editors in draft mode and never in the published tree.
@Suite struct AposArchiveTests {
    static let tree = "/api/v1/@apostrophecms/page"

    func slugs(_ pages: Value?) -> [String] {
        pages?.array.compactMap { $0["slug"]?.stringValue } ?? []
    }

    @Test func archivingUnarchivingAndWhoSeesTheArchive() async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        let token = site.fullToken
        try await site.test { client async throws in
            let drafts = try await client.apos(.get, "\(Self.tree)?aposMode=draft", token: token).json
            #expect(slugs(drafts["_children"]) == ["/about", "/contact", "/archive"], "the archive is home's last child")
            let archive = drafts["_children"]?[2]
            #expect(archive?["type"] == .string("@apostrophecms/archive-page"))
            #expect(archive?["archived"] == .bool(true))
            #expect(archive?["_id"] == .string("_archive:en:draft"))
            let published = try await client.apos(.get, Self.tree, token: token).json
            #expect(slugs(published["_children"]) == ["/about", "/contact"], "the public tree has no archive")

            let archived = try await client.apos(.patch, "\(Self.tree)/team:en:draft?aposMode=draft", token: token,
                                                 json: #"{"_targetId":"_archive","_position":"lastChild"}"#)
            #expect(archived.status == .ok, "\(archived.text)")
            #expect(try archived.json["slug"] == .string("/archive/team"))
            #expect(try archived.json["archived"] == .bool(true))
            #expect(try site.show("drafts/en/page/team", "content/en/page/team.yaml").contains("parent: _archive\n"))
            let inArchive = try await client.apos(.get, "\(Self.tree)/_archive?aposMode=draft", token: token).json
            #expect(slugs(inArchive["_children"]) == ["/archive/team"])

            #expect(try await client.apos(.post, "/api/v1/page/team:en:draft/publish", token: token).status == .ok)
            #expect(try site.show("main", "content/en/page/team.yaml").contains("parent: _archive\n"))
            let after = try await client.apos(.get, "\(Self.tree)?children[depth]=3", token: token).json
            #expect(slugs(after["_children"]?[0]?["_children"]) == [], "an archived page leaves the published tree")
            try expectAposError(try await client.apos(.get, "\(Self.tree)/team:en:published", token: token), .notFound, name: "notfound")
            try expectAposError(try await client.apos(.get, "\(Self.tree)/_archive", token: token), .notFound, name: "notfound")

            // A human archives a page the same way, in the file.
            try await site.humanCommit("content/en/page/contact.yaml", "title: Contact\nslug: contact\nparent: _archive\nrank: 2\n")
            let humanArchived = try await client.apos(.get, "\(Self.tree)/_archive?aposMode=draft", token: token).json
            #expect(slugs(humanArchived["_children"]) == ["/archive/team", "/archive/contact"])

            let restored = try await client.apos(.patch, "\(Self.tree)/team:en:draft?aposMode=draft", token: token,
                                                 json: #"{"_targetId":"_home","_position":"firstChild"}"#)
            #expect(try restored.json["slug"] == .string("/team"))
            #expect(try restored.json["archived"] == .bool(false))

            let created = try await client.apos(.post, "\(Self.tree)?aposMode=draft", token: token,
                                                json: #"{"type":"page","title":"Old news","_targetId":"_archive","_position":"firstChild"}"#)
            #expect(try created.json["slug"] == .string("/archive/old-news"), "\(created.text)")
            try expectAposError(try await client.apos(.patch, "\(Self.tree)/_archive?aposMode=draft", token: token,
                                                      json: #"{"_targetId":"contact","_position":"firstChild"}"#), .notFound, name: "notfound")
        }
    }
}
