import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// A media file changes without the documents that use it: the Apostrophe dialect shows a
/// `media` value inside an array or object field as the library has the file now, as Strapi's
/// `populate` does; and after a media-only write the site's snapshot stands at main's new tip,
/// so reads do not look the ref up again until the next write.
@Suite struct MediaCurrentFileTests {
    @Test func mediaInsideComponentsReadsTheReplacedFile() async throws {
        let site = try await TestSite.make(files: MediaComponentTests.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let old = try await client.uploadOne(try Pictures.jpeg(400, 300), name: "dawn.jpg", type: "image/jpeg", token: token)
            let id = try #require(old["id"]?.intValue)
            let created = try await client.send(.post, "/api/stories", token: token, json: """
                {"data":{"title":"Pictures","hero":{"image":\(id),"caption":"Dawn"},"figures":[{"image":\(id)}]}}
                """)
            #expect(created.status == .created, "\(created.text)")
            let story = try #require(try created.json["data"]?["documentId"]?.stringValue)
            let before = try await client.apos(.get, "/api/v1/story/\(story)", token: token)
            #expect(try before.json["hero"]?["image"]?["hash"] == old["hash"], "\(before.text)")

            var form = MultipartBody()
            form.file(try Pictures.png(300, 200), name: "dusk.png", type: "image/png")
            let replaced = try await client.upload(form, token: token, query: "?id=\(id)")
            #expect(replaced.status == .ok, "\(replaced.text)")
            let file = try replaced.json
            #expect(file["hash"] != old["hash"])

            let after = try await client.apos(.get, "/api/v1/story/\(story)", token: token)
            #expect(after.status == .ok, "\(after.text)")
            for image in [try after.json["hero"]?["image"], try after.json["figures"]?[0]?["image"]] {
                #expect(image?["hash"] == file["hash"], "\(after.text)")
                #expect(image?["url"] == file["url"] && image?["name"] == .string("dusk.png") && image?["mime"] == .string("image/png"))
                #expect(image?["documentId"] == old["documentId"])
            }
            // The document file keeps what it stored until it is saved again.
            #expect(try site.git("show", "main:content/en/story/\(story).yaml").contains(try #require(old["hash"]?.stringValue)))
        }
    }

    @Test func aMediaOnlyWriteLeavesTheSnapshotAtMainsTip() async throws {
        let site = try await TestSite.make(files: MediaComponentTests.files)
        try await site.test { client async throws in
            let file = try await client.uploadOne(try Pictures.png(30, 20), name: "dot.png", type: "image/png", token: site.fullToken)
            let tip = try await site.mainTip()
            #expect(site.site.snapshot.mainTip == tip, "the upload's commit")
            #expect(site.site.media.catalog.commit == tip)
            let id = try #require(file["id"]?.intValue)
            let deleted = try await client.send(.delete, "/api/upload/files/\(id)", token: site.fullToken)
            #expect(deleted.status == .ok, "\(deleted.text)")
            let afterDelete = try await site.mainTip()
            #expect(afterDelete != tip && site.site.snapshot.mainTip == afterDelete)
            #expect(site.site.media.catalog.commit == afterDelete)
        }
    }
}
