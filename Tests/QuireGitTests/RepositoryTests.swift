import CGit2
import Foundation
import Testing
@testable import QuireGit

@Suite struct RepositoryTests {
    @Test func objectIDHexRoundTrip() throws {
        let hex = "0123456789abcdef0123456789abcdef01234567"
        let id = try #require(ObjectID(hex: hex))
        #expect(id.hex == hex)
        #expect(ObjectID(hex: hex.uppercased()) == id)
        #expect(ObjectID(id.oid) == id)
        #expect(ObjectID(hex: "xyz") == nil)
        #expect(ObjectID(hex: hex + "0") == nil)
        #expect(ObjectID(hex: String(hex.dropLast())) == nil)
        #expect(ObjectID(hex: "00000000000000000000000000000000000000ff")! < ObjectID(hex: "0000000000000000000000000000000000000100")!)
    }

    @Test func createAndOpen() async throws {
        try await withRepository { repo, path in
            #expect(repo.workDirectory == path)
            #expect(repo.gitDirectory == path + "/.git")
            #expect(try await repo.headReferenceName() == "refs/heads/main")
            #expect(try await repo.resolveReference("HEAD") == nil)

            let viaWorkTree = try Repository.open(at: path)
            #expect(viaWorkTree.gitDirectory == repo.gitDirectory)
            let viaGitDir = try Repository.open(at: path + "/.git")
            #expect(viaGitDir.workDirectory == path)
            #expect(throws: GitError.self) { try Repository.create(at: path) }
        }
        try await withRepository(bare: true) { repo, path in
            #expect(repo.workDirectory == nil)
            #expect(repo.gitDirectory == path)
            let reopened = try Repository.open(at: path)
            #expect(reopened.workDirectory == nil)
        }
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        #expect(throws: GitError.notFound("repository at \(missing)")) { try Repository.open(at: missing) }
    }

