import Foundation
import QuireContent
import QuireGit
@testable import QuireIndex
@testable import QuireSite
import Testing

/// A restart reads `.git/quire/index.bin` and catches up from tree diffs instead of parsing
/// every document: it must give exactly what a full read gives, and any doubt means a full read.
@Suite struct SavedIndexTests {
    static let author = Signature(name: "T", email: "t@e")

    static func makeSite(documents: Int = 0, seed: UInt64 = 1) async throws -> (String, Site) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quire-saved-\(UUID().uuidString)").path
        var files: [(String, [UInt8])] = [("quire.yaml", Array("locales: [en, fr]\n".utf8))]
        files += QueryFixture.schemaFiles
        // Hand-made files (dangling links included), as a human or an import would commit them.
        let codec = DocumentCodec(schema: QueryFixture.schema)
        var random = SeededGenerator(state: seed)
        for index in 0..<40 {
            let fields: OrderedObject = ["name": .string(QueryFixture.words[index % 10] + " \(index)"), "age": .int(Int64(20 + index % 30))]
            files.append(("content/en/author/author-\(index).yaml", codec.encode(fields, type: QueryFixture.type("author"), format: .yaml)))
        }
        for index in 0..<10 {
            files.append(("content/en/tag/tag-\(index).yaml", codec.encode(["name": .string(QueryFixture.words[index])], type: QueryFixture.type("tag"), format: .yaml)))
        }
        for index in 0..<documents {
            let fields = QueryFixture.article(index, using: &random).fields
            files.append(("content/en/article/article-\(index).yaml", codec.encode(fields, type: QueryFixture.type("article"), format: .yaml)))
        }
        try await SiteCreator.create(at: path, files: files, author: author, message: "Site\n")
        return (path, try await open(path))
    }

    static func open(_ path: String) async throws -> Site {
        try await Site.open(repository: try Repository.open(at: path), renderer: KeyRenderer())
    }

    static func indexFile(_ path: String) -> String { path + "/.git/quire/index.bin" }
    static func journalFile(_ path: String) -> String { path + "/.git/quire/index.journal" }

    /// Every version of every document in both views, as text: equal lists mean equal indexes.
    static func contents(_ site: Site) -> [String] {
        site.snapshot.collections.sorted { "\($0.key)" < "\($1.key)" }.flatMap { key, collection in
            collection.documents.map { version in
                "\(key.view) \(version.key) \(version.path) \(version.blob) \(version.createdAt) \(version.updatedAt) "
                    + "\(String(describing: version.publishedAt)) \(version.fields)"
            }
        } + site.snapshot.problems.map(\.description)
    }

    static func write(_ site: Site, _ operation: WriteRequest.Operation, status: View = .published, _ data: OrderedObject = [:]) async throws {
        _ = try await site.write(WriteRequest(operation: operation, type: "article", locale: "en", status: status, data: data, author: author))
    }

    /// Creates, updates, deletes, drafts, a publish, a discard and a human commit.
    static func churn(_ site: Site, path: String, round: Int) async throws {
        try await write(site, .create(documentId: "new-\(round)"), ["title": .string("new \(round)"), "author": .string("author-1")])
        try await write(site, .update(documentId: "article-\(round)"), ["title": .string("edited \(round)"), "views": .int(Int64(round))])
        try await write(site, .delete(documentId: "article-\(round + 10)"))
        try await write(site, .update(documentId: "article-\(round + 20)"), status: .draft, ["title": .string("draft \(round)")])
        try await write(site, .update(documentId: "article-\(round + 30)"), status: .draft, ["title": .string("kept draft \(round)")])
        try await write(site, .publish(documentId: "article-\(round + 20)"))
        try await write(site, .update(documentId: "article-\(round + 40)"), status: .draft, ["title": .string("gone \(round)")])
        try await write(site, .discard(documentId: "article-\(round + 40)"))
        // A human's commit: one document edited, one bad file added.
        try GroupCommitTests.git(path, "checkout", "-q", "main", "--", ".")
        let file = path + "/content/en/tag/tag-\(round).yaml"
        try Array("name: by hand \(round)\n".utf8).write(to: file)
        try Array("name: [unclosed\n".utf8).write(to: path + "/content/en/tag/bad-\(round).yaml")
        _ = try GroupCommitTests.git(path, "add", "-A", "content")
        _ = try GroupCommitTests.git(path, "-c", "user.name=H", "-c", "user.email=h@e", "commit", "-q", "-m", "By hand \(round)")
        try await site.sync()
    }

    @Test func aRestartFromTheSavedIndexMatchesAFullRead() async throws {
        let (path, site) = try await Self.makeSite(documents: 60)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await Self.churn(site, path: path, round: 1)
        await site.saveIndex()
        #expect(FileManager.default.fileExists(atPath: Self.indexFile(path)))
        // Changes after the save are caught up from tree diffs and the moved draft refs.
        try await Self.churn(site, path: path, round: 2)
        let resumed = try await Self.open(path)
        #expect(Self.contents(resumed) == Self.contents(site))
        try FileManager.default.removeItem(atPath: Self.indexFile(path))
        let full = try await Self.open(path)
        #expect(Self.contents(full) == Self.contents(site))
        #expect(Self.contents(site).count > 100)
    }

    /// The file is really read: what it records for main's tip is what is served.
    @Test func theSavedIndexIsTrustedForItsOwnCommits() async throws {
        let (path, site) = try await Self.makeSite(documents: 5)
        defer { try? FileManager.default.removeItem(atPath: path) }
        await site.saveIndex()
        var saved = try #require(try await SavedState.read(gitDirectory: path + "/.git")).0
        let key = DocumentKey(locale: "en", type: "article", documentId: "article-3")
        saved.published[key]?.fields = ["title": .string("from the saved index")]
        var state = await site.state
        state.published = saved.published
        try SavedState.save(state, gitDirectory: path + "/.git")
        let reopened = try await Self.open(path)
        #expect(reopened.snapshot.document(view: .published, key: key)?.fields["title"] == .string("from the saved index"))
    }

    @Test(arguments: ["flip", "truncate", "empty", "version"])
    func aDamagedSavedIndexIsRebuilt(_ damage: String) async throws {
        let (path, site) = try await Self.makeSite(documents: 50)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await Self.churn(site, path: path, round: 1)
        await site.saveIndex()
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.indexFile(path))))
        switch damage {
        case "flip": bytes[bytes.count / 2] ^= 0x40
        case "truncate": bytes.removeLast(bytes.count / 3)
        case "empty": bytes = []
        default: bytes[8] &+= 1  // another format version
        }
        try bytes.write(to: Self.indexFile(path))
        let reopened = try await Self.open(path)
        #expect(Self.contents(reopened) == Self.contents(site))
        // The rebuilt state was saved again, whole.
        let rewritten = try await SavedState.read(gitDirectory: path + "/.git")
        let expected = await site.state.published.count
        #expect(rewritten?.0.published.count == expected)
    }

    /// Saves after writes append what changed to the journal instead of rewriting the file; a
    /// restart replays it and stops at a torn or damaged record (the sync catches up from there).
    @Test(arguments: ["whole", "torn", "flipped"])
    func theJournalIsReplayedUpToItsLastWholeRecord(_ damage: String) async throws {
        let (path, site) = try await Self.makeSite(documents: 60)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let base = try Data(contentsOf: URL(fileURLWithPath: Self.indexFile(path)))
        try await Self.churn(site, path: path, round: 1)
        await site.saveIndex()
        let first = site.snapshot.mainTip
        let afterFirst = try Data(contentsOf: URL(fileURLWithPath: Self.journalFile(path))).count
        try await Self.churn(site, path: path, round: 2)
        await site.saveIndex()
        #expect(try Data(contentsOf: URL(fileURLWithPath: Self.indexFile(path))) == base, "the file itself is not rewritten")
        var journal = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.journalFile(path))))
        #expect(journal.count > afterFirst)
        switch damage {
        case "torn": journal.removeLast(5)
        case "flipped": journal[journal.count - 3] ^= 0x40
        default: break
        }
        try journal.write(to: Self.journalFile(path))
        let (saved, mark) = try #require(try await SavedState.read(gitDirectory: path + "/.git"))
        #expect(saved.mainTip == (damage == "whole" ? site.snapshot.mainTip : first))
        #expect(mark.journalLength == (damage == "whole" ? journal.count : afterFirst))
        let resumed = try await Self.open(path)
        #expect(Self.contents(resumed) == Self.contents(site))
        // The resumed site appends after the last whole record, cutting the damaged one off.
        try await Self.churn(resumed, path: path, round: 3)
        await resumed.saveIndex()
        let again = try await Self.open(path)
        #expect(Self.contents(again) == Self.contents(resumed))
    }

    /// A journal grown past its share of the file is folded into a new file, and removed.
    @Test func aLongJournalIsFoldedIntoANewFile() async throws {
        let (path, site) = try await Self.makeSite(documents: 20)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await Self.write(site, .update(documentId: "article-1"), ["title": .string("later")])
        await site.saveIndex()
        #expect(FileManager.default.fileExists(atPath: Self.journalFile(path)))
        let (_, mark) = try #require(try await SavedState.read(gitDirectory: path + "/.git"))
        var full = mark
        full.journalLength = 8 << 20
        try await Self.write(site, .update(documentId: "article-2"), ["title": .string("later still")])
        let state = await site.state
        let folded = try SavedJournal.save(state, after: full, gitDirectory: path + "/.git")
        #expect(folded.journalLength == 0 && folded.base != mark.base)
        #expect(!FileManager.default.fileExists(atPath: Self.journalFile(path)))
        let (saved, _) = try #require(try await SavedState.read(gitDirectory: path + "/.git"))
        #expect(saved.mainTip == state.mainTip)
        #expect(Self.contents(try await Self.open(path)) == Self.contents(site))
    }

    /// main was reset behind the saved commit and went another way: the file no longer applies.
    @Test func aSavedIndexFromAnotherHistoryIsIgnored() async throws {
        let (path, site) = try await Self.makeSite(documents: 20)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let start = try #require(site.snapshot.mainTip)
        try await Self.write(site, .update(documentId: "article-1"), ["title": .string("later")])
        await site.saveIndex()
        _ = try GroupCommitTests.git(path, "reset", "-q", "--hard", start.hex)
        try Array("name: another way\n".utf8).write(to: path + "/content/en/tag/tag-2.yaml")
        _ = try GroupCommitTests.git(path, "-c", "user.name=H", "-c", "user.email=h@e", "commit", "-q", "-am", "Another way")
        let reopened = try await Self.open(path)
        let article = DocumentKey(locale: "en", type: "article", documentId: "article-1")
        #expect(reopened.snapshot.document(view: .published, key: article)?.fields["title"] != .string("later"))
        try FileManager.default.removeItem(atPath: Self.indexFile(path))
        #expect(Self.contents(reopened) == Self.contents(try await Self.open(path)))
    }

    /// The seeded random queries, on a site that went through writes and a restart from the file.
    @Test func randomQueriesAfterARestartFromTheSavedIndexMatchAScan() async throws {
        let (path, site) = try await Self.makeSite(documents: 400, seed: 11)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for round in 1...3 { try await Self.churn(site, path: path, round: round) }
        await site.saveIndex()
        try await Self.churn(site, path: path, round: 4)
        let resumed = try await Self.open(path)
        #expect(Self.contents(resumed) == Self.contents(site))
        var queries = RandomQueries(random: SeededGenerator(state: 5))
        let totals = try QueryIndexTests().compare(resumed.snapshot, queries: &queries, rounds: 150)
        #expect(totals.filter { $0 > 100 }.count > 10)
    }
}

extension Array where Element == UInt8 {
    func write(to path: String) throws {
        try Data(self).write(to: URL(fileURLWithPath: path))
    }
}
