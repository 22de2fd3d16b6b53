import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Apostrophe's image and file widgets inside areas: stored as Apostrophe stores them, read with
/// `_image`/`_file` populated (crop, focal point, cropped `_urls`), and rendered by `render-areas`
/// to the HTML of Apostrophe's widget templates.
@Suite struct AposMediaWidgetTests {
    static let schema = """
        kind: collectionType
        info: { singularName: story, pluralName: stories, displayName: Story }
        options: { draftAndPublish: true }
        attributes:
          title: { type: string }
          body: { type: area }
        """

    @Test func imageAndFileWidgetsAreStoredPopulatedAndRendered() async throws {
        let site = try await TestSite.make(files: ["schemas/story.yaml": Self.schema])
        let token = site.fullToken
        try await site.test { client async throws in
            let picture = try await client.uploadOne(try Pictures.jpeg(800, 600), name: "harbour.jpg", type: "image/jpeg", token: token,
                                                     info: #"{"alternativeText":"Boats & \"nets\""}"#)
            let id = try #require(picture["documentId"]?.stringValue)
            let sheet = try await client.uploadOne(Array("a,b\n".utf8), name: "prices.csv", type: "text/csv", token: token)
            let sheetId = try #require(sheet["documentId"]?.stringValue)

            let created = try await client.send(.post, "/api/v1/story", token: token, json: """
                {"title":"Harbour","body":{"metaType":"area","items":[
                  {"type":"@apostrophecms/rich-text","content":"<p>Hello</p>"},
                  {"_id":"w1","type":"@apostrophecms/image","caption":"At dawn","linkTo":"_url","linkHref":"https://example.com/",
                   "linkTarget":["_blank"],
                   "_image":[{"_id":"\(id):en:published","_fields":{"top":0,"left":100,"width":600,"height":400,"x":50,"y":40}}]},
                  {"_id":"w2","type":"@apostrophecms/file","_file":["\(sheetId)"]},
                  {"_id":"w3","type":"@apostrophecms/image","_image":["\(id)"]}]}}
                """)
            #expect(created.status == .ok, "\(created.text)")
            let storyId = try #require(try created.json["aposDocId"]?.stringValue)

            // Stored as Apostrophe stores a widget relationship: ids and fields, no loaded pieces.
            let stored = try site.git("show", "main:content/en/story/\(storyId).yaml")
            #expect(stored.contains("imageIds:") && stored.contains("imageFields:") && stored.contains("fileIds:"), "\(stored)")
            #expect(!stored.contains("_image") && !stored.contains("_file"))

            let read = try await client.send(.get, "/api/v1/story/\(storyId)", token: token).json
            let widget = try #require(read["body"]?["items"]?[1])
            #expect(widget["imageIds"] == .array([.string(id)]))
            #expect(widget["imageFields"]?[id]?["left"] == .int(100))
            let attachment = try #require(widget["_image"]?[0]?["attachment"])
            #expect(widget["_image"]?[0]?["_fields"]?["x"] == .int(50))
            #expect(attachment["_crop"] == .object(["width": .int(600), "height": .int(400), "top": .int(0), "left": .int(100)]))
            #expect(attachment["_focalPoint"] == .object(["x": .int(50), "y": .int(40)]))
            let cropped = "/uploads/attachments/\(id)-harbour.100.0.600.400"
            #expect(attachment["_urls"]?["full"] == .string(cropped + ".full.jpg"))
            #expect(attachment["_urls"]?["uncropped"]?["full"] == .string("/uploads/attachments/\(id)-harbour.full.jpg"))
            #expect(read["body"]?["items"]?[2]?["_file"]?[0]?["_url"] == .string("/uploads/attachments/\(sheetId)-prices.csv"))
            #expect(read["body"]?["items"]?[3]?["_image"]?[0]?["attachment"]?["_crop"] == nil)
            // The widget's crop is served without a call to /attachment/crop.
            let served = try await client.send(.get, cropped + ".one-third.jpg", token: token)
            #expect(served.status == .ok)
            let header = try Vips.header(Array(served.body.readableBytesView))
            #expect(header.width == 380 && header.height == 253)

            // render-areas: Apostrophe's image-widget and file-widget templates.
            let rendered = try await client.send(.get, "/api/v1/story/\(storyId)?render-areas=1", token: token).json
            let html = try #require(rendered["body"]?["_rendered"]?.stringValue)
            // Apostrophe's srcset caps at the original's width, cropped or not.
            let widths = ["max": 800, "two-thirds": 760, "one-half": 570, "one-third": 380, "one-sixth": 190].sorted { $0.value > $1.value }
            let srcset = widths.map { "\(cropped).\($0.key).jpg \($0.value)w" }.joined(separator: ", ")
            let image = "<img data-apos-test=\"image-widget\" srcset=\"\(srcset)\" src=\"\(cropped).full.jpg\""
                + " alt=\"Boats &amp; &quot;nets&quot;\" style=\"object-position: 50% 40%\" />"
            let uncropped = "/uploads/attachments/\(id)-harbour"
            let plainSrcset = widths.map { "\(uncropped).\($0.key).jpg \($0.value)w" }.joined(separator: ", ")
            let expected = "<div class=\"apos-area\"><div data-rich-text><p>Hello</p></div>"
                + "<figure style=\"margin: 0;\"><a href=\"https://example.com/\" title=\"At dawn\" class=\"false__link\" target=\"_blank\""
                + " rel=\"noopener noreferrer\">\(image)</a><figcaption class=\"false__caption\">At dawn</figcaption></figure>"
                + "<div><a href=\"/uploads/attachments/\(sheetId)-prices.csv\" download>prices</a></div>"
                + "<figure style=\"margin: 0;\"><img data-apos-test=\"image-widget\" srcset=\"\(plainSrcset)\" src=\"\(uncropped).full.jpg\""
                + " alt=\"Boats &amp; &quot;nets&quot;\" /></figure></div>"
            #expect(html == expected)

            // The library's current alternative text, not a copy (a media-only edit makes no new snapshot).
            var info = MultipartBody()
            info.field("fileInfo", #"{"alternativeText":"Fishing boats"}"#)
            #expect(try await client.upload(info, token: token, query: "?id=\(try #require(picture["id"]?.intValue))").status == .ok)
            let again = try await client.send(.get, "/api/v1/story/\(storyId)?render-areas=1", token: token).json
            #expect(again["body"]?["_rendered"]?.stringValue?.contains("alt=\"Fishing boats\"") == true)

            // A crop outside the picture or not a number is refused; nothing is committed.
            let before = try site.commitCount()
            for bad in [#"[{"_id":"\#(id)","_fields":{"top":0,"left":500,"width":600,"height":400}}]"#,
                        #"[{"_id":"\#(id)","_fields":{"left":"wide"}}]"#] {
                let refused = try await client.send(.patch, "/api/v1/story/\(storyId)", token: token,
                                                    json: #"{"body":{"items":[{"type":"@apostrophecms/image","_image":\#(bad)}]}}"#)
                #expect(refused.status == .badRequest, "\(bad): \(refused.text)")
            }
            #expect(try site.commitCount() == before)
            // A widget whose file left the library renders nothing, as Apostrophe renders an image widget without an image.
            #expect(try await client.send(.delete, "/api/upload/files/\(try #require(picture["id"]?.intValue))", token: token).status == .ok)
            let gone = try await client.send(.get, "/api/v1/story/\(storyId)?render-areas=1", token: token).json
            #expect(gone["body"]?["_rendered"]?.stringValue?.contains("<figure") == false)
        }
    }

    @Test func aFileOnlyADraftsWidgetUsesIsPrivate() async throws {
        let site = try await TestSite.make(files: [
            "quire.yaml": "locales: [en]\ndefaultLocale: en\npermissions:\n  public:\n    upload: [find, findOne]\n",
            "schemas/story.yaml": Self.schema,
        ])
        try await site.test { client async throws in
            try await client.expectPrivateOnceADraftUses(site: site) { id in
                let draft = try await client.send(.post, "/api/v1/story?aposMode=draft", token: site.fullToken, json: """
                    {"title":"Embargoed","body":{"items":[{"type":"@apostrophecms/image","_image":["\(id)"]}]}}
                    """)
                #expect(draft.status == .ok, "\(draft.text)")
            }
        }
    }
}