    @Test func initialBranchName() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quire-git-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let repo = try Repository.create(at: path, bare: true, initialBranch: "content")
        #expect(try await repo.headReferenceName() == "refs/heads/content")
    }

    @Test func blobRoundTrip() async throws {
        try await withRepository { repo, _ in
            let bytes: [UInt8] = Array("héllo\n".utf8) + [0, 255]
            let id = try await repo.writeBlob(bytes)
            #expect(try await repo.readBlob(id) == bytes)
            let empty = try await repo.writeBlob([])
            #expect(empty.hex == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
            #expect(try await repo.readBlobs([id, empty, id]) == [bytes, [], bytes])
            let missing = ObjectID(hex: String(repeating: "ab", count: 20))!
            await #expect(throws: GitError.notFound("blob \(missing)")) { try await repo.readBlob(missing) }
        }
    }

    @Test func commitInfoRoundTrip() async throws {
        try await withRepository { repo, _ in
            let first = try await commitFiles(repo, ["a.md": "A"], parent: nil, message: "first\n\nbody")
            let second = try await commitFiles(repo, ["b.md": "B"], parent: first, message: "second", time: 1_700_000_100)
            let info = try await repo.commit(second)
            #expect(info.id == second)
            #expect(info.parents == [first])
            #expect(info.message == "second")
            #expect(info.author == Signature(name: "Ada Lovelace", email: "ada@example.com", time: 1_700_000_100, offsetMinutes: 60))
            #expect(info.committer == info.author)
            #expect(try await repo.commit(first).message == "first\n\nbody")
            #expect(try await repo.treeEntries(info.tree).map(\.name) == ["a.md", "b.md"])
        }
    }

    @Test func updateReferenceCompareAndSwap() async throws {
        try await withRepository { repo, path in
            let one = try await commitFiles(repo, ["a.md": "1"], parent: nil)
            let two = try await commitFiles(repo, ["a.md": "2"], parent: one)
            let main = "refs/heads/main"
            try await repo.updateReference(main, to: one, expecting: nil, logMessage: "create")
            #expect(try await repo.resolveReference(main) == one)
            #expect(try await repo.resolveReference("HEAD") == one)
            await #expect(throws: GitError.referenceMoved(name: main)) {
                try await repo.updateReference(main, to: two, expecting: nil, logMessage: "again")
            }
            try await repo.updateReference(main, to: two, expecting: one, logMessage: "advance")
            await #expect(throws: GitError.referenceMoved(name: main)) {
                try await repo.updateReference(main, to: one, expecting: one, logMessage: "stale")
            }
            #expect(try await repo.resolveReference(main) == two)
            await #expect(throws: GitError.referenceMoved(name: "refs/heads/none")) {
                try await repo.updateReference("refs/heads/none", to: one, expecting: two, logMessage: "missing")
            }
            // A new nested folder for the ref.
            try await repo.updateReference("refs/heads/drafts/x/y", to: one, expecting: nil, logMessage: "draft")
            #expect(FileManager.default.fileExists(atPath: path + "/.git/refs/heads/drafts/x/y"))
            await #expect(throws: GitError.self) {
                try await repo.updateReference("refs/heads/bad..name", to: one, expecting: nil, logMessage: "x")
            }
        }
    }

    @Test func deleteReferenceCompareAndSwap() async throws {
        try await withRepository { repo, path in
            let one = try await commitFiles(repo, ["a.md": "1"], parent: nil)
            let two = try await commitFiles(repo, ["a.md": "2"], parent: one)
            let name = "refs/heads/drafts/d1"
            try await repo.updateReference(name, to: one, expecting: nil, logMessage: "create")
            await #expect(throws: GitError.referenceMoved(name: name)) {
                try await repo.deleteReference(name, expecting: two)
            }
            #expect(try await repo.resolveReference(name) == one)
            try await repo.deleteReference(name, expecting: one)
            #expect(try await repo.resolveReference(name) == nil)
            await #expect(throws: GitError.referenceMoved(name: name)) {
                try await repo.deleteReference(name, expecting: one)
            }
            // Packed refs: the delete rewrites packed-refs.
            try await repo.updateReference(name, to: two, expecting: nil, logMessage: "create")
            try runGit(["pack-refs", "--all"], in: path)
            #expect(!FileManager.default.fileExists(atPath: path + "/.git/refs/heads/drafts/d1"))
            #expect(try await repo.resolveReference(name) == two)
            try await repo.deleteReference(name, expecting: two)
            #expect(try await repo.resolveReference(name) == nil)
            #expect(try runGit(["for-each-ref", name], in: path).isEmpty)
        }
    }

    @Test func referencesWithPrefix() async throws {
        try await withRepository { repo, _ in
            let one = try await commitFiles(repo, ["a.md": "1"], parent: nil)
            let two = try await commitFiles(repo, ["a.md": "2"], parent: one)
            try await repo.updateReference("refs/heads/main", to: two, expecting: nil, logMessage: "m")
            try await repo.updateReference("refs/heads/drafts/a", to: one, expecting: nil, logMessage: "a")
            try await repo.updateReference("refs/heads/drafts/nested/b", to: two, expecting: nil, logMessage: "b")
            try await repo.updateReference("refs/heads/draftsman", to: one, expecting: nil, logMessage: "c")
            #expect(try await repo.references(withPrefix: "refs/heads/drafts/") == [
                "refs/heads/drafts/a": one, "refs/heads/drafts/nested/b": two,
            ])
            #expect(try await repo.references(withPrefix: "refs/heads/").count == 4)
            #expect(try await repo.references(withPrefix: "refs/tags/").isEmpty)
            #expect(try await repo.references(withPrefix: "").count == 4)
        }
    }

    @Test func makeObjectsDurable() async throws {
        try await withRepository(bare: true) { repo, _ in
            _ = try await repo.writeBlob(Array("x".utf8))
            try await repo.makeObjectsDurable()
        }
    }
}
