import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `media` attributes inside components (single, repeatable, nested) and dynamic zones: written
/// by id or documentId and checked as at the top level, populated with Strapi's nested
/// `populate` syntax, filtered on, and a file only a draft's component uses stays private.
@Suite struct MediaComponentTests {
    static let files = [
        "quire.yaml": """
            locales: [en]
            defaultLocale: en
            permissions:
              public:
                upload: [find, findOne]
                story: [find, findOne]
            """,
        "schemas/components/shared/figure.yaml": """
            info: { displayName: Figure }
            attributes:
              image: { type: media, multiple: false, allowedTypes: [images] }
              caption: { type: string }
            """,
        "schemas/components/shared/gallery.yaml": """
            info: { displayName: Gallery }
            attributes:
              title: { type: string }
              pictures: { type: media, multiple: true, allowedTypes: [images] }
              lead: { type: component, component: shared.figure, repeatable: false }
            """,
        "schemas/components/shared/quote.yaml": """
            info: { displayName: Quote }
            attributes:
              text: { type: string }
            """,
        "schemas/story.yaml": """
            kind: collectionType
            info: { singularName: story, pluralName: stories, displayName: Story }
            options: { draftAndPublish: true }
            attributes:
              title: { type: string, required: true }
              hero: { type: component, component: shared.figure, repeatable: false }
              figures: { type: component, component: shared.figure, repeatable: true }
              blocks: { type: dynamiczone, components: [shared.gallery, shared.quote] }
            """,
    ]

    @Test func mediaInsideComponentsIsCheckedStoredAndPopulated() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let a = try await client.uploadOne(try Pictures.jpeg(400, 300), name: "a.jpg", type: "image/jpeg", token: token,
                                               info: #"{"alternativeText":"First"}"#)
            let b = try await client.uploadOne(try Pictures.png(300, 200), name: "b.png", type: "image/png", token: token)
            let csv = try await client.uploadOne(Array("x,y\n".utf8), name: "c.csv", type: "text/csv", token: token)
            let bId = try #require(b["documentId"]?.stringValue)
            let aId = try #require(a["id"]?.intValue)

            let created = try await client.send(.post, "/api/stories", token: token, json: """
                {"data":{"title":"Pictures","hero":{"image":\(aId),"caption":"Dawn"},
                 "figures":[{"image":"\(bId)"},{"image":{"id":\(aId)}}],
                 "blocks":[{"__component":"shared.quote","text":"Hi"},
                           {"__component":"shared.gallery","title":"G","pictures":[\(aId),{"documentId":"\(bId)"}],
                            "lead":{"image":"\(bId)"}}]}}
                """)
            #expect(created.status == .created, "\(created.text)")
            let story = try #require(try created.json["data"]?["documentId"]?.stringValue)
            // Stored as the same readable reference as a top-level media attribute.
            let stored = try site.git("show", "main:content/en/story/\(story).yaml")
            #expect(stored.contains(try #require(b["hash"]?.stringValue)))
            #expect(stored.contains("/uploads/"))

            // Strapi's syntax for media in components: nothing inside is populated by `*`, …
            let star = try await client.send(.get, "/api/stories/\(story)?populate=*", token: token).json["data"]
            #expect(star?["hero"]?["caption"] == .string("Dawn"))
            #expect(star?["hero"]?["image"] == nil)
            // … `populate[hero][populate]=image`, `[populate][image]=true`, `[populate]=*` do.
            for query in ["populate[hero][populate]=image", "populate[hero][populate][image]=true", "populate[hero][populate]=*",
                          "populate[hero][populate][0]=image"] {
                let hero = try await client.send(.get, "/api/stories/\(story)?\(query)", token: token).json["data"]?["hero"]
                #expect(hero?["image"]?["alternativeText"] == .string("First"), "\(query)")
                #expect(hero?["image"]?["formats"]?["thumbnail"]?["url"]?.stringValue?.hasPrefix("/uploads/thumbnail_") == true, "\(query)")
            }
            let figures = try await client.send(.get, "/api/stories/\(story)?populate[figures][populate]=image", token: token)
            #expect(try figures.json["data"]?["figures"]?[0]?["image"]?["name"] == .string("b.png"), "\(figures.text)")
            #expect(try figures.json["data"]?["figures"]?[1]?["image"]?["name"] == .string("a.jpg"))
            let zone = try await client.send(.get, "/api/stories/\(story)?populate[blocks][on][shared.gallery][populate][pictures]=true"
                + "&populate[blocks][on][shared.gallery][populate][lead][populate]=image", token: token)
            let gallery = try zone.json["data"]?["blocks"]?[1]
            #expect(gallery?["pictures"]?.count == 2, "\(zone.text)")
            #expect(gallery?["pictures"]?[1]?["name"] == .string("b.png"))
            #expect(gallery?["lead"]?["image"]?["name"] == .string("b.png"))
            // Strapi 5 dropped v4's shared strategy for dynamic zones: `on` fragments only.
            let shared = try await client.send(.get, "/api/stories/\(story)?populate[blocks][populate]=*", token: token)
            #expect(shared.status == .badRequest, "\(shared.text)")

            // Filters reach a media field inside a component.
            let pngs = try await client.send(.get, "/api/stories?filters[hero][image][mime][$eq]=image/jpeg", token: token)
            #expect(try pngs.json["data"]?.count == 1, "\(pngs.text)")
            let none = try await client.send(.get, "/api/stories?filters[hero][image][mime][$eq]=image/png", token: token)
            #expect(try none.json["data"]?.count == 0)

            // The same checks as at the top level, with the path of the refusal; nothing is written.
            let before = try site.commitCount()
            let refusals = [
                #"{"hero":{"image":9999}}"#: "no file",
                #"{"hero":{"image":"\#(try #require(csv["documentId"]?.stringValue))"}}"#: "accepts images",
                #"{"figures":[{"image":[\#(aId)]}]}"#: "single file",
                #"{"blocks":[{"__component":"shared.gallery","lead":{"image":9999}}]}"#: "no file",
            ]
            for (body, message) in refusals {
                let refused = try await client.send(.put, "/api/stories/\(story)", token: token, json: #"{"data":\#(body)}"#)
                #expect(refused.status == .badRequest, "\(body): \(refused.text)")
                #expect(try refused.json["error"]?["message"]?.stringValue?.contains(message) == true, "\(refused.text)")
            }
            #expect(try site.commitCount() == before)
        }
    }

    @Test func aFileOnlyADraftComponentUsesIsPrivate() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let file = try await client.uploadOne(try Pictures.jpeg(400, 300), name: "secret.jpg", type: "image/jpeg", token: token)
            let id = try #require(file["documentId"]?.stringValue)
            let url = try #require(file["url"]?.stringValue)
            #expect(try await client.send(.get, url).status == .ok)

            let created = try await client.send(.post, "/api/stories?status=draft", token: token, json: """
                {"data":{"title":"Embargoed","blocks":[{"__component":"shared.gallery","lead":{"image":"\(id)"}}]}}
                """)
            #expect(created.status == .created, "\(created.text)")
            let story = try #require(try created.json["data"]?["documentId"]?.stringValue)
            #expect(try await client.send(.get, url).status == .notFound)
            #expect(try await client.send(.get, "/api/upload/files/\(id)").status == .notFound)
            #expect(try await client.send(.get, url, token: site.readToken).status == .ok)

            let published = try await client.send(.put, "/api/stories/\(story)?status=published", token: token, json: #"{"data":{"title":"Out"}}"#)
            #expect(published.status == .ok, "\(published.text)")
            #expect(try await client.send(.get, url).status == .ok)
        }
    }
}
