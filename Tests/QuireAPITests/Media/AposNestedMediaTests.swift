import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Image and file widgets in areas inside array and object fields (components), as in a
/// document's own areas: stored as ids and fields, read with `_image`/`_file`, rendered by
/// `render-areas`, their crops served, and a file only a draft's nested widget uses is private.
/// And a page tree, kept per snapshot, follows a media-only edit.
@Suite struct AposNestedMediaTests {
    static let files = [
        "quire.yaml": "locales: [en]\ndefaultLocale: en\npermissions:\n  public:\n    upload: [find, findOne]\n",
        "schemas/components/shared/slide.yaml": """
            info: { displayName: Slide }
            attributes:
              title: { type: string }
              body: { type: area }
            """,
        "schemas/components/shared/panel.yaml": """
            info: { displayName: Panel }
            attributes:
              slides: { type: component, component: shared.slide, repeatable: true }
            """,
        "schemas/story.yaml": """
            kind: collectionType
            info: { singularName: story, pluralName: stories, displayName: Story }
            options: { draftAndPublish: true }
            attributes:
              title: { type: string }
              slides: { type: component, component: shared.slide, repeatable: true }
              panel: { type: component, component: shared.panel, repeatable: false }
            """,
    ]

    static func imageWidget(_ id: String, fields: String = "") -> String {
        let related = fields.isEmpty ? "\"\(id)\"" : #"{"_id":"\#(id)","_fields":\#(fields)}"#
        return #"{"_id":"w-\#(id.prefix(4))","type":"@apostrophecms/image","caption":"Nested","_image":[\#(related)]}"#
    }

    @Test func widgetsInAreasInsideArrayAndObjectFields() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let picture = try await client.uploadOne(try Pictures.jpeg(800, 600), name: "harbour.jpg", type: "image/jpeg", token: token,
                                                     info: #"{"alternativeText":"Boats"}"#)
            let id = try #require(picture["documentId"]?.stringValue)
            let sheet = try await client.uploadOne(Array("a,b\n".utf8), name: "prices.csv", type: "text/csv", token: token)
            let sheetId = try #require(sheet["documentId"]?.stringValue)
            let crop = #"{"top":0,"left":100,"width":600,"height":400,"x":50,"y":40}"#
            let created = try await client.send(.post, "/api/v1/story", token: token, json: """
                {"title":"Harbour",
                 "slides":[{"title":"One","body":{"metaType":"area","items":[\(Self.imageWidget(id, fields: crop))]}}],
                 "panel":{"slides":[{"title":"Deep","body":{"metaType":"area","items":[
                   {"_id":"f1","type":"@apostrophecms/file","_file":["\(sheetId)"]}, \(Self.imageWidget(id))]}}]}}
                """)
            #expect(created.status == .ok, "\(created.text)")
            let storyId = try #require(try created.json["aposDocId"]?.stringValue)

            let stored = try site.git("show", "main:content/en/story/\(storyId).yaml")
            #expect(stored.contains("imageIds:") && stored.contains("imageFields:") && stored.contains("fileIds:"), "\(stored)")
            #expect(!stored.contains("_image") && !stored.contains("_file"), "\(stored)")

            let read = try await client.send(.get, "/api/v1/story/\(storyId)", token: token).json
            let body = try #require(read["slides"]?[0]?["body"])
            #expect(body["metaType"] == .string("area") && body["_docId"] == .string(storyId))
            let widget = try #require(body["items"]?[0])
            #expect(widget["imageIds"] == .array([.string(id)]))
            let attachment = try #require(widget["_image"]?[0]?["attachment"])
            #expect(attachment["_crop"] == .object(["width": .int(600), "height": .int(400), "top": .int(0), "left": .int(100)]))
            #expect(attachment["_focalPoint"] == .object(["x": .int(50), "y": .int(40)]))
            let cropped = "/uploads/attachments/\(id)-harbour.100.0.600.400"
            #expect(attachment["_urls"]?["full"] == .string(cropped + ".full.jpg"))
            let deep = try #require(read["panel"]?["slides"]?[0]?["body"]?["items"])
            #expect(deep[0]?["_file"]?[0]?["_url"] == .string("/uploads/attachments/\(sheetId)-prices.csv"))
            #expect(deep[1]?["_image"]?[0]?["alt"] == .string("Boats"))
            // The nested widget's crop is served without a call to /attachment/crop.
            #expect(try await client.send(.get, cropped + ".one-third.jpg", token: token).status == .ok)

            // render-areas renders areas at any depth, the image and file widgets included.
            let rendered = try await client.send(.get, "/api/v1/story/\(storyId)?render-areas=1", token: token).json
            let html = try #require(rendered["slides"]?[0]?["body"]?["_rendered"]?.stringValue)
            #expect(html.contains("src=\"\(cropped).full.jpg\" alt=\"Boats\" style=\"object-position: 50% 40%\""), "\(html)")
            #expect(html.contains("<figcaption class=\"false__caption\">Nested</figcaption>"))
            let deepHTML = try #require(rendered["panel"]?["slides"]?[0]?["body"]?["_rendered"]?.stringValue)
            #expect(deepHTML.contains("<a href=\"/uploads/attachments/\(sheetId)-prices.csv\" download>prices</a>"), "\(deepHTML)")
            #expect(deepHTML.contains("data-apos-test=\"image-widget\""))

            // Reads follow the library (documents with nested widgets are not kept per snapshot).
            var info = MultipartBody()
            info.field("fileInfo", #"{"alternativeText":"Fishing boats"}"#)
            #expect(try await client.upload(info, token: token, query: "?id=\(try #require(picture["id"]?.intValue))").status == .ok)
            let again = try await client.send(.get, "/api/v1/story/\(storyId)", token: token).json
            #expect(again["panel"]?["slides"]?[0]?["body"]?["items"]?[1]?["_image"]?[0]?["alt"] == .string("Fishing boats"))

            // A bad nested crop is a 400 naming its path; nothing is committed.
            let before = try site.commitCount()
            let refused = try await client.send(.patch, "/api/v1/story/\(storyId)", token: token, json: """
                {"slides":[{"body":{"items":[\(Self.imageWidget(id, fields: #"{"top":0,"left":500,"width":600,"height":400}"#))]}}]}
                """)
            #expect(refused.status == .badRequest, "\(refused.text)")
            #expect(refused.text.contains("slides.0.body.items.0._image"), "\(refused.text)")
            #expect(try site.commitCount() == before)

            // A dot path into an array item stores the area's widgets the same way.
            let patched = try await client.send(.patch, "/api/v1/story/\(storyId)", token: token, json: """
                {"slides.0.body":{"metaType":"area","items":[{"_id":"w9","type":"@apostrophecms/file","_file":["\(sheetId)"]}]}}
                """)
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(try patched.json["slides"]?[0]?["body"]?["items"]?[0]?["fileIds"] == .array([.string(sheetId)]))
            #expect(!(try site.git("show", "main:content/en/story/\(storyId).yaml")).contains("_file"))
        }
    }

