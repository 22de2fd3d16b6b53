import Foundation
import QuireContent
import QuireGit
import QuireIndex
import QuireSite
import Testing

/// Renders just the documentId: these tests look at the index, not at a dialect.
struct KeyRenderer: DocumentRenderer {
    func render(_ data: DocumentData, numericID: Int64, type: ContentType) -> [UInt8] { Array(data.key.documentId.utf8) }
}

@Suite struct GroupCommitTests {
    static func makeSite() async throws -> (String, Site) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quire-index-\(UUID().uuidString)").path
        let files: [(String, [UInt8])] = [
            ("quire.yaml", Array("locales: [en]\n".utf8)),
            ("schemas/note.yaml", Array("""
                kind: collectionType
                info: { singularName: note, pluralName: notes, displayName: Note }
                options: { draftAndPublish: true }
                attributes:
                  text: { type: string, required: true }
                """.utf8)),
        ]
        try await SiteCreator.create(at: path, files: files, author: Signature(name: "T", email: "t@e"), message: "Site\n")
        let site = try await Site.open(repository: try Repository.open(at: path), renderer: KeyRenderer())
        return (path, site)
    }

    static func git(_ path: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return output
    }

    /// Each write is its own commit with its own author, but concurrent writes share ref updates.
    @Test func concurrentWritesAreOneCommitEachAndFewerRefUpdates() async throws {
        let (path, site) = try await Self.makeSite()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let count = 64
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask {
                    let request = WriteRequest(
                        operation: .create(documentId: "note-\(index)"), type: "note", locale: "en", status: .published,
                        data: ["text": .string("Note \(index)")], author: Signature(name: "Writer \(index)", email: "w\(index)@e"))
                    let result = try await site.write(request)
                    #expect(result.version?.key.documentId == "note-\(index)")
                }
            }
            try await group.waitForAll()
        }
        let authors = Set(try Self.git(path, "log", "--format=%an", "main").split(separator: "\n"))
        #expect(authors.count == count + 1)
        let refUpdates = try Self.git(path, "reflog", "show", "--format=%H", "refs/heads/main").split(separator: "\n").count
        #expect(refUpdates < count, "the batch moved main once for many commits (\(refUpdates) updates)")
        #expect(site.snapshot.collection(view: .published, locale: "en", type: "note").count == count)
        #expect(try Self.git(path, "fsck", "--strict").isEmpty)
    }

    /// A commit made behind the writer's back (here: by a second Site on the same repository)
    /// is read in and built upon, never overwritten.
    @Test func aWriterThatLosesTheRaceRetriesOnTopOfTheWinner() async throws {
        let (path, first) = try await Self.makeSite()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let second = try await Site.open(repository: try Repository.open(at: path), renderer: KeyRenderer())
        let author = Signature(name: "A", email: "a@e")
        _ = try await first.write(WriteRequest(operation: .create(documentId: "one"), type: "note", locale: "en", status: .published, data: ["text": .string("1")], author: author))
        _ = try await second.write(WriteRequest(operation: .create(documentId: "two"), type: "note", locale: "en", status: .published, data: ["text": .string("2")], author: author))
        let files = try Self.git(path, "ls-tree", "-r", "--name-only", "main", "content/en/note/")
        #expect(files == "content/en/note/one.yaml\ncontent/en/note/two.yaml\n")
        #expect(second.snapshot.collection(view: .published, locale: "en", type: "note").count == 2)
    }
}

@Suite struct WorkTreeIndexTests {
    /// Past the limit, an acknowledged write's file is in the work tree at once and in the git
    /// index within a second, and a flush (as at a stop) records it at once.
    @Test func pastTheLimitTheIndexCatchesUpSoon() async throws {
        let (path, site) = try await GroupCommitTests.makeSite()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let author = Signature(name: "T", email: "t@e")
        _ = try await site.write(WriteRequest(operation: .create(documentId: "first"), type: "note", locale: "en", status: .published, data: ["text": .string("1")], author: author))
        #expect(try GroupCommitTests.git(path, "status", "--porcelain").isEmpty, "below the limit the index follows each batch")
        await site.setImmediateStagingLimit(0)
        _ = try await site.write(WriteRequest(operation: .create(documentId: "second"), type: "note", locale: "en", status: .published, data: ["text": .string("2")], author: author))
        #expect(FileManager.default.fileExists(atPath: path + "/content/en/note/second.yaml"))
        #expect(!(try GroupCommitTests.git(path, "status", "--porcelain").isEmpty), "the index has not caught up yet")
        var clean = false
        for _ in 0..<50 where !clean {
            try await Task.sleep(for: .milliseconds(100))
            clean = try GroupCommitTests.git(path, "status", "--porcelain").isEmpty
        }
        #expect(clean, "the index caught up within five seconds")
        _ = try await site.write(WriteRequest(operation: .update(documentId: "first"), type: "note", locale: "en", status: .published, data: ["text": .string("3")], author: author))
        await site.flushWorkTreeIndex()
        #expect(try GroupCommitTests.git(path, "status", "--porcelain").isEmpty)
    }

    /// A human's git holding index.lock for a long while: the written files stay to be staged
    /// however many tries fail, and are staged once the lock goes. (Dropping them left the index
    /// with old versions, which a plain `git commit` would have committed back over the writes.)
    @Test func aLongHeldIndexLockDelaysTheIndexButLosesNothing() async throws {
        let (path, site) = try await GroupCommitTests.makeSite()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let author = Signature(name: "T", email: "t@e")
        _ = try await site.write(WriteRequest(operation: .create(documentId: "first"), type: "note", locale: "en", status: .published, data: ["text": .string("1")], author: author))
        let lock = path + "/.git/index.lock"
        #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
        await site.setImmediateStagingLimit(0)
        _ = try await site.write(WriteRequest(operation: .update(documentId: "first"), type: "note", locale: "en", status: .published, data: ["text": .string("2")], author: author))
        for _ in 0..<6 { await site.flushWorkTreeIndex() }
        try FileManager.default.removeItem(atPath: lock)
        await site.flushWorkTreeIndex()
        #expect(try GroupCommitTests.git(path, "status", "--porcelain").isEmpty, "the update is staged after the lock went")
        #expect(try GroupCommitTests.git(path, "diff", "--cached", "main").isEmpty)
    }

    /// At a stop the index is finished, or the log says how to mend it.
    @Test func finishingAtAStopStagesWhatIsLeft() async throws {
        let (path, site) = try await GroupCommitTests.makeSite()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let author = Signature(name: "T", email: "t@e")
        await site.setImmediateStagingLimit(0)
        _ = try await site.write(WriteRequest(operation: .create(documentId: "late"), type: "note", locale: "en", status: .published, data: ["text": .string("1")], author: author))
        #expect(await site.finishWorkTreeIndex())
        #expect(try GroupCommitTests.git(path, "status", "--porcelain").isEmpty)
    }
}
