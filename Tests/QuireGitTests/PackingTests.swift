import Foundation
import Testing
@testable import QuireGit

@Suite struct PackingTests {
    /// Commits `count` changes to files in one folder on main; returns every commit, oldest first.
    private func commitSeries(_ repo: Repository, count: Int, start: Int = 0, folder: Int = 200) async throws -> [ObjectID] {
        var commits: [ObjectID] = []
        var parent = try await repo.resolveReference("refs/heads/main")
        for step in start..<(start + count) {
            var files: [String: String?] = [:]
            if parent == nil {
                for other in 0..<folder { files["content/doc-\(other).yaml"] = "title: first \(other)\n" }
            }
            files["content/doc-\(step % folder).yaml"] = "title: version \(step)\n"
            let commit = try await commitFiles(repo, files, parent: parent, time: 1_700_000_000 + Int64(step))
            try await repo.updateReference("refs/heads/main", to: commit, expecting: parent, logMessage: "test")
            parent = commit
            commits.append(commit)
        }
        return commits
    }

    @Test func packingLooseObjectsKeepsEveryCommitReadableThroughTheLiveHandle() async throws {
        try await withRepository { repo, path in
            let commits = try await commitSeries(repo, count: 40)
            let before = ObjectStoreStats.read(gitDirectory: repo.gitDirectory)
            #expect(before.looseObjects > 40 && before.packs == 0)

            let report = try ObjectPacker(gitDirectory: repo.gitDirectory).packLooseObjects()
            #expect(report.packedObjects == before.looseObjects)
            #expect(report.removedLooseObjects == before.looseObjects)
            let after = ObjectStoreStats.read(gitDirectory: repo.gitDirectory)
            #expect(after.looseObjects == 0 && after.packs == 1)
            #expect(after.packBytes < before.looseBytes)

            // The handle opened before packing finds the moved objects (libgit2 rescans packs on a miss).
            for (step, commit) in commits.enumerated() {
                #expect(try await fileText(repo, commit, "content/doc-\(step % 200).yaml") == "title: version \(step)\n")
            }
            try runGit(["fsck", "--strict", "--no-dangling"], in: path)
            let counted = try runGit(["count-objects", "-v"], in: path)
            #expect(counted.contains("count: 0\n") && counted.contains("packs: 1\n"))
        }
    }

    @Test func writesContinueAfterPackingIncludingObjectsThatAreNowPacked() async throws {
        try await withRepository { repo, path in
            let first = try await commitSeries(repo, count: 10)
            _ = try ObjectPacker(gitDirectory: repo.gitDirectory).packLooseObjects()
            // Re-writing content identical to a packed version makes objects that already exist.
            let again = try await commitFiles(repo, ["content/doc-3.yaml": "title: version 3\n"], parent: first.last,
                                              time: 1_800_000_000)
            try await repo.updateReference("refs/heads/main", to: again, expecting: first.last, logMessage: "test")
            let more = try await commitSeries(repo, count: 5, start: 10)
            #expect(try await fileText(repo, more.last!, "content/doc-3.yaml") == "title: version 3\n")
            #expect(try await fileText(repo, more.last!, "content/doc-14.yaml") == "title: version 14\n")
            try runGit(["fsck", "--strict", "--no-dangling"], in: path)
        }
    }

    @Test func consolidationMergesPacksAndKeepsUnreachableObjects() async throws {
        try await withRepository { repo, path in
            let packer = ObjectPacker(gitDirectory: repo.gitDirectory)
            var commits: [ObjectID] = []
            for round in 0..<3 {
                commits += try await commitSeries(repo, count: 5, start: round * 5)
                _ = try packer.packLooseObjects()
            }
            // A blob no ref reaches, as a write in flight would leave: packing must keep it.
            let orphan = try await repo.writeBlob(Array("not yet committed\n".utf8))
            #expect(ObjectStoreStats.read(gitDirectory: repo.gitDirectory).packs == 3)

            let report = try packer.consolidate()
            #expect(report.removedPacks == 3)
            let stats = ObjectStoreStats.read(gitDirectory: repo.gitDirectory)
            #expect(stats.packs == 1 && stats.looseObjects == 0)
            #expect(String(decoding: try await repo.readBlob(orphan), as: UTF8.self) == "not yet committed\n")
            for (step, commit) in commits.enumerated() {
                #expect(try await fileText(repo, commit, "content/doc-\(step).yaml") == "title: version \(step)\n")
            }
            try runGit(["fsck", "--strict"], in: path)
        }
    }

    @Test func packingBesideALiveWriterLosesNothing() async throws {
        try await withRepository { repo, path in
            _ = try await commitSeries(repo, count: 1)
            let packer = ObjectPacker(gitDirectory: repo.gitDirectory)
            let writer = Task { try await commitSeries(repo, count: 60, start: 1) }
            var rounds = 0
            while rounds < 6 {
                _ = try packer.packLooseObjects()
                rounds += 1
                try await Task.sleep(for: .milliseconds(20))
            }
            let commits = try await writer.value
            _ = try packer.consolidate()
            for (offset, commit) in commits.enumerated() {
                let step = offset + 1
                #expect(try await fileText(repo, commit, "content/doc-\(step).yaml") == "title: version \(step)\n")
            }
            try runGit(["fsck", "--strict", "--no-dangling"], in: path)
        }
    }

    @Test func policyPacksByCountOrBytesAndConsolidatesManyPacks() {
        let policy = PackingPolicy(looseObjectLimit: 100, looseByteLimit: 1 << 20, packLimit: 4)
        #expect(policy.step(for: ObjectStoreStats(looseObjects: 99, looseBytes: 1000, packs: 4)) == nil)
        #expect(policy.step(for: ObjectStoreStats(looseObjects: 100, looseBytes: 1000, packs: 0)) == .packLoose)
        #expect(policy.step(for: ObjectStoreStats(looseObjects: 3, looseBytes: 1 << 20, packs: 0)) == .packLoose)
        #expect(policy.step(for: ObjectStoreStats(looseObjects: 0, looseBytes: 0, packs: 5)) == .consolidate)
    }
}
