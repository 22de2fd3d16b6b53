import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import QuireAPI
import QuireGit
import QuireIndex
import Testing

/// Files a human commits by hand, bad ones included: reported while they exist, forgotten when
/// they are gone, never fatal.
@Suite struct HandMadeFileTests {
    @Test func deletingABadFileByHandClearsItsProblem() async throws {
        let site = try await TestSite.make(files: ["content/en/article/broken.yaml": "title: [unclosed\n"])
        #expect(site.site.snapshot.problems.contains { $0.path == "content/en/article/broken.yaml" })
        try site.git("rm", "-q", "content/en/article/broken.yaml")
        try site.git("commit", "-qm", "Remove the broken file")
        try await site.site.sync()
        #expect(site.site.snapshot.problems.isEmpty)
        #expect(site.site.snapshot.mainTip == (try await site.mainTip()))
    }

    /// A commit that touches no document (a README) still moves the tip that reads report.
    @Test func aCommitOutsideTheContentMovesTheServedTip() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try "Notes for editors\n".write(toFile: site.path + "/README.md", atomically: false, encoding: .utf8)
        try site.git("add", "README.md")
        try site.git("commit", "-qm", "Add a README")
        try await site.site.sync()
        let tip = try #require(try await site.mainTip())
        #expect(site.site.snapshot.mainTip == tip)
        try await site.test { client async throws in
            let health = try await client.send(.get, "/_health", token: token)
            #expect(try health.json["commit"] == .string(tip.hex))
        }
    }

    /// `tag/travel.yaml` and `tag/travel.json` both claim one documentId: which one serves is
    /// an accident of tree order, so the second is reported rather than silently shadowed.
    @Test(arguments: ["content/en/tag/travel.json", "content/en/tag/2024/travel.yaml"])
    func twoFilesForOneDocumentAreReported(_ second: String) async throws {
        let site = try await TestSite.make(files: [second: second.hasSuffix(".json") ? #"{"name": "Copy"}"# : "name: Copy\n"])
        let problems = site.site.snapshot.problems.filter { $0.message.contains("travel") }
        #expect(problems.count == 1, "\(site.site.snapshot.problems)")
        let reported = try #require(problems.first)
        let served = try #require(site.site.snapshot.document(
            view: .published, key: DocumentKey(locale: "en", type: "tag", documentId: "travel")))
        #expect(reported.path != served.path)
        #expect(reported.message.contains(served.path))
    }

    /// Deleting the file that served leaves the other one: it serves now and is no longer reported.
    @Test func theIgnoredCopyTakesOverWhenTheServedFileIsDeleted() async throws {
        let site = try await TestSite.make(files: ["content/en/tag/travel.json": #"{"name": "Copy"}"#])
        let key = DocumentKey(locale: "en", type: "tag", documentId: "travel")
        let served = try #require(site.site.snapshot.document(view: .published, key: key)?.path)
        try site.git("rm", "-q", served)
        try site.git("commit", "-qm", "Remove one of the two")
        try await site.site.sync()
        #expect(site.site.snapshot.problems.isEmpty, "\(site.site.snapshot.problems)")
        let now = try #require(site.site.snapshot.document(view: .published, key: key))
        #expect(now.path != served)
    }
}

/// A `.yaml` or `.json` file under `content/` that names no document was skipped without a
/// word, so a human never learnt why their file did not serve.
@Suite struct StrayContentFileTests {
    static let strays = ["content/stray.yaml", "content/en/tag/bad name!.yaml", "content/en/article.json"]

    @Test func strayFilesAreReportedAndTheRestServes() async throws {
        var files = Dictionary(uniqueKeysWithValues: Self.strays.map { ($0, "name: Stray\n") })
        files["content/en/tag/README.md"] = "Notes for editors\n"
        let site = try await TestSite.make(files: files)
        let reported = Set(site.site.snapshot.problems.map(\.path))
        #expect(reported == Set(Self.strays), "\(site.site.snapshot.problems)")
        let token = site.fullToken
        try await site.test { client async throws in
            #expect(try await client.send(.get, "/api/tags/travel", token: token).status == .ok)
        }
    }

    @Test func aStrayFileCommittedOrRemovedByHandIsFollowed() async throws {
        let site = try await TestSite.make()
        try "name: Stray\n".write(toFile: site.path + "/content/stray.yaml", atomically: false, encoding: .utf8)
        try site.git("add", "-A")
        try site.git("commit", "-qm", "A file in the wrong folder")
        try await site.site.sync()
        #expect(site.site.snapshot.problems.map(\.path) == ["content/stray.yaml"])
        try site.git("rm", "-q", "content/stray.yaml")
        try site.git("commit", "-qm", "Remove it")
        try await site.site.sync()
        #expect(site.site.snapshot.problems.isEmpty)
    }
}
