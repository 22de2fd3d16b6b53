import Foundation
import QuireContent
import QuireGit
import QuireIndex
import QuireSite
import Testing

@Suite struct UpkeepTests {
    /// The server's background packing keeps up with a stream of writes: loose objects end up
    /// in packs while writes go on, and nothing written is lost or unreadable.
    @Test func backgroundPackingRunsBesideWrites() async throws {
        let (path, site) = try await GroupCommitTests.makeSite()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let upkeep = site.startUpkeep(policy: PackingPolicy(looseObjectLimit: 20, packLimit: 3), every: .milliseconds(30))
        defer { upkeep.cancel() }
        let author = Signature(name: "W", email: "w@e")
        for index in 0..<120 {
            _ = try await site.write(WriteRequest(
                operation: .create(documentId: "note-\(index)"), type: "note", locale: "en", status: .published,
                data: ["text": .string("Note \(index)")], author: author))
        }
        let gitDirectory = path + "/.git"
        var stats = ObjectStoreStats.read(gitDirectory: gitDirectory)
        // Packing may be between its two steps (a new pack written, the merge of packs not yet): wait it out.
        for _ in 0..<400 where stats.looseObjects >= 20 || stats.packs == 0 || stats.packs > 3 {
            try await Task.sleep(for: .milliseconds(50))
            stats = ObjectStoreStats.read(gitDirectory: gitDirectory)
        }
        #expect(stats.packs >= 1 && stats.packs <= 3, "\(stats)")
        #expect(stats.looseObjects < 20, "\(stats)")
        upkeep.cancel()

        // A fresh start reads everything back from the packs.
        let reopened = try await Site.open(repository: try Repository.open(at: path), renderer: KeyRenderer())
        #expect(reopened.snapshot.collection(view: .published, locale: "en", type: "note").count == 120)
        #expect(try GroupCommitTests.git(path, "fsck", "--strict").isEmpty)
        #expect(try GroupCommitTests.git(path, "rev-list", "--count", "main") == "121\n")
    }
}
