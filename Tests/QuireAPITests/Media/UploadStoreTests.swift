import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Where originals go, and uploads racing each other through the write queue.
@Suite struct UploadStoreTests {
    @Test func concurrentUploadsAreEachTheirOwnCommitWithTheirOwnId() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let pictures = try (0..<8).map { try Pictures.jpeg(300 + $0, 200) }
        try await site.test { client async throws in
            let before = try site.commitCount()
            let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
                for (index, picture) in pictures.enumerated() {
                    group.addTask {
                        let file = try await client.uploadOne(picture, name: "race-\(index).jpg", type: "image/jpeg", token: token)
                        guard case .int(let id)? = file["id"] else { throw TestFailure("no id") }
                        return id
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0.append($1) }
            }
            #expect(Set(ids).count == 8)
            #expect(Set(ids) == Set(1...8))
            #expect(try site.commitCount() == before + 8)
            #expect(try site.files(under: "media/files").count == 8)
            #expect(try site.files(under: "media/originals").count == 8)
            let listed = try await client.send(.get, "/api/upload/files", token: token)
            #expect(try listed.json.count == 8)
            try site.git("fsck", "--strict")
        }
    }

    /// Two servers of one site upload at once: both give out id 1, and the merge of their
    /// histories holds two files with it (found by the soak). Both stay served, under two ids.
    @Test func twoFilesWithOneIdAfterAMergeAreBothServed() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let first = try await client.uploadOne(try Pictures.jpeg(320, 200), name: "one.jpg", type: "image/jpeg", token: token)
            let second = try await client.uploadOne(try Pictures.jpeg(330, 200), name: "two.jpg", type: "image/jpeg", token: token)
            let path = try #require(try site.files(under: "media/files").first { $0.contains(second["documentId"]!.stringValue!) })
            let file = site.path + "/" + path
            let text = try String(contentsOfFile: file, encoding: .utf8)
            try text.replacingOccurrences(of: "\nid: 2\n", with: "\nid: 1\n").write(toFile: file, atomically: true, encoding: .utf8)
            try site.git("commit", "-qam", "What a merge of two servers' uploads looks like")
            try await site.site.sync()
            let listed = try await client.send(.get, "/api/upload/files", token: token).json
            #expect(listed.count == 2 && listed[0]?["id"] == .int(1) && listed[1]?["id"] == .int(2))
            for upload in [first, second] {
                let served = try await client.send(.get, upload["url"]!.stringValue!, token: token)
                #expect(served.status == .ok)
            }
            // The older upload keeps the id; the next upload takes the one after both.
            #expect(try await client.send(.get, "/api/upload/files/1", token: token).json["name"] == .string("one.jpg"))
            let third = try await client.uploadOne(try Pictures.jpeg(340, 200), name: "three.jpg", type: "image/jpeg", token: token)
            #expect(third["id"] == .int(3))
        }
    }

    @Test func aDirectoryStoreKeepsOriginalsOutOfGit() async throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("quire-originals-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let site = try await TestSite.make(files: ["quire.yaml": """
            locales: [en, fr]
            defaultLocale: en
            media:
              store: directory
              directory: \(outside)
            """])
        let token = site.fullToken
        let picture = try Pictures.jpeg(640, 400)
        try await site.test { client async throws in
            let file = try await client.uploadOne(picture, name: "video-still.jpg", type: "image/jpeg", token: token)
            #expect(try site.files(under: "media/originals").isEmpty)
            #expect(try site.files(under: "media/files").count == 1)
            let stored = try FileManager.default.subpathsOfDirectory(atPath: outside).filter { $0.hasSuffix(".jpg") }
            #expect(stored.count == 1 && stored[0].hasPrefix("media/originals/"))
            let served = try await client.send(.get, file["url"]!.stringValue!, token: token)
            #expect(Array(served.body.readableBytesView) == picture)
            try FileManager.default.removeItem(atPath: site.repository.gitDirectory + "/quire/media-cache")
            let thumbnail = try await client.send(.get, file["formats"]!["thumbnail"]!["url"]!.stringValue!, token: token)
            #expect(thumbnail.status == .ok)
            // Deleting the file's metadata leaves the original: another branch may still name it.
            #expect(try await client.send(.delete, "/api/upload/files/1", token: token).status == .ok)
            #expect(try FileManager.default.subpathsOfDirectory(atPath: outside).contains { $0.hasSuffix(".jpg") })
        }
    }
}
