import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import QuireIndex
import Testing

/// The media catalog follows main from what changed: a media write reads the files it wrote
/// (the tree diff of `media/files`), not every file, and a document write keeps what readers
/// derived from the files (Apostrophe's slugs, the id order).
@Suite struct MediaCatalogRefreshTests {
    /// The catalog as the server holds it matches one read from every file.
    static func expectSameAsAFullReading(_ site: TestSite, _ step: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let held = site.site.media.catalog
        let read = try await MediaLibrary(repository: site.repository).refresh()
        #expect(held.all == read.all, "\(step)", sourceLocation: sourceLocation)
        #expect(held.largestID == read.largestID, "\(step)", sourceLocation: sourceLocation)
        for record in read.all {
            #expect(held.records(sha256: record.sha256) == read.records(sha256: record.sha256), "\(step)", sourceLocation: sourceLocation)
            #expect(held.record(hash: record.hash) == record && held.record(documentId: record.documentId) == record,
                    "\(step)", sourceLocation: sourceLocation)
        }
    }

    @Test func mediaWritesReadOnlyTheFilesTheyChanged() async throws {
        let site = try await TestSite.make(files: MediaFieldTests.files)
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.uploadOne(try Pictures.jpeg(300, 200), name: "one.jpg", type: "image/jpeg", token: token)
            let readings = await site.site.media.fullReadings

            let two = try await client.uploadOne(try Pictures.jpeg(200, 300), name: "two.jpg", type: "image/jpeg", token: token)
            let twoId = try #require(two["id"]?.intValue)
            try await Self.expectSameAsAFullReading(site, "upload")
            // The same bytes under another name share an original.
            let copy = try await client.uploadOne(try Pictures.jpeg(200, 300), name: "copy.jpg", type: "image/jpeg", token: token)
            let copyId = try #require(copy["id"]?.intValue)
            try await Self.expectSameAsAFullReading(site, "copy")

            var info = MultipartBody()
            info.field("fileInfo", #"{"alternativeText":"Two, described"}"#)
            #expect(try await client.upload(info, token: token, query: "?id=\(twoId)").status == .ok)
            try await Self.expectSameAsAFullReading(site, "fileInfo")

            var replacement = MultipartBody()
            replacement.file(try Pictures.png(120, 90), name: "two.png", type: "image/png")
            #expect(try await client.upload(replacement, token: token, query: "?id=\(twoId)").status == .ok)
            try await Self.expectSameAsAFullReading(site, "replace")

            #expect(try await client.send(.delete, "/api/upload/files/\(copyId)", token: token).status == .ok)
            try await Self.expectSameAsAFullReading(site, "delete of the newest")
            _ = try await client.uploadOne(try Pictures.jpeg(64, 64), name: "three.jpg", type: "image/jpeg", token: token)
            try await Self.expectSameAsAFullReading(site, "upload after a delete")

            #expect(await site.site.media.fullReadings == readings)
        }
    }

    @Test func aDocumentWriteKeepsWhatReadersDerivedFromTheFiles() async throws {
        let site = try await TestSite.make(files: MediaFieldTests.files)
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.uploadOne(try Pictures.jpeg(300, 200), name: "one.jpg", type: "image/jpeg", token: token)
            #expect(try await client.send(.get, "/api/v1/@apostrophecms/image", token: token).status == .ok)
            let memo = site.site.media.catalog.memo

            let created = try await client.send(.post, "/api/recipes", token: token, json: #"{"data":{"title":"Tart"}}"#)
            #expect(created.status == .created, "\(created.text)")
            let pieces = try await client.send(.get, "/api/v1/@apostrophecms/image", token: token)
            #expect(try pieces.json["results"]?[0]?["slug"] == .string("image-one"))
            #expect(site.site.media.catalog.commit == site.site.snapshot.mainTip)
            #expect(site.site.media.catalog.memo === memo)

            _ = try await client.uploadOne(try Pictures.jpeg(30, 20), name: "two.jpg", type: "image/jpeg", token: token)
            #expect(site.site.media.catalog.memo !== memo)
        }
    }
}
