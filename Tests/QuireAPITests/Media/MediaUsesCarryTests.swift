import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import QuireAPI
import QuireContent
import QuireIndex
import Testing

/// The index of which documents use which file follows each write from what it changed: after
/// the first file request it is never made again from every document, and it always says
/// what a scan of the same snapshot would.
@Suite struct MediaUsesCarryTests {
    /// The current snapshot's uses were carried from the last one, and match a scan.
    static func expectCarried(_ site: TestSite, _ step: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let snapshot = site.site.snapshot
        let uses = MediaUses.of(snapshot)
        let table = uses.table(snapshot)
        #expect(uses.wasCarried, "\(step): made again from every document", sourceLocation: sourceLocation)
        #expect(table.sameUses(as: MediaUsesTable.scan(snapshot)), "\(step): differs from a scan", sourceLocation: sourceLocation)
    }

    @Test func everyWriteCarriesTheUsesAndTheyMatchAScan() async throws {
        let site = try await TestSite.make(files: MediaDraftPrivacyTests.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let file = try await client.uploadOne(try Pictures.jpeg(400, 300), name: "quay.jpg", type: "image/jpeg", token: token)
            let id = try #require(file["documentId"]?.stringValue)
            let url = try #require(file["url"]?.stringValue)
            #expect(try await client.send(.get, url).status == .ok)  // the one scan

            let created = try await client.send(.post, "/api/stories?status=draft", token: token,
                                                json: #"{"data":{"title":"Quay","image":"\#(id)"}}"#)
            #expect(created.status == .created || created.status == .ok, "\(created.text)")
            let story = try #require(try created.json["data"]?["documentId"]?.stringValue)
            #expect(try await client.send(.get, url).status == .notFound)
            Self.expectCarried(site, "draft use")

            let published = try await client.send(.put, "/api/stories/\(story)?status=published", token: token, json: #"{"data":{"title":"Quay"}}"#)
            #expect(published.status == .ok, "\(published.text)")
            #expect(try await client.send(.get, url).status == .ok)
            Self.expectCarried(site, "published")

            // A crop asked by an Apostrophe relationship is served, from the carried index.
            let cropped = try await client.send(.patch, "/api/v1/story/\(story)", token: token, json: """
                {"_image":[{"_id":"\(id)","_fields":{"top":10,"left":20,"width":200,"height":150}}]}
                """)
            #expect(cropped.status == .ok, "\(cropped.text)")
            #expect(try await client.send(.get, "/uploads/attachments/\(id)-quay.20.10.200.150.one-sixth.jpg", token: token).status == .ok)
            Self.expectCarried(site, "cropped")

            // Several writes with no file request between them, and a media-only write.
            let other = try await client.send(.post, "/api/stories?status=draft", token: token,
                                              json: #"{"data":{"title":"Other","gallery":["\#(id)"]}}"#)
            let otherId = try #require(try other.json["data"]?["documentId"]?.stringValue)
            #expect(try await client.send(.delete, "/api/stories/\(otherId)", token: token).status == .noContent)
            _ = try await client.uploadOne(try Pictures.jpeg(40, 30), name: "spare.jpg", type: "image/jpeg", token: token)
            let unpublished = try await client.send(.post, "/api/stories/\(story)/unpublish", token: token)
            #expect(unpublished.status == .ok, "\(unpublished.text)")
            #expect(try await client.send(.get, url).status == .notFound)
            Self.expectCarried(site, "unpublished after three writes")

            #expect(try await client.send(.delete, "/api/stories/\(story)", token: token).status == .noContent)
            #expect(try await client.send(.get, url).status == .ok)
            Self.expectCarried(site, "deleted")
            #expect(MediaUses.of(site.site.snapshot).table(site.site.snapshot).isEmpty)
        }
    }
}
