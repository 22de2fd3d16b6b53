import Foundation
import Testing
@testable import QuireGit

/// Fetches and pushes to a remote given as a path, which copy objects themselves
/// (`LocalTransfer`) instead of going through libgit2's local transport.
@Suite struct LocalTransferTests {
    /// Every object id `git` finds reachable from `refs`, as `git rev-list --objects` prints them.
    private func reachableObjects(_ refs: [String], in gitDirectory: String) throws -> Set<String> {
        let listing = try runGit(["rev-list", "--objects"] + refs, in: gitDirectory)
        return Set(listing.split(separator: "\n").map { String($0.prefix(40)) })
    }

    private func objectCount(in gitDirectory: String) throws -> Int {
        try runGit(["cat-file", "--batch-all-objects", "--batch-check"], in: gitDirectory).split(separator: "\n").count
    }

    /// A site-like history: a sharded folder, a merge of two lines of work, a file that becomes a
    /// folder, one text stored at two paths, and a deep new folder.
    private func history(_ repo: Repository) async throws -> (base: ObjectID, tip: ObjectID) {
        var files: [String: String?] = [:]
        for n in 0..<60 { files["content/en/article/\(n % 6)/doc\(n).yaml"] = "title: \(n)\n" }
        let base = try await commitFiles(repo, files, parent: nil)
        let left = try await commitFiles(repo, ["content/en/article/1/doc1.yaml": "title: left\n", "notes": "a file\n"], parent: base)
        let right = try await commitFiles(repo, ["content/en/article/2/doc2.yaml": "title: right\n", "same/a.txt": "twice\n", "same/b.txt": "twice\n"], parent: base)
        let merged = try await commitFiles(repo, ["content/en/article/2/doc2.yaml": "title: right\n", "same/a.txt": "twice\n", "same/b.txt": "twice\n"],
                                           parent: left, extraParents: [right])
        let tip = try await commitFiles(repo, ["notes": nil, "notes/now-a-folder.txt": "folder\n", "deep/new/folder/x.txt": "deep\n"], parent: merged)
        return (base, tip)
    }

    @Test func aFetchBringsEveryObjectOfAHistoryWithMergesAndFolderChanges() async throws {
        try await withRepository(bare: true) { remote, _ in
            try await withRepository { local, _ in
                let (_, tip) = try await history(remote)
                try await remote.updateReference("refs/heads/main", to: tip, expecting: nil, logMessage: "test")
                let branches = try await GitRemote(url: remote.gitDirectory).fetch(into: local.gitDirectory)
                #expect(branches == ["refs/heads/main": tip])
                try await local.updateReference("refs/heads/main", to: tip, expecting: nil, logMessage: "test")
                _ = try runGit(["fsck", "--strict", "--no-dangling"], in: local.gitDirectory)
                #expect(try reachableObjects(["refs/heads/main"], in: local.gitDirectory) == reachableObjects(["refs/heads/main"], in: remote.gitDirectory))
                #expect(try await fileText(local, tip, "notes/now-a-folder.txt") == "folder\n")
            }
        }
    }

    /// The remote already holds the base; a push of three one-file commits sends, per commit,
    /// the commit, the trees on the changed path (root, content, en, article, shard) and the
    /// blob, and nothing of the 59 unchanged documents.
    @Test func aPushSendsOnlyWhatTheRemoteLacks() async throws {
        try await withRepository(bare: true) { remote, _ in
            try await withRepository { local, _ in
                let (base, _) = try await history(local)
                let first = try await GitRemote(url: remote.gitDirectory).push(from: local.gitDirectory, [
                    RemoteUpdate(name: "refs/heads/main", expected: nil, new: base)
                ])
                #expect(first == ["refs/heads/main": .applied])
                let before = try objectCount(in: remote.gitDirectory)
                var tip = base
                for n in 0..<3 {
                    tip = try await commitFiles(local, ["content/en/article/\(n)/doc\(n).yaml": "title: edited \(n)\n"], parent: tip)
                }
                let statuses = try await GitRemote(url: remote.gitDirectory).push(from: local.gitDirectory, [
                    RemoteUpdate(name: "refs/heads/main", expected: base, new: tip)
                ])
                #expect(statuses == ["refs/heads/main": .applied])
                #expect(try objectCount(in: remote.gitDirectory) - before == 3 * 7)
                _ = try runGit(["fsck", "--strict", "--no-dangling"], in: remote.gitDirectory)
                #expect(try await fileText(remote, tip, "content/en/article/2/doc2.yaml") == "title: edited 2\n")
            }
        }
    }

