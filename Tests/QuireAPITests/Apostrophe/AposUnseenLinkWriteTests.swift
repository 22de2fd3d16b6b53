import Foundation
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// A caller who may not read a type never sees links to it (`AposEmbeddedRelationPermissionTests`),
/// so its writes of a relationship leave those links alone: a PUT of what it read, a `_about`
/// it sends, a `$pullAllById` of an id it guessed, a PUT without the field.
@Suite struct AposUnseenLinkWriteTests {
    static let files = MorphRelationTests.files.merging([
        "quire.yaml": """
            locales: [en, fr]
            defaultLocale: en
            """,
    ]) { $1 }

    static func file(_ site: AuthSite, _ path: String) throws -> String {
        try String(contentsOfFile: site.base.path + "/content/en/" + path, encoding: .utf8)
    }

    /// The file for a failure's message.
    static func shown(_ site: AuthSite, _ path: String) -> String {
        (try? file(site, path)) ?? "(unreadable)"
    }

    /// May write notes and articles, and read tags, but never authors.
    static func token(_ site: AuthSite) async throws -> String {
        try await site.token(name: "no-authors", access: .custom, permissions: [
            "note": ["find", "findOne", "create", "update"], "tag": ["find", "findOne"],
            "article": ["find", "findOne", "update", "publish"],
        ])
    }

    /// The types of the note's morph links (`about`, then `main`), in the file's order.
    static func aboutTypes(_ site: AuthSite) throws -> [String] {
        try file(site, "note/n1.yaml").components(separatedBy: "__type: api::").dropFirst().map { String($0.prefix { $0 != "." }) }
    }

    @Test func morphWritesKeepTheLinksTheCallerCannotSee() async throws {
        let site = try await AuthSite.make(files: Self.files)
        let token = try await Self.token(site)
        try await site.test { client async throws in
            let path = "/api/v1/note/n1"
            let read = try await client.apos(.get, path, token: token)
            #expect(try read.json["aboutIds"] == .array(["travel"]), "\(read.text)")

            // A PUT of what it read changes nothing, order included.
            let put = try await client.apos(.put, path, token: token, json: read.text)
            #expect(put.status == .ok, "\(put.text)")
            #expect(try Self.aboutTypes(site) == ["author", "tag", "tag"], "\(Self.shown(site, "note/n1.yaml"))")

            // Emptying what it sees leaves what it does not.
            let emptied = try await client.apos(.patch, path, token: token, json: #"{"_about":[]}"#)
            #expect(emptied.status == .ok, "\(emptied.text)")
            #expect(try emptied.json["_about"] == .array([]))
            #expect(try Self.aboutTypes(site) == ["author", "tag"], "main is still the tag: \(Self.shown(site, "note/n1.yaml"))")
            let pulled = try await client.apos(.patch, path, token: token, json: #"{"$pullAllById":{"_about":["ada"]}}"#)
            #expect(pulled.status == .ok, "\(pulled.text)")
            #expect(try Self.file(site, "note/n1.yaml").contains("documentId: ada"))

            // What it adds comes after; an author it names is no document to it.
            let added = try await client.apos(.patch, path, token: token, json: #"{"_about":[{"_id":"travel","type":"tag"},{"_id":"ada","type":"author"}]}"#)
            #expect(added.status == .ok, "\(added.text)")
            let full = try await client.apos(.get, path, token: site.base.fullToken)
            #expect(try full.json["aboutIds"] == .array(["ada", "travel"]), "\(full.text)")

            // A PUT that leaves the field out keeps the unseen links too.
            let bare = try await client.apos(.put, path, token: token, json: #"{"title":"Bare"}"#)
            #expect(bare.status == .ok, "\(bare.text)")
            let kept = try await client.apos(.get, path, token: site.base.fullToken)
            #expect(try kept.json["aboutIds"] == .array(["ada"]), "\(kept.text)")

            // A copy (Apostrophe's duplicate) keeps them as well.
            let copy = try await client.apos(.post, "/api/v1/note", token: token, json: #"{"_copyingId":"n1","title":"Copy","_about":[]}"#)
            #expect(copy.status == .ok, "\(copy.text)")
            let copied = try await client.apos(.get, "/api/v1/note/\(try #require(try copy.json["aposDocId"]?.stringValue))", token: site.base.fullToken)
            #expect(try copied.json["aboutIds"] == .array(["ada"]), "\(copied.text)")
        }
    }

    @Test func relationshipsToATypeTheCallerCannotReadAreKept() async throws {
        let site = try await AuthSite.make(files: Self.files)
        let token = try await Self.token(site)
        try await site.test { client async throws in
            let path = "/api/v1/article/first-post:en:published"
            let read = try await client.apos(.get, path, token: token)
            #expect(try read.json["_author"] == .array([]), "\(read.text)")
            // Its own PUT-of-GET carries `_author: []`, which used to unlink the author.
            let put = try await client.apos(.put, path, token: token, json: read.text)
            #expect(put.status == .ok, "\(put.text)")
            #expect(try Self.file(site, "article/first-post.yaml").contains("author: ada"), "\(Self.shown(site, "article/first-post.yaml"))")
            for body in [#"{"_author":[]}"#, #"{"authorIds":[]}"#, #"{"$pullAllById":{"_author":["ada"]}}"#] {
                let patched = try await client.apos(.patch, path, token: token, json: body)
                #expect(patched.status == .ok, "\(body): \(patched.text)")
                #expect(try Self.file(site, "article/first-post.yaml").contains("author: ada"), "\(body)")
            }
            let bare = try await client.apos(.put, path, token: token, json: #"{"title":"Bare"}"#)
            #expect(bare.status == .ok, "\(bare.text)")
            let kept = try await client.apos(.get, path, token: site.base.fullToken)
            #expect(try kept.json["authorIds"] == .array(["ada"]), "\(kept.text)")
            // Whoever may read authors still unlinks them.
            let unlinked = try await client.apos(.patch, path, token: site.base.fullToken, json: #"{"_author":[]}"#)
            #expect(try unlinked.json["authorIds"] == .array([]), "\(unlinked.text)")
        }
    }
}
