import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `ref`, `refId` and `field` on `POST /api/upload`: upload straight into an entry's media field.
@Suite struct UploadEntryLinkTests {
    @Test func filesGoIntoTheEntrysFieldOrNothingIsCommitted() async throws {
        let site = try await TestSite.make(files: ["schemas/story.yaml": AposImageRelationshipTests.schema])
        let token = site.fullToken
        try await site.test { client async throws in
            let created = try await client.send(.post, "/api/stories", token: token, json: #"{"data":{"title":"Harbour"}}"#)
            let story = try #require(try created.json["data"]?["documentId"]?.stringValue)
            let numeric = try #require(try created.json["data"]?["id"])
            func form(ref: String = "api::story.story", refId: String, field: String, files: [(String, [UInt8], String)]) -> MultipartBody {
                var body = MultipartBody()
                for (name, bytes, type) in files { body.file(bytes, name: name, type: type) }
                body.field("ref", ref)
                body.field("refId", refId)
                body.field("field", field)
                return body
            }
            let jpeg = try Pictures.jpeg(64, 48)
            let one = try await client.upload(form(refId: story, field: "image", files: [("a.jpg", jpeg, "image/jpeg")]), token: token)
            #expect(one.status == .created, "\(one.text)")
            let fileId = try #require(try one.json[0]?["documentId"]?.stringValue)
            let populated = try await client.send(.get, "/api/stories/\(story)?populate=image", token: token).json
            #expect(populated["data"]?["image"]?["documentId"] == .string(fileId))

            // A multiple field gets files added after those it has; refId may be the numeric id.
            guard case .int(let number) = numeric else { throw TestFailure("no numeric id") }
            let numericId = String(number)
            for name in ["b.jpg", "c.jpg"] {
                let response = try await client.upload(form(refId: numericId, field: "gallery", files: [(name, jpeg, "image/jpeg")]), token: token)
                #expect(response.status == .created, "\(response.text)")
            }
            let gallery = try await client.send(.get, "/api/stories/\(story)?populate=gallery", token: token).json
            #expect(gallery["data"]?["gallery"]?.count == 2)
            #expect(gallery["data"]?["gallery"]?[0]?["name"] == .string("b.jpg"))

            // Refused before anything is committed.
            let tip = try await site.mainTip()
            let pdf = Array("%PDF-1.4\n%%EOF\n".utf8)
            for (body, status) in [
                (form(refId: story, field: "image", files: [("m.pdf", pdf, "application/pdf")]), HTTPResponse.Status.badRequest),
                (form(refId: story, field: "image", files: [("d.jpg", jpeg, "image/jpeg"), ("e.jpg", jpeg, "image/jpeg")]), .badRequest),
                (form(refId: story, field: "title", files: [("d.jpg", jpeg, "image/jpeg")]), .badRequest),
                (form(ref: "api::nothing.nothing", refId: story, field: "image", files: [("d.jpg", jpeg, "image/jpeg")]), .badRequest),
                (form(refId: "no-such-story", field: "image", files: [("d.jpg", jpeg, "image/jpeg")]), .notFound),
            ] {
                let response = try await client.upload(body, token: token)
                #expect(response.status == status, "\(response.text)")
            }
            var partial = MultipartBody()
            partial.file(jpeg, name: "d.jpg", type: "image/jpeg")
            partial.field("ref", "api::story.story")
            #expect(try await client.upload(partial, token: token).status == .badRequest)
            #expect(try await client.upload(form(refId: story, field: "image", files: [("d.jpg", jpeg, "image/jpeg")]), token: site.readToken).status == .forbidden)
            #expect(try await site.mainTip() == tip)
        }
    }
}
