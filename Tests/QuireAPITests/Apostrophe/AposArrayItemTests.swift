import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Apostrophe's array and object fields (Quire components) with their items' `_id` and `metaType`.
@Suite struct AposArrayItemTests {
    static let files: [String: String] = [
        "schemas/components/shared/link.yaml": """
            info: { displayName: Link }
            attributes:
              label: { type: string }
              url: { type: string }
              sub: { type: component, component: shared.note, repeatable: true }
            """,
        "schemas/components/shared/note.yaml": """
            info: { displayName: Note }
            attributes:
              text: { type: string }
            """,
        "schemas/guide.yaml": """
            kind: collectionType
            info: { singularName: guide, pluralName: guides, displayName: Guide }
            attributes:
              title: { type: string, required: true }
              links: { type: component, component: shared.link, repeatable: true }
              seo: { type: component, component: shared.note }
            """,
        "content/en/guide/by-hand.yaml": """
            title: Written by hand
            links:
            - label: One
            - label: Two
            seo: { text: hi }
            """,
    ]

    @Test func itemsCarryTheirIdsKeptGivenAndMadeWhenMissing() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let created = try await client.apos(.post, "/api/v1/guide", token: token, json: """
                {"title":"Trip","links":[{"_id":"keepme","metaType":"arrayItem","label":"A","sub":[{"text":"x"}]},{"label":"B"}],
                 "seo":{"metaType":"object","text":"s"}}
                """)
            #expect(created.status == .ok, "\(created.text)")
            let doc = try created.json
            let links = doc["links"]?.array ?? []
            #expect(links[0]["_id"] == "keepme")
            #expect(links[0]["metaType"] == "arrayItem")
            #expect(links[0]["scopedArrayName"] == "doc.guide.links")
            #expect(links[0]["sub"]?[0]?["scopedArrayName"] == "doc.guide.links.sub")
            #expect(links[1]["_id"]?.stringValue?.count == 24, "made when missing")
            #expect(doc["seo"]?["metaType"] == "object")
            #expect(doc["seo"]?["scopedObjectName"] == "doc.guide.seo")
            let id = doc["aposDocId"]?.stringValue ?? ""
            let file = try site.git("show", "main:content/en/guide/\(id).yaml")
            #expect(file.contains("_id: keepme") && !file.contains("metaType"), "\(file)")

            // Stable: another write keeps every id, and @<_id> reaches the item.
            let second = links[1]["_id"]?.stringValue ?? ""
            let patched = try await client.apos(.patch, "/api/v1/guide/\(id)", token: token, json: "{\"@\(second).label\":\"B2\",\"title\":\"Trip 2\"}")
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(try patched.json["links"]?[1]?["_id"]?.stringValue == second)
            #expect(try patched.json["links"]?[1]?["label"] == "B2")
            #expect(try patched.json["links"]?[0]?["_id"] == "keepme")
            // A PUT of what GET answered (metaType and all) keeps them too.
            let read = try await client.apos(.get, "/api/v1/guide/\(id)", token: token)
            let put = try await client.apos(.put, "/api/v1/guide/\(id)", token: token, json: read.text)
            #expect(put.status == .ok, "\(put.text)")
            #expect(try put.json["links"] == (try read.json["links"]))
            // Strapi answers do not show it (Strapi's own `id` plays that part).
            let strapi = try await client.send(.get, "/api/guides/\(id)?populate=links", token: token)
            #expect(try strapi.json["data"]?["links"]?[0]?["label"] == "A", "\(strapi.text)")
            #expect(try strapi.json["data"]?["links"]?[0]?["_id"] == nil, "\(strapi.text)")
        }
    }

    @Test func itemsWrittenWithoutIdsAnswerTheSameIdsUntilAWriteStoresThem() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let first = try await client.apos(.get, "/api/v1/guide/by-hand", token: token).json
            let again = try await client.apos(.get, "/api/v1/guide/by-hand", token: token).json
            let ids = first["links"]?.array.compactMap { $0["_id"]?.stringValue } ?? []
            #expect(ids.count == 2 && ids[0] != ids[1])
            #expect(again["links"]?.array.compactMap { $0["_id"]?.stringValue } == ids, "the same on every read")
            let patched = try await client.apos(.patch, "/api/v1/guide/by-hand", token: token, json: "{\"@\(ids[1]).label\":\"Deux\"}")
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(try patched.json["links"]?.array.compactMap { $0["_id"]?.stringValue } == ids)
            let file = try site.git("show", "main:content/en/guide/by-hand.yaml")
            #expect(file.contains("_id: \(ids[0])") && file.contains("label: Deux"), "\(file)")
        }
    }
}
