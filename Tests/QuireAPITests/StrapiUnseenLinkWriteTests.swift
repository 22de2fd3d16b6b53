import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// A Strapi-dialect write never removes the links its caller cannot see (a relation to a type
/// it may not read; a draft of a type whose drafts it may not read), and a link to a document
/// it cannot see answers exactly as a link to no document, in both dialects.
@Suite struct StrapiUnseenLinkWriteTests {
    /// Tags have drafts; notes link to anything (`MorphRelationTests`).
    static let files = MorphRelationTests.files.merging([
        "quire.yaml": AuthSite.quireYAML,
        "schemas/tag.yaml": """
            kind: collectionType
            info: { singularName: tag, pluralName: tags, displayName: Tag }
            options: { draftAndPublish: true }
            pluginOptions: { i18n: { localized: true } }
            attributes:
              name: { type: string, required: true }
            """,
    ]) { $1 }

    /// May write articles and notes and read tags, but never authors, nor drafts of tags.
    static func token(_ site: AuthSite) async throws -> String {
        try await site.token(name: "editor", access: .custom, permissions: [
            "article": ["find", "findOne", "create", "update", "publish", "view-draft"],
            "note": ["find", "findOne", "update"], "tag": ["find", "findOne"],
        ])
    }

    static func file(_ site: AuthSite, _ path: String) throws -> String {
        try String(contentsOfFile: site.base.path + "/content/en/" + path, encoding: .utf8)
    }

    static func shown(_ site: AuthSite, _ path: String) -> String {
        (try? file(site, path)) ?? "(unreadable)"
    }