    /// Twenty commits into one folder of 600 documents: the folder's tree goes once in full
    /// and then as deltas of a few bytes, not twenty times (what made a remote's packs grow by
    /// a whole folder per commit).
    @Test func aFolderChangedByManyCommitsTravelsAsDeltas() async throws {
        try await withRepository(bare: true) { remote, _ in
            try await withRepository { local, _ in
                var files: [String: String?] = [:]
                for n in 0..<600 { files["content/en/article/doc\(n).yaml"] = "title: \(n)\n" }
                let base = try await commitFiles(local, files, parent: nil)
                let transfer = GitRemote(url: remote.gitDirectory)
                _ = try await transfer.push(from: local.gitDirectory, [RemoteUpdate(name: "refs/heads/main", expected: nil, new: base)])
                let packs = remote.gitDirectory + "/objects/pack"
                let before = Set(try FileManager.default.contentsOfDirectory(atPath: packs))
                var tip = base
                for n in 0..<20 {
                    tip = try await commitFiles(local, ["content/en/article/doc\(n * 7).yaml": "title: edited \(n)\n"], parent: tip)
                }
                #expect(try await transfer.push(from: local.gitDirectory, [RemoteUpdate(name: "refs/heads/main", expected: base, new: tip)])
                        == ["refs/heads/main": .applied])
                let added = try FileManager.default.contentsOfDirectory(atPath: packs).filter { !before.contains($0) && $0.hasSuffix(".pack") }
                #expect(added.count == 1)
                let folderSize = try runGit(["cat-file", "-s", "\(tip):content/en/article"], in: remote.gitDirectory)
                let packSize = try FileManager.default.attributesOfItem(atPath: packs + "/" + added[0])[.size] as? Int ?? 0
                #expect(packSize < 3 * (Int(folderSize.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0))
                let listing = try runGit(["verify-pack", "-v", packs + "/" + added[0]], in: remote.gitDirectory)
                #expect(listing.contains("chain length = 19"))
                _ = try runGit(["fsck", "--strict", "--no-dangling"], in: remote.gitDirectory)
                #expect(try await fileText(remote, tip, "content/en/article/doc133.yaml") == "title: edited 19\n")
            }
        }
    }

    /// With the smallest packs each commit gets its own, oldest first: a transfer cut short
    /// between packs leaves only commits whose trees, blobs and parents are all there.
    @Test func packsCloseOverWholeCommits() async throws {
        try await withRepository { source, _ in
            try await withRepository(bare: true) { target, _ in
                let (_, tip) = try await history(source)
                let packs = target.gitDirectory + "/objects/pack"
                let copied = try GitRemote.withRepository(source.gitDirectory) { handle in
                    try LocalTransfer.copyObjects(reachableFrom: [tip], from: handle, into: target.gitDirectory, packBytes: 1)
                }
                #expect(copied == Set(try reachableObjects([tip.description], in: source.gitDirectory)).count)
                let names = try FileManager.default.contentsOfDirectory(atPath: packs).filter { $0.hasSuffix(".idx") }
                #expect(names.count == 5)
                for name in names {
                    // `<id> <type> <size> …` for each object of this one pack.
                    let listing = try runGit(["verify-pack", "-v", packs + "/" + name], in: target.gitDirectory)
                    let objects = listing.split(separator: "\n").map { $0.split(separator: " ") }.filter { $0.count > 2 && $0[0].count == 40 }
                    let ids = Set(objects.map { String($0[0]) })
                    let commits = objects.filter { String($0[1]) == "commit" }.map { String($0[0]) }
                    #expect(commits.count == 1)
                    let tree = try runGit(["rev-parse", "\(commits[0])^{tree}"], in: target.gitDirectory).trimmingCharacters(in: .whitespacesAndNewlines)
                    #expect(ids.contains(tree))
                }
            }
        }
    }

    /// A branch named in `extra` outside `refs/heads/` comes along when the remote has it, and is
    /// simply absent when it has not.
    @Test func privateRefsComeAlongWhenTheRemoteHasThem() async throws {
        try await withRepository(bare: true) { remote, _ in
            try await withRepository { local, _ in
                let (base, tip) = try await history(remote)
                try await remote.updateReference("refs/heads/main", to: base, expecting: nil, logMessage: "test")
                try await remote.updateReference("refs/quire/users", to: tip, expecting: nil, logMessage: "test")
                let branches = try await GitRemote(url: remote.gitDirectory).fetch(into: local.gitDirectory, alsoFetching: ["refs/quire/users", "refs/quire/absent"])
                #expect(branches == ["refs/heads/main": base, "refs/quire/users": tip])
                #expect(try await fileText(local, tip, "deep/new/folder/x.txt") == "deep\n")
            }
        }
    }
}
