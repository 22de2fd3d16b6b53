import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import QuireAPI
import QuireContent
@testable import QuireIndex
import Testing

/// Image and file piece slugs follow media changes without being made again from every file
/// where no other file's slug can move, and always equal the slugs made from every file.
@Suite struct AposMediaSlugsTests {
    static let images = "/api/v1/@apostrophecms/image"

    static func expectSlugs(_ site: TestSite, carried: Bool, _ step: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let catalog = site.site.media.catalog
        let held = AposMediaSlugs.of(catalog)
        #expect(held.isCarried == carried, "\(step)", sourceLocation: sourceLocation)
        #expect(held.same(as: AposMediaSlugs(catalog)), "\(step): differs from the slugs made from every file", sourceLocation: sourceLocation)
    }

    @Test func slugsFollowUploadsAndEditsAndAreMadeAgainOnlyWhenOthersMove() async throws {
        let site = try await TestSite.make(files: MediaFieldTests.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let first = try await client.uploadOne(try Pictures.jpeg(300, 200), name: "harbour.jpg", type: "image/jpeg", token: token)
            let second = try await client.uploadOne(try Pictures.jpeg(200, 300), name: "harbour.jpg", type: "image/jpeg", token: token)
            let secondId = try #require(second["documentId"]?.stringValue)
            #expect(try await client.send(.get, Self.images, token: token).status == .ok)
            Self.expectSlugs(site, carried: false, "made once")

            let third = try await client.uploadOne(try Pictures.png(64, 64), name: "harbour.png", type: "image/png", token: token)
            let thirdId = try #require(third["documentId"]?.stringValue)
            let piece = try await client.send(.get, "\(Self.images)/\(thirdId)", token: token)
            #expect(try piece.json["slug"] == .string("image-harbour-3"))
            Self.expectSlugs(site, carried: true, "upload")

            var info = MultipartBody()
            info.field("fileInfo", #"{"alternativeText":"Quay at dawn"}"#)
            #expect(try await client.upload(info, token: token, query: "?id=\(try #require(first["id"]?.intValue))").status == .ok)
            Self.expectSlugs(site, carried: true, "alternative text")

            let named = try await client.send(.patch, "\(Self.images)/\(thirdId)", token: token, json: #"{"slug":"image-quay"}"#)
            #expect(try named.json["slug"] == .string("image-quay"), "\(named.text)")
            Self.expectSlugs(site, carried: true, "stored slug on the newest")

            // Deleting the first frees `image-harbour` for the second: made again.
            #expect(try await client.send(.delete, "/api/upload/files/\(try #require(first["id"]?.intValue))", token: token).status == .ok)
            let moved = try await client.send(.get, "\(Self.images)/\(secondId)", token: token)
            #expect(try moved.json["slug"] == .string("image-harbour"))
            Self.expectSlugs(site, carried: false, "removal of an older file")
        }
    }

    /// Random uploads, edits, renames, stored slugs and removals over titles that collide
    /// (`a`, `a-2`...): after each, the carried slugs (or, where carrying declines, the made
    /// ones) equal the slugs made from every file.
    @Test func carriedSlugsEqualMadeOnesOverRandomChanges() {
        var random = SeededRandom(seed: 12)
        var catalog = MediaCatalog()
        var slugs = AposMediaSlugs(catalog)
        var nextID = 1
        var carriedCount = 0
        let titles = ["a", "a-2", "b", "a-3", "image-a"]
        func record(_ id: Int) -> MediaRecord {
            var record = MediaRecord(id: id, documentId: "doc\(id)", name: titles[Int(random.next() % 5)] + ".jpg", hash: "h\(id)",
                                     ext: ".jpg", mime: "image/jpeg", bytes: 1, sha256: "s\(id)", createdAt: Int64(id), updatedAt: Int64(id))
            if random.next() % 4 == 0 { record.piece.slug = "image-" + titles[Int(random.next() % 5)] }
            return record
        }
        for _ in 0..<400 {
            var change = MediaRecordChange()
            let existing = catalog.all
            switch existing.isEmpty ? 0 : random.next() % 5 {
            case 0, 1:
                change.new = record(nextID)
                nextID += 1
            case 2:
                var edited = existing[Int(random.next() % UInt64(existing.count))]
                change.old = edited
                edited.alternativeText = "alt \(random.next())"
                change.new = edited
            case 3:
                let old = existing[Int(random.next() % UInt64(existing.count))]
                var renamed = record(old.id)
                renamed.documentId = old.documentId
                (change.old, change.new) = (old, renamed)
            default:
                change.old = existing[Int(random.next() % UInt64(existing.count))]
            }
            if let old = change.old { catalog.remove(documentId: old.documentId) }
            if let new = change.new { catalog.insert(new) }
            catalog.memo = SnapshotMemo()
            let made = AposMediaSlugs(catalog)
            if let carried = slugs.carried(changes: [change], to: catalog) {
                carriedCount += 1
                #expect(carried.same(as: made), "after \(change)")
                slugs = carried
            } else {
                slugs = made
            }
        }
        #expect(carriedCount > 150)
    }
}

/// A small deterministic generator (SplitMix64), so a failure repeats.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