    /// A tag that exists only as a draft: its documentId and numeric id.
    static func draftTag(_ client: any TestClientProtocol, admin: String, name: String) async throws -> (documentId: String, id: Int64) {
        let created = try await client.send(.post, "/api/tags?status=draft", token: admin, json: #"{"data":{"name":"\#(name)"}}"#)
        #expect(created.status == .created, "\(created.text)")
        let data = try #require(try created.json["data"])
        return (try #require(data["documentId"]?.stringValue), try #require(data["id"]?.intValue))
    }

    static func put(_ client: any TestClientProtocol, _ path: String, token: String, _ data: String) async throws -> TestResponse {
        try await client.send(.put, path, token: token, json: #"{"data":\#(data)}"#)
    }

    @Test func writesKeepTheDraftsTheCallerCannotSee() async throws {
        let site = try await AuthSite.make(files: Self.files)
        let token = try await Self.token(site)
        let admin = try await site.token(name: "admin", access: .fullAccess)
        try await site.test { client async throws in
            let hidden = try await Self.draftTag(client, admin: admin, name: "Hidden").documentId
            let path = "/api/articles/first-post"
            let linked = try await Self.put(client, path, token: admin, #"{"tags":["travel","\#(hidden)"]}"#)
            #expect(linked.status == .ok, "\(linked.text)")
            let read = try await client.send(.get, path + "?populate=tags", token: token)
            #expect(try read.json["data"]?["tags"]?.array.compactMap { $0["documentId"]?.stringValue } == ["travel"], "\(read.text)")

            // A PUT of what it read, an emptied set, null, a disconnect of the hidden tag: the hidden tag stays.
            for data in [#"{"tags":["travel"]}"#, #"{"tags":{"set":[]}}"#, #"{"tags":null}"#, #"{"tags":{"disconnect":["\#(hidden)"]}}"#,
                         #"{"tags":{"connect":["travel"]}}"#] {
                let written = try await Self.put(client, path, token: token, data)
                #expect(written.status == .ok, "\(data): \(written.text)")
                #expect(try Self.file(site, "article/first-post.yaml").contains(hidden), "\(data): \(Self.shown(site, "article/first-post.yaml"))")
            }
            // What it connected comes after the hidden tag, where the emptied set left it.
            let full = try await client.send(.get, path + "?populate=tags&status=draft", token: admin)
            #expect(try full.json["data"]?["tags"]?.array.compactMap { $0["documentId"]?.stringValue } == [hidden, "travel"], "\(full.text)")
        }
    }

    @Test func aRelationToATypeTheCallerCannotReadIsAnInvalidKey() async throws {
        let site = try await AuthSite.make(files: Self.files)
        let token = try await Self.token(site)
        let admin = try await site.token(name: "admin", access: .fullAccess)
        try await site.test { client async throws in
            for data in [#"{"author":null}"#, #"{"author":"ada"}"#, #"{"author":{"disconnect":["ada"]}}"#, #"{"author":1}"#] {
                let written = try await Self.put(client, "/api/articles/first-post", token: token, data)
                #expect(written.status == .badRequest, "\(data): \(written.text)")
                #expect(try written.json["error"]?["message"] == "Invalid key author", "\(data): \(written.text)")
            }
            #expect(try Self.file(site, "article/first-post.yaml").contains("author: ada"))

            // A morph relation: naming an author is refused; the author it cannot see keeps its place.
            let named = try await Self.put(client, "/api/notes/n1", token: token, #"{"about":{"connect":[{"documentId":"ada","__type":"api::author.author"}]}}"#)
            #expect(try named.json["error"]?["message"] == "Invalid key about", "\(named.text)")
            for data in [#"{"about":[{"documentId":"travel","__type":"api::tag.tag"}]}"#, #"{"about":null}"#] {
                let written = try await Self.put(client, "/api/notes/n1", token: token, data)
                #expect(written.status == .ok, "\(data): \(written.text)")
                #expect(try Self.file(site, "note/n1.yaml").contains("documentId: ada"), "\(data): \(Self.shown(site, "note/n1.yaml"))")
            }
        }
    }

    @Test func aDraftTheCallerCannotSeeAnswersAsNoDocument() async throws {
        let site = try await AuthSite.make(files: Self.files)
        let token = try await Self.token(site)
        let admin = try await site.token(name: "admin", access: .fullAccess)
        try await site.test { client async throws in
            let hidden = try await Self.draftTag(client, admin: admin, name: "Hidden")
            let nothing = (documentId: "zzzzzzzzzzzzzzzzzzzzzzzz", id: Int64(987_654_321))
            func answer(_ data: String) async throws -> (HTTPResponse.Status, String) {
                let written = try await Self.put(client, "/api/articles/first-post?status=draft", token: token, data)
                return (written.status, written.text)
            }
            for (form, named) in [("connect", #"{"tags":{"connect":["ID"]}}"#), ("set", #"{"tags":["ID"]}"#), ("numeric", #"{"tags":[NUM]}"#)] {
                let toHidden = try await answer(named.replacingOccurrences(of: "ID", with: hidden.documentId).replacingOccurrences(of: "NUM", with: "\(hidden.id)"))
                let toNothing = try await answer(named.replacingOccurrences(of: "ID", with: nothing.documentId).replacingOccurrences(of: "NUM", with: "\(nothing.id)"))
                #expect(toHidden.0 == .badRequest && toHidden.0 == toNothing.0, "\(form): \(toHidden.1)")
                let same = toHidden.1.replacingOccurrences(of: hidden.documentId, with: "X").replacingOccurrences(of: "\(hidden.id)", with: "X")
                #expect(same == toNothing.1.replacingOccurrences(of: nothing.documentId, with: "X").replacingOccurrences(of: "\(nothing.id)", with: "X"), "\(form)")
            }
            let morph = #"{"about":{"connect":[{"documentId":"ID","__type":"api::tag.tag"}]}}"#
            let morphHidden = try await Self.put(client, "/api/notes/n1", token: token, morph.replacingOccurrences(of: "ID", with: hidden.documentId))
            let morphNothing = try await Self.put(client, "/api/notes/n1", token: token, morph.replacingOccurrences(of: "ID", with: nothing.documentId))
            #expect(morphHidden.status == .badRequest && morphHidden.status == morphNothing.status, "\(morphHidden.text)")
            #expect(morphHidden.text.replacingOccurrences(of: hidden.documentId, with: "X") == morphNothing.text.replacingOccurrences(of: nothing.documentId, with: "X"))

            // Apostrophe drops an id naming no document: a hidden draft is dropped the same way.
            for id in [hidden.documentId, nothing.documentId] {
                let written = try await client.apos(.patch, "/api/v1/article/first-post:en:published", token: token, json: #"{"_tags":[{"_id":"\#(id)"}]}"#)
                #expect(written.status == .ok, "\(written.text)")
                #expect(try !Self.file(site, "article/first-post.yaml").contains(id), "\(Self.shown(site, "article/first-post.yaml"))")
            }
            // A caller who may see drafts links it.
            let full = try await Self.put(client, "/api/articles/first-post?status=draft", token: admin, #"{"tags":["\#(hidden.documentId)"]}"#)
            #expect(full.status == .ok, "\(full.text)")
        }
    }
}

/// The same for Apostrophe: a published-mode read shows no draft the caller may not see, so its
/// writes keep such links (a PUT of its GET, a PUT without the field, `tagsIds`).
@Suite struct AposHiddenDraftLinkWriteTests {
    @Test func writesKeepTheDraftsTheCallerCannotSee() async throws {
        let site = try await AuthSite.make(files: StrapiUnseenLinkWriteTests.files)
        let token = try await StrapiUnseenLinkWriteTests.token(site)
        let admin = try await site.token(name: "admin", access: .fullAccess)
        try await site.test { client async throws in
            let hidden = try await StrapiUnseenLinkWriteTests.draftTag(client, admin: admin, name: "Hidden").documentId
            let linked = try await StrapiUnseenLinkWriteTests.put(client, "/api/articles/first-post", token: admin, #"{"tags":["travel","\#(hidden)"]}"#)
            #expect(linked.status == .ok, "\(linked.text)")
            let path = "/api/v1/article/first-post:en:published"
            let read = try await client.apos(.get, path, token: token)
            #expect(try read.json["_tags"]?.array.count == 1, "\(read.text)")
            for body in [read.text, #"{"title":"Bare"}"#, #"{"title":"Ids","tagsIds":["travel"]}"#, #"{"title":"None","_tags":[]}"#] {
                let written = try await client.apos(.put, path, token: token, json: body)
                #expect(written.status == .ok, "\(written.text)")
                #expect(try StrapiUnseenLinkWriteTests.file(site, "article/first-post.yaml").contains(hidden),
                        "\(body): \(StrapiUnseenLinkWriteTests.shown(site, "article/first-post.yaml"))")
            }

            // A morph relation keeps them too, in their places.
            let about = #"{"about":[{"documentId":"travel","__type":"api::tag.tag"},{"documentId":"\#(hidden)","__type":"api::tag.tag"}]}"#
            #expect(try await StrapiUnseenLinkWriteTests.put(client, "/api/notes/n1", token: admin, about).status == .ok)
            let note = try await client.apos(.get, "/api/v1/note/n1", token: token)
            for body in [note.text, #"{"title":"None","_about":[]}"#] {
                let written = try await client.apos(.put, "/api/v1/note/n1", token: token, json: body)
                #expect(written.status == .ok, "\(written.text)")
                #expect(try StrapiUnseenLinkWriteTests.file(site, "note/n1.yaml").contains(hidden),
                        "\(body): \(StrapiUnseenLinkWriteTests.shown(site, "note/n1.yaml"))")
            }
        }
    }
}
