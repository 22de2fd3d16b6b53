import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Filters on media fields match the file as the library has it now, not the reference the
/// document stored when it was saved: a replaced file's new hash, URL and type, a new name or
/// alternative text, at the top level and inside components, without the document being saved again.
@Suite struct MediaFilterTests {
    static let files = [
        "schemas/components/shared/figure.yaml": """
            info: { displayName: Figure }
            attributes:
              image: { type: media, multiple: false, allowedTypes: [images] }
            """,
        "schemas/recipe.yaml": """
            kind: collectionType
            info: { singularName: recipe, pluralName: recipes, displayName: Recipe }
            attributes:
              title: { type: string, required: true }
              cover: { type: media, multiple: false, allowedTypes: [images] }
              hero: { type: component, component: shared.figure, repeatable: false }
            """,
    ]

    @Test func filtersSeeAReplacedFileAtOnce() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let dawn = try await client.uploadOne(try Pictures.jpeg(1200, 800), name: "dawn.jpg", type: "image/jpeg", token: token,
                                                  info: #"{"alternativeText":"Dawn"}"#)
            let plain = try await client.uploadOne(try Pictures.jpeg(300, 200), name: "plain.jpg", type: "image/jpeg", token: token)
            let dawnId = try #require(dawn["id"]?.intValue)
            let plainId = try #require(plain["id"]?.intValue)
            for (title, id) in [("Tart", dawnId), ("Bread", plainId)] {
                let created = try await client.send(.post, "/api/recipes", token: token, json: """
                    {"data":{"title":"\(title)","cover":\(id),"hero":{"image":\(id)}}}
                    """)
                #expect(created.status == .created, "\(created.text)")
            }
            let commitsBefore = try site.commitCount()
            func titles(_ filter: String) async throws -> [String] {
                let response = try await client.send(.get, "/api/recipes?\(filter)&sort=title", token: token)
                #expect(response.status == .ok, "\(filter): \(response.text)")
                guard case .array(let documents)? = try response.json["data"] else { return [] }
                return documents.compactMap { $0["title"]?.stringValue }
            }
            #expect(try await titles("filters[cover][mime][$eq]=image/jpeg") == ["Bread", "Tart"])
            #expect(try await titles("filters[cover][hash][$eq]=\(try #require(dawn["hash"]?.stringValue))") == ["Tart"])

            var form = MultipartBody()
            form.file(try Pictures.png(600, 900), name: "dusk.png", type: "image/png")
            form.field("fileInfo", #"{"alternativeText":"Evening harbour"}"#)
            let replaced = try await client.upload(form, token: token, query: "?id=\(dawnId)")
            #expect(replaced.status == .ok, "\(replaced.text)")
            let dusk = try replaced.json
            let newHash = try #require(dusk["hash"]?.stringValue)
            let newURL = try #require(dusk["url"]?.stringValue)
            // Only the media file was committed: the documents still hold the old reference.
            #expect(try site.commitCount() == commitsBefore + 1)

            // The same filter as before the replace, answered anew.
            #expect(try await titles("filters[cover][mime][$eq]=image/jpeg") == ["Bread"])
            #expect(try await titles("filters[cover][mime][$eq]=image/png") == ["Tart"])
            #expect(try await titles("filters[cover][hash][$eq]=\(try #require(dawn["hash"]?.stringValue))") == [])
            #expect(try await titles("filters[cover][hash][$eq]=\(newHash)") == ["Tart"])
            #expect(try await titles("filters[cover][url][$eq]=\(newURL)") == ["Tart"])
            #expect(try await titles("filters[cover][ext][$eq]=.png") == ["Tart"])
            #expect(try await titles("filters[hero][image][hash][$eq]=\(newHash)") == ["Tart"])
            #expect(try await titles("filters[hero][image][mime][$eq]=image/jpeg") == ["Bread"])
            // Fields the stored reference never held: the name and alternative text.
            #expect(try await titles("filters[cover][name][$eq]=dusk.png") == ["Tart"])
            #expect(try await titles("filters[cover][alternativeText][$containsi]=evening") == ["Tart"])
            // Numbers compare as numbers (600 and 300 are both under 1000; as text neither is).
            #expect(try await titles("filters[cover][width][$lt]=1000") == ["Bread", "Tart"])
            #expect(try await titles("filters[cover][height][$gte]=900") == ["Tart"])
            #expect(try await titles("filters[cover][size][$gt]=0") == ["Bread", "Tart"])
            #expect(try await client.send(.get, "/api/recipes?filters[cover][width][$lt]=abc", token: token).status == .badRequest)
            // A bare operand is the file's id, or (Quire's convenience) its documentId.
            #expect(try await titles("filters[cover]=\(dawnId)") == ["Tart"])
            #expect(try await titles("filters[cover][$eq]=\(try #require(dusk["documentId"]?.stringValue))") == ["Tart"])
        }
    }
}
