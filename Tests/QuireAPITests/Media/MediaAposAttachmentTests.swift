import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Apostrophe's attachment routes on the same library as Strapi's upload routes.
@Suite struct MediaAposAttachmentTests {
    @Test func anAttachmentHasApostrophesSixSizesAndIsSharedWithStrapi() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            var body = MultipartBody()
            body.file(try Pictures.jpeg(1200, 800), name: "Blue Box.jpg", type: "image/jpeg", field: "file")
            let response = try await client.sendMultipart(body.bytes, contentType: body.contentType,
                                                          uri: "/api/v1/@apostrophecms/attachment/upload", token: token)
            #expect(response.status == .ok, "\(response.text)")
            let attachment = try response.json
            let id = try #require(attachment["_id"]?.stringValue)
            #expect(attachment["type"] == .string("attachment"))
            #expect(attachment["group"] == .string("images"))
            #expect(attachment["name"] == .string("blue-box"))
            #expect(attachment["extension"] == .string("jpg"))
            #expect(attachment["landscape"] == .bool(true))
            #expect(attachment["width"] == .int(1200))
            let urls = try #require(attachment["_urls"])
            #expect(urls.count == 7)
            #expect(urls["one-half"] == .string("/uploads/attachments/\(id)-blue-box.one-half.jpg"))
            #expect(urls["original"] == .string("/uploads/attachments/\(id)-blue-box.jpg"))

            // Never enlarged: `max` (1600) of a 1200-wide picture is 1200 wide.
            let max = try await client.send(.get, urls["max"]!.stringValue!, token: token)
            #expect(try Vips.header(Array(max.body.readableBytesView)).width == 1200)
            let half = try await client.send(.get, urls["one-half"]!.stringValue!, token: token)
            let header = try Vips.header(Array(half.body.readableBytesView))
            #expect(header.width == 570 && header.height == 380)

            // The same file through Strapi's routes.
            let strapi = try await client.send(.get, "/api/upload/files/\(id)", token: token)
            #expect(try strapi.json["name"] == .string("Blue Box.jpg"))
        }
    }

    @Test func cropsAreCheckedStoredAndServedUnderApostrophesNames() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            var body = MultipartBody()
            body.file(try Pictures.jpeg(800, 600), name: "crop-me.png.jpg", type: "image/jpeg", field: "file")
            let uploaded = try await client.sendMultipart(body.bytes, contentType: body.contentType,
                                                          uri: "/api/v1/@apostrophecms/attachment/upload", token: token)
            let id = try #require(try uploaded.json["_id"]?.stringValue)
            let name = try #require(try uploaded.json["name"]?.stringValue)
            let outside = try await client.send(.post, "/api/v1/@apostrophecms/attachment/crop", token: token,
                                                json: #"{"_id":"\#(id)","crop":{"top":500,"left":0,"width":100,"height":200}}"#)
            #expect(outside.status == .badRequest)
            #expect(try outside.json["name"] == .string("invalid"))
            let huge = try await client.send(.post, "/api/v1/@apostrophecms/attachment/crop", token: token,
                                             json: #"{"_id":"\#(id)","crop":{"top":0,"left":0,"width":20000,"height":1}}"#)
            #expect(huge.status == .badRequest)
            let tip = try await site.mainTip()
            let cropped = try await client.send(.post, "/api/v1/@apostrophecms/attachment/crop", token: token,
                                                json: #"{"_id":"\#(id)","crop":{"top":100,"left":200,"width":400,"height":300}}"#)
            #expect(cropped.status == .ok, "\(cropped.text)")
            #expect(cropped.text == "true")
            #expect(try await site.mainTip() != tip)
            // left.top.width.height, as Apostrophe's code names crops.
            let url = "/uploads/attachments/\(id)-\(name).200.100.400.300.one-third.jpg"
            let served = try await client.send(.get, url, token: token)
            #expect(served.status == .ok)
            let header = try Vips.header(Array(served.body.readableBytesView))
            #expect(header.width == 380 && header.height == 285)
            #expect(try await client.send(.get, "/uploads/attachments/\(id)-\(name).1.2.3.4.one-third.jpg", token: token).status == .notFound)
            let anonymous = try await client.sendMultipart(body.bytes, contentType: body.contentType,
                                                           uri: "/api/v1/@apostrophecms/attachment/upload", token: nil)
            #expect(anonymous.status == .forbidden)
        }
    }
}