    @Test func aFileOnlyADraftsNestedWidgetUsesIsPrivate() async throws {
        let site = try await TestSite.make(files: Self.files)
        try await site.test { client async throws in
            try await client.expectPrivateOnceADraftUses(site: site) { id in
                let draft = try await client.send(.post, "/api/v1/story?aposMode=draft", token: site.fullToken, json: """
                    {"title":"Embargoed","panel":{"slides":[{"body":{"items":[\(Self.imageWidget(id))]}}]}}
                    """)
                #expect(draft.status == .ok, "\(draft.text)")
            }
        }
    }

    @Test func thePageTreeFollowsAMediaOnlyEdit() async throws {
        let site = try await TestSite.make(files: [
            "schemas/page.yaml": """
                kind: collectionType
                info: { singularName: page, pluralName: pages, displayName: Page }
                options: { pageTree: true, draftAndPublish: true }
                attributes:
                  title: { type: string, required: true }
                  slug: { type: string }
                  cover: { type: media, multiple: false }
                """,
            "content/en/page/home.yaml": "title: Home\n",
        ])
        let token = site.fullToken
        try await site.test { client async throws in
            let picture = try await client.uploadOne(try Pictures.jpeg(400, 300), name: "dawn.jpg", type: "image/jpeg", token: token,
                                                     info: #"{"alternativeText":"Dawn"}"#)
            let id = try #require(picture["documentId"]?.stringValue)
            let patched = try await client.send(.patch, "/api/v1/@apostrophecms/page/home:en:published", token: token,
                                                json: #"{"_cover":["\#(id)"]}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            let home = try await client.send(.get, "/api/v1/@apostrophecms/page", token: token).json
            #expect(home["_cover"]?[0]?["alt"] == .string("Dawn"), "\(home)")
            #expect(home["_cover"]?[0]?["title"] == .string("dawn"))

            var info = MultipartBody()
            info.field("fileInfo", #"{"alternativeText":"Dusk","name":"dusk.jpg"}"#)
            #expect(try await client.upload(info, token: token, query: "?id=\(try #require(picture["id"]?.intValue))").status == .ok)
            let again = try await client.send(.get, "/api/v1/@apostrophecms/page", token: token).json
            #expect(again["_cover"]?[0]?["alt"] == .string("Dusk"))
            #expect(again["_cover"]?[0]?["title"] == .string("dusk"))
        }
    }
}
