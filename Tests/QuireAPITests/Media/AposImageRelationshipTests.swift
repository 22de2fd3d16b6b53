import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Strapi `media` attributes as Apostrophe image relationships, with per-use crops and focal points.
@Suite struct AposImageRelationshipTests {
    static let schema = """
        kind: collectionType
        info: { singularName: story, pluralName: stories, displayName: Story }
        options: { draftAndPublish: true }
        attributes:
          title: { type: string }
          image: { type: media, allowedTypes: [images] }
          gallery: { type: media, multiple: true }
        """

    @Test func aCroppedRelationshipAnswersCropFocalPointAndCroppedURLs() async throws {
        let site = try await TestSite.make(files: ["schemas/story.yaml": Self.schema])
        let token = site.fullToken
        try await site.test { client async throws in
            let file = try await client.uploadOne(try Pictures.jpeg(800, 600), name: "harbour.jpg", type: "image/jpeg", token: token)
            let id = try #require(file["documentId"]?.stringValue)
            let created = try await client.send(.post, "/api/v1/story", token: token, json: """
                {"title":"Harbour","_image":[{"_id":"\(id):en:published","_fields":{"top":100,"left":200,"width":400,"height":300,"x":50,"y":25}}]}
                """)
            #expect(created.status == .ok, "\(created.text)")
            let story = try created.json
            #expect(story["imageIds"] == .array([.string(id)]))
            #expect(story["imageFields"]?[id]?["width"] == .int(400))
            let image = try #require(story["_image"]?[0])
            #expect(image["type"] == .string("@apostrophecms/image"))
            #expect(image["_fields"]?["x"] == .int(50))
            let attachment = try #require(image["attachment"])
            #expect(attachment["_crop"] == .object(["width": .int(400), "height": .int(300), "top": .int(100), "left": .int(200)]))
            #expect(attachment["_focalPoint"] == .object(["x": .int(50), "y": .int(25)]))
            // left.top.width.height, as Apostrophe's code names crop files.
            let cropped = "/uploads/attachments/\(id)-harbour.200.100.400.300.one-third.jpg"
            #expect(attachment["_urls"]?["one-third"] == .string(cropped))
            #expect(attachment["_urls"]?["original"] == .string("/uploads/attachments/\(id)-harbour.200.100.400.300.jpg"))
            #expect(attachment["_urls"]?["uncropped"]?["one-third"] == .string("/uploads/attachments/\(id)-harbour.one-third.jpg"))
            #expect(story["gallery"] == nil && story["galleryIds"] == .array([]))

            // The saved crop can be served without a call to /attachment/crop; others cannot.
            let served = try await client.send(.get, cropped, token: token)
            #expect(served.status == .ok)
            let header = try Vips.header(Array(served.body.readableBytesView))
            #expect(header.width == 380 && header.height == 285)
            #expect(try await client.send(.get, "/uploads/attachments/\(id)-harbour.0.0.10.10.one-third.jpg", token: token).status == .notFound)

            // Strapi still sees the file in the media field; GET and PUT of what GET gave keep the crop.
            let storyId = try #require(story["aposDocId"]?.stringValue)
            let strapi = try await client.send(.get, "/api/stories/\(storyId)?populate=image", token: token).json
            #expect(strapi["data"]?["image"]?["documentId"] == .string(id))
            let again = try await client.send(.put, "/api/v1/story/\(storyId)", token: token, json: created.text)
            #expect(again.status == .ok, "\(again.text)")
            #expect(try again.json["_image"]?[0]?["attachment"]?["_crop"]?["left"] == .int(200))

            // Without fields: plain `_urls`, no `uncropped`.
            let plain = try await client.send(.patch, "/api/v1/story/\(storyId)", token: token, json: #"{"_image":["\#(id)"],"_gallery":[{"_id":"\#(id)"},{"_id":"missing"}]}"#)
            #expect(plain.status == .ok, "\(plain.text)")
            let plainAttachment = try #require(try plain.json["_image"]?[0]?["attachment"])
            #expect(plainAttachment["_crop"] == nil && plainAttachment["_urls"]?["uncropped"] == nil)
            #expect(try plain.json["galleryIds"] == .array([.string(id)]))
        }
    }

    @Test func cropsThatAreNotWholeNumbersInsideTheImageAreRefused() async throws {
        let site = try await TestSite.make(files: ["schemas/story.yaml": Self.schema])
        let token = site.fullToken
        try await site.test { client async throws in
            let file = try await client.uploadOne(try Pictures.jpeg(800, 600), name: "harbour.jpg", type: "image/jpeg", token: token)
            let pdf = try await client.uploadOne(Array("%PDF-1.4\n%%EOF\n".utf8), name: "menu.pdf", type: "application/pdf", token: token)
            let id = try #require(file["documentId"]?.stringValue)
            let tip = try await site.mainTip()
            for fields in [
                #"{"top":0,"left":700,"width":200,"height":100}"#,
                #"{"top":0,"left":0,"width":0,"height":100}"#,
                #"{"top":0.5,"left":0,"width":10,"height":10}"#,
                #"{"top":"1","left":0,"width":10,"height":10}"#,
                #"{"top":-1,"left":0,"width":10,"height":10}"#,
                #"{"top":0,"left":0,"width":10}"#,
                #"{"x":150,"y":10}"#,
                #"{"x":10}"#,
                #"{"depth":3}"#,
            ] {
                let response = try await client.send(.post, "/api/v1/story", token: token,
                                                     json: #"{"title":"x","_image":[{"_id":"\#(id)","_fields":\#(fields)}]}"#)
                #expect(response.status == .badRequest, "\(fields): \(response.text)")
                #expect(try response.json["name"] == .string("invalid"))
                #expect(try response.json["data"]?["errors"]?[0]?["path"]?.stringValue?.hasPrefix("_image") == true, "\(response.text)")
            }
            let pdfCrop = try await client.send(.post, "/api/v1/story", token: token, json: """
                {"title":"x","_gallery":[{"_id":"\(pdf["documentId"]!.stringValue!)","_fields":{"top":0,"left":0,"width":1,"height":1}}]}
                """)
            #expect(pdfCrop.status == .badRequest)
            let two = try await client.send(.post, "/api/v1/story", token: token,
                                            json: #"{"title":"x","_image":["\#(id)","\#(pdf["documentId"]!.stringValue!)"]}"#)
            // The PDF is no image: dropped as Apostrophe drops what it cannot relate, leaving one.
            #expect(two.status == .ok, "\(two.text)")
            #expect(try await client.send(.post, "/api/v1/story", token: token, json: #"{"title":"x","image":"\#(id)"}"#).status == .badRequest)
            #expect(try await site.mainTip() != tip)
        }
    }
}
