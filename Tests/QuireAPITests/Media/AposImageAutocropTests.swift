import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `/api/v1/@apostrophecms/image/autocrop`: Apostrophe's largest crop of a ratio, kept around the focal point.
@Suite struct AposImageAutocropTests {
    static let path = "/api/v1/@apostrophecms/image/autocrop"

    @Test func theCropFollowsTheFocalPointAndServesAtOnce() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let focused = try await client.uploadOne(try Pictures.jpeg(1200, 800), name: "left.jpg", type: "image/jpeg", token: token,
                                                     info: #"{"focalPoint":{"x":90,"y":50}}"#)
            let plain = try await client.uploadOne(try Pictures.jpeg(1200, 800), name: "plain.jpg", type: "image/jpeg", token: token)
            let focusedId = try #require(focused["documentId"]?.stringValue)
            let plainId = try #require(plain["documentId"]?.stringValue)
            func autocrop(_ relationship: String, ratio: String = "[1,1]") async throws -> Value {
                let response = try await client.send(.post, Self.path, token: token,
                                                     json: #"{"relationship":\#(relationship),"widgetOptions":{"aspectRatio":\#(ratio)}}"#)
                #expect(response.status == .ok, "\(response.text)")
                return try response.json
            }
            // The file's focal point (Strapi's) at 90% across: the square is pushed right, as far as the edge allows.
            let square = try await autocrop(#"[{"_id":"\#(focusedId):en:published"}]"#)
            let fields = try #require(square["relationship"]?[0]?["_fields"])
            #expect(fields == .object(["top": .int(0), "left": .int(400), "width": .int(800), "height": .int(800), "x": .int(85), "y": .int(50)]))
            let url = try #require(square["relationship"]?[0]?["attachment"]?["_urls"]?["one-sixth"]?.stringValue)
            #expect(url == "/uploads/attachments/\(focusedId)-left.400.0.800.800.one-sixth.jpg")
            let served = try await client.send(.get, url, token: token)
            #expect(served.status == .ok)
            #expect(try Vips.header(Array(served.body.readableBytesView)).width == 190)

            // No focal point: the middle, as Apostrophe's calculateAutocrop.
            let middle = try await autocrop(#"[{"_id":"\#(plainId)"}]"#)
            #expect(middle["relationship"]?[0]?["_fields"]?["left"] == .int(200))
            #expect(middle["relationship"]?[0]?["_fields"]?["x"] == nil)

            // The use's own focal point wins over the file's.
            let own = try await autocrop(#"[{"_id":"\#(focusedId)","_fields":{"x":10,"y":50}}]"#)
            #expect(own["relationship"]?[0]?["_fields"]?["left"] == .int(0))
            #expect(own["relationship"]?[0]?["_fields"]?["x"] == .int(15))

            // Already the ratio (within 1%): left as it is; no ratio: the relationship comes back as sent.
            let same = try await autocrop(#"[{"_id":"\#(plainId)"}]"#, ratio: "[3,2]")
            #expect(same["relationship"]?[0]?["_fields"] == .object([:]))
            let none = try await client.send(.post, Self.path, token: token, json: #"{"relationship":[{"_id":"x"}]}"#)
            #expect(try none.json == .object(["relationship": .array([.object(["_id": .string("x")])])]))
            #expect(try await client.send(.post, Self.path, token: token, json: #"{"_ids":["x"],"cropRatio":"16:9"}"#).status == .badRequest)
            #expect(try await client.send(.post, Self.path, token: token, json: #"{"relationship":[[null,null]],"widgetOptions":{}}"#).status == .badRequest)
            let empty = try await client.send(.post, Self.path, token: token, json: #"{"relationship":null,"widgetOptions":{"aspectRatio":[]}}"#)
            #expect(try empty.json == .object(["relationship": .array([])]))
            #expect(try await client.send(.post, Self.path, token: site.readToken, json: #"{"relationship":[]}"#).status == .forbidden)
        }
    }
}
