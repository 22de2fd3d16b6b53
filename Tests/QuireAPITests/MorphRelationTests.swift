import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// `morphToOne` / `morphToMany` relations: stored with their `__type`, validated, populated as
/// Strapi 5 answers them, through the real stack.
@Suite struct MorphRelationTests {
    static let files: [String: String] = [
        "quire.yaml": """
            locales: [en, fr]
            defaultLocale: en
            permissions:
              public:
                note: [find, findOne]
                tag: [find, findOne]
            """,
        "schemas/note.yaml": """
            kind: collectionType
            info: { singularName: note, pluralName: notes, displayName: Note }
            attributes:
              title: { type: string }
              about: { type: relation, relation: morphToMany }
              main: { type: relation, relation: morphToOne }
            """,
        "content/en/note/n1.yaml": """
            title: One
            about:
              - __type: api::author.author
                documentId: ada
              - __type: api::tag.tag
                documentId: travel
            main:
              __type: api::tag.tag
              documentId: travel
            """,
    ]

    static func types(_ value: Value?) -> [String] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap { $0["__type"]?.stringValue }
    }

    @Test func storedLinksArePopulatedWithTheirType() async throws {
        let site = try await TestSite.make(files: Self.files)
        try await site.test { client async throws in
            let plain = try await client.send(.get, "/api/notes/n1", token: site.fullToken)
            #expect(try plain.json["data"]?["about"] == nil)
            let all = try await client.send(.get, "/api/notes/n1?populate=*", token: site.fullToken)
            #expect(all.status == .ok, "\(all.text)")
            let about = try all.json["data"]?["about"]
            #expect(Self.types(about) == ["api::author.author", "api::tag.tag"])
            #expect(about?[0]?["name"] == .string("Ada Lovelace") && about?[0]?["documentId"] == .string("ada"))
            #expect(try all.json["data"]?["main"]?["__type"] == .string("api::tag.tag"))
            #expect(try all.json["data"]?["main"]?["name"] == .string("Travel"))
            let fragment = try await client.send(.get, "/api/notes/n1?populate[about][on][api::author.author][fields][0]=documentId", token: site.fullToken)
            #expect(fragment.status == .ok, "\(fragment.text)")
            let first = try fragment.json["data"]?["about"]?[0]
            #expect(first?["__type"] == .string("api::author.author") && first?["name"] == nil)
            #expect(try fragment.json["data"]?["about"]?[1]?["name"] == .string("Travel"))
            let filtered = try await client.send(.get, "/api/notes/n1?populate[about][on][api::tag.tag][filters][name][$eq]=Nope", token: site.fullToken)
            #expect(Self.types(try filtered.json["data"]?["about"]) == ["api::author.author"], "\(filtered.text)")
            let apostrophe = try await client.send(.get, "/api/v1/note/n1", token: site.fullToken)
            #expect(apostrophe.status == .ok, "\(apostrophe.text)")
            #expect(try apostrophe.json["aboutIds"] == .array([.string("ada"), .string("travel")]))
            let count = try await client.send(.get, "/api/notes/n1?populate[about][count]=true", token: site.fullToken)
            #expect(try count.json["data"]?["about"]?["count"] == .int(2))
            // The public may read tags but not authors: only the tag shows, and naming authors is refused.
            let anonymous = try await client.send(.get, "/api/notes/n1?populate=about")
            #expect(anonymous.status == .ok, "\(anonymous.text)")
            #expect(Self.types(try anonymous.json["data"]?["about"]) == ["api::tag.tag"])
            #expect(try await client.send(.get, "/api/notes/n1?populate[about][on][api::author.author]=true").status == .badRequest)
            for bad in ["?populate[about][on][api::nope.nope]=true", "?populate=about.name", "?populate[about][fields][0]=name",
                        "?filters[about][documentId]=ada", "?sort=about.name"] {
                #expect(try await client.send(.get, "/api/notes" + (bad.hasPrefix("?populate") ? "/n1" : "") + bad, token: site.fullToken).status == .badRequest, "\(bad)")
            }
        }
    }

    @Test func writesTakeStrapisFormsAndKeepTheType() async throws {
        let site = try await TestSite.make(files: Self.files)
        try await site.test { client async throws in
            let created = try await client.send(.post, "/api/notes?populate=*", token: site.fullToken, json: """
                {"data":{"title":"Two","about":[{"documentId":"travel","__type":"api::tag.tag"},{"documentId":"first-post","__type":"api::article.article"}],
                 "main":{"documentId":"ada","__type":"api::author.author"}}}
                """)
            #expect(created.status == .created || created.status == .ok, "\(created.text)")
            let id = try #require(try created.json["data"]?["documentId"]?.stringValue)
            // Drafts are not published: an article draft-only would be left out; first-post is published.
            #expect(Self.types(try created.json["data"]?["about"]) == ["api::tag.tag", "api::article.article"])
            #expect(try created.json["data"]?["main"]?["documentId"] == .string("ada"))
            let file = try String(contentsOfFile: site.path + "/content/en/note/\(id).yaml", encoding: .utf8)
            #expect(file.contains("__type: api::tag.tag") && file.contains("documentId: first-post"), "\(file)")

            let changed = try await client.send(.put, "/api/notes/\(id)?populate=about", token: site.fullToken, json: """
                {"data":{"about":{"connect":[{"documentId":"ada","__type":"api::author.author","position":{"start":true}}],
                 "disconnect":[{"documentId":"travel","__type":"api::tag.tag"}]}}}
                """)
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(Self.types(try changed.json["data"]?["about"]) == ["api::author.author", "api::article.article"])
            // Strapi clients may name a target by its numeric id, with its __type.
            let adaID = try #require(try await client.send(.get, "/api/authors/ada", token: site.fullToken).json["data"]?["id"])
            let byNumber = try await client.send(.put, "/api/notes/\(id)?populate=main", token: site.fullToken,
                                                 json: #"{"data":{"main":{"id":\#(String(decoding: JSON.encode(adaID), as: UTF8.self)),"__type":"api::author.author"}}}"#)
            #expect(try byNumber.json["data"]?["main"]?["documentId"] == .string("ada"), "\(byNumber.text)")
            let cleared = try await client.send(.put, "/api/notes/\(id)?populate=main", token: site.fullToken, json: #"{"data":{"main":null}}"#)
            #expect(try cleared.json["data"]?["main"] == .null)

            for bad in [#"{"about":[{"documentId":"ada"}]}"#, #"{"about":["ada"]}"#,
                        #"{"about":[{"documentId":"ada","__type":"api::nope.nope"}]}"#,
                        #"{"about":[{"documentId":"nobody","__type":"api::author.author"}]}"#,
                        #"{"about":[{"documentId":"ada","__type":"api::author.author","extra":1}]}"#,
                        #"{"main":{"documentId":"../x","__type":"api::author.author"}}"#] {
                let response = try await client.send(.put, "/api/notes/\(id)", token: site.fullToken, json: #"{"data":\#(bad)}"#)
                #expect(response.status == .badRequest, "\(bad): \(response.text)")
                #expect(try response.json["error"]?["name"] == .string("ValidationError"), "\(bad)")
            }
        }
    }

    @Test func aFileWithABadTypeIsReported() async throws {
        let site = try await TestSite.make(files: Self.files.merging([
            "content/en/note/n2.yaml": "title: Bad\nabout:\n  - __type: api::nope.nope\n    documentId: ada\n",
        ]) { $1 })
        try await site.test { client async throws in
            let problems = try await client.send(.get, "/_health", token: site.fullToken).text
            #expect(problems.contains("about[0].__type"), "\(problems)")
        }
    }

    /// The file's JSON Schema and Quire agree on what a morph relation may hold, and the OpenAPI
    /// document describes the write forms and the answers.
    @Test func schemasDescribeMorphRelations() async throws {
        let files = TestSite.schemas.merging(Self.files) { $1 }
        let schema = SiteSchema.load(files: files.filter { $0.key.hasPrefix("schemas/") }.map { ($0.key, Array($0.value.utf8)) })
        let note = try #require(DocumentFileSchema(schema: schema).files().first { $0.name == "note.schema.json" }?.bytes)
        let cases = [
            "valid": Self.files["content/en/note/n1.yaml"]!,
            "no-type": "about:\n  - documentId: ada\n",
            "bad-type": "about:\n  - __type: api::nope.nope\n    documentId: ada\n",
            "bare-id": "main: ada\n",
        ]
        let results = try PythonTool.validateYAML(cases.map { ($0.key, note, $0.value) })
        #expect(results["valid"] == [])
        for name in cases.keys.sorted() where name != "valid" { #expect(results[name]?.isEmpty == false, "\(name) passed the JSON Schema") }
        let site = try await TestSite.make(files: Self.files.merging(cases.filter { $0.key != "valid" }.reduce(into: [:]) {
            $0["content/en/note/\($1.key).yaml"] = $1.value
        }) { $1 })
        defer { site.remove() }
        let flagged = Set(site.site.snapshot.problems.map(\.path))
        for name in cases.keys.sorted() where name != "valid" { #expect(flagged.contains("content/en/note/\(name).yaml"), "\(name) passed Quire") }

        let app = Application(router: buildRouter(site: site.site, authenticator: Authenticator(store: TokenStore(gitDirectory: site.repository.gitDirectory)), options: site.options))
        let document = try await app.test(.router) { client in try await client.send(.get, "/api/openapi.json").json }
        let schemas = document["components"]?["schemas"]
        let input = schemas?["NoteInput"]?["properties"]?["about"]
        #expect(input?["anyOf"]?[0]?["required"] == .array([.string("documentId"), .string("__type")]), "\(String(describing: input))")
        #expect(input?["anyOf"]?[0]?["properties"]?["__type"]?["enum"]?.count == 5)
        #expect(schemas?["Note"]?["properties"]?["about"]?["items"]?["required"] == .array([.string("__type")]))
    }

    /// `quire import` writes morph links in the stored form, checks their targets, and refuses
    /// items without a `__type`.
    @Test func importsKeepTheType() async throws {
        let site = try await TestSite.make(files: Self.files)
        defer { site.remove() }
        let good = #"{"type":"note","documentId":"n3","data":{"about":[{"documentId":"ada","__type":"api::author.author"}],"main":{"documentId":"travel","__type":"api::tag.tag"}}}"#
        _ = try await ImportTests.importing(site, ndjson: good + "\n")
        let file = try site.git("show", "main:content/en/note/n3.yaml")
        #expect(file == "about:\n- __type: api::author.author\n  documentId: ada\nmain:\n  __type: api::tag.tag\n  documentId: travel\n", "\(file)")
        for bad in [#"{"type":"note","data":{"about":["ada"]}}"#, #"{"type":"note","data":{"about":[{"documentId":"nobody","__type":"api::author.author"}]}}"#] {
            let problems = await ImportTests.problems { _ = try await ImportTests.importing(site, ndjson: bad + "\n") }
            #expect(!problems.isEmpty, "\(bad)")
        }
    }
}
