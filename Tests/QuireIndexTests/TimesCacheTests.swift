import Foundation
import QuireContent
import QuireGit
import QuireIndex
import QuireSite
import Testing

@Suite struct TimesCacheTests {
    static func write(_ site: Site, _ id: String, _ text: String, time: Int64) async throws {
        let request = WriteRequest(
            operation: .update(documentId: id), type: "note", locale: "en", status: .published,
            data: ["text": .string(text)], author: Signature(name: "T", email: "t@e", time: time))
        _ = try await site.write(request)
    }

    /// A start without the saved index (`SavedIndexTests`), which would hold the times itself.
    static func reopen(_ path: String) async throws -> Site {
        try? FileManager.default.removeItem(atPath: path + "/.git/quire/index.bin")
        return try await Site.open(repository: try Repository.open(at: path), renderer: KeyRenderer())
    }

    /// A restart from the cache gives the same times as walking the whole history.
    @Test func restartFromTheCacheMatchesAFullWalk() async throws {
        let (path, site) = try await GroupCommitTests.makeSite()
        defer { try? FileManager.default.removeItem(atPath: path) }
        for index in 0..<5 {
            _ = try await site.write(WriteRequest(
                operation: .create(documentId: "n\(index)"), type: "note", locale: "en", status: .published,
                data: ["text": .string("v1")], author: Signature(name: "T", email: "t@e")))
        }
        await site.saveTimesCache()
        let cacheFile = path + "/.git/quire/times.json"
        #expect(FileManager.default.fileExists(atPath: cacheFile))
        // Commits after the cache was written are walked on top of it.
        _ = try await site.write(WriteRequest(
            operation: .update(documentId: "n2"), type: "note", locale: "en", status: .published,
            data: ["text": .string("v2")], author: Signature(name: "T", email: "t@e")))

        let fromCache = try await Self.reopen(path)
        try FileManager.default.removeItem(atPath: cacheFile)
        let fromHistory = try await Self.reopen(path)
        let cached = fromCache.snapshot.collection(view: .published, locale: "en", type: "note").documents
        let walked = fromHistory.snapshot.collection(view: .published, locale: "en", type: "note").documents
        #expect(cached.map(\.key.documentId) == walked.map(\.key.documentId))
        #expect(cached.map(\.createdAt) == walked.map(\.createdAt))
        #expect(cached.map(\.updatedAt) == walked.map(\.updatedAt))
        #expect(cached.count == 5)
    }

    /// A start on an unchanged main reads the cache and leaves the file alone (it is rewritten
    /// through a rename, so a new inode would mean it was written again).
    @Test func aStartOnTheCachedCommitDoesNotRewriteTheCache() async throws {
        let (path, site) = try await GroupCommitTests.makeSite()
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try await site.write(WriteRequest(
            operation: .create(documentId: "n"), type: "note", locale: "en", status: .published,
            data: ["text": .string("v1")], author: Signature(name: "T", email: "t@e")))
        await site.saveTimesCache()
        let cacheFile = path + "/.git/quire/times.json"
        let inode = { try FileManager.default.attributesOfItem(atPath: cacheFile)[.systemFileNumber] as? Int }
        let before = try inode()
        let reopened = try await Self.reopen(path)
        await reopened.saveTimesCache()
        #expect(try inode() == before)
        // After a new commit the next save (a stop's) does write it; a start alone writes
        // nothing (the saved index keeps the times between starts).
        _ = try await site.write(WriteRequest(
            operation: .update(documentId: "n"), type: "note", locale: "en", status: .published,
            data: ["text": .string("v2")], author: Signature(name: "T", email: "t@e")))
        let again = try await Self.reopen(path)
        #expect(try inode() == before)
        await again.saveTimesCache()
        #expect(try inode() != before)
    }

    /// The cache is really read: times it records for main's tip are the ones served.
    @Test func theCacheIsTrustedForItsOwnCommit() async throws {
        let (path, site) = try await GroupCommitTests.makeSite()
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try await site.write(WriteRequest(
            operation: .create(documentId: "n"), type: "note", locale: "en", status: .published,
            data: ["text": .string("v1")], author: Signature(name: "T", email: "t@e")))
        let key = DocumentKey(locale: "en", type: "note", documentId: "n")
        let tip = try #require(site.snapshot.mainTip)
        try TimesCache(main: tip, times: [key: DocumentTimes(created: 7, updated: 8)]).save(gitDirectory: path + "/.git")
        let reopened = try await Self.reopen(path)
        #expect(reopened.snapshot.document(view: .published, key: key)?.createdAt == 7)
    }

    /// A cache for a commit main does not contain (here: made up) is ignored, not trusted.
    @Test func aCacheFromAnotherHistoryIsIgnored() async throws {
        let (path, site) = try await GroupCommitTests.makeSite()
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try await site.write(WriteRequest(
            operation: .create(documentId: "n"), type: "note", locale: "en", status: .published,
            data: ["text": .string("v1")], author: Signature(name: "T", email: "t@e")))
        let bogus = TimesCache(
            main: ObjectID(hex: String(repeating: "ab", count: 20))!,
            times: [DocumentKey(locale: "en", type: "note", documentId: "n"): DocumentTimes(created: 1, updated: 2)])
        try bogus.save(gitDirectory: path + "/.git")
        let reopened = try await Self.reopen(path)
        let document = try #require(reopened.snapshot.document(view: .published, key: DocumentKey(locale: "en", type: "note", documentId: "n")))
        #expect(document.createdAt > 1_000_000_000)
    }
}
