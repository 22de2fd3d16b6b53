import Foundation
import Testing
@testable import QuireGit

@Suite struct CompatibilityTests {
    @Test func gitCommandLineReadsOurRepository() async throws {
        try await withRepository { repo, path in
            let main = "refs/heads/main"
            var tip: ObjectID?
            for index in 0..<30 {
                let files: [String: String?] = [
                    "posts/\(index % 7)/doc-\(index).md": "---\ntitle: \(index)\n---\nbody\n",
                    "index.md": "version \(index)\n",
                    "posts/\(index % 7)/doc-\(index - 3).md": index % 5 == 0 ? nil : "edited \(index)\n",
                ]
                let next = try await commitFiles(repo, files, parent: tip, message: "Commit \(index)\n\nDetails \(index)\n",
                                                 time: 1_700_000_000 + Int64(index))
                try await repo.makeObjectsDurable()
                try await repo.updateReference(main, to: next, expecting: tip, logMessage: "commit \(index)")
                tip = next
            }
            let draft = try await commitFiles(repo, ["drafts/x.md": "x"], parent: tip, time: 1_700_001_000)
            try await repo.updateReference("refs/heads/drafts/x", to: draft, expecting: nil, logMessage: "draft")
            try await repo.deleteReference("refs/heads/drafts/x", expecting: draft)

            try runGit(["fsck", "--strict", "--no-dangling"], in: path)
            let log = try runGit(["log", "--format=%H|%an|%ae|%s|%at|%ad", "--date=raw", "-n", "2"], in: path)
            let lines = log.split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines.first == "\(tip!.hex)|Ada Lovelace|ada@example.com|Commit 29|1700000029|1700000029 +0100")
            #expect(try runGit(["rev-list", "--count", "HEAD"], in: path) == "30\n")
            #expect(try runGit(["show", "HEAD:index.md"], in: path) == "version 29\n")
            let body = try runGit(["show", "-s", "--format=%B", tip!.hex], in: path)
            #expect(body.hasPrefix("Commit 29\n\nDetails 29\n"))
            // git's own view of the tree agrees with ours, path by path.
            let gitFiles = try runGit(["ls-tree", "-r", "--format=%(objectname) %(path)", "HEAD"], in: path)
                .split(separator: "\n").map(String.init).sorted()
            let ourFiles = try await repo.blobs(inTree: repo.commit(tip!).tree, under: "")
                .map { "\($0.id.hex) \($0.path)" }.sorted()
            #expect(gitFiles == ourFiles)
        }
    }

    @Test func concurrentWritersAllLand() async throws {
        try await withRepository(bare: true) { repo, path in
            let main = "refs/heads/main"
            let root = try await commitFiles(repo, ["README.md": "root"], parent: nil)
            try await repo.updateReference(main, to: root, expecting: nil, logMessage: "root")
            let retries = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        var retries = 0
                        let blob = try await repo.writeBlob(Array("doc \(index)\n".utf8))
                        while true {
                            let tip = try await repo.resolveReference(main)!
                            // Let the other writers in between read and swap: the CAS must catch them.
                            await Task.yield()
                            let base = try await repo.commit(tip).tree
                            let tree = try await repo.buildTree(base: base, changes: ["docs/doc-\(index).md": blob])
                            let commit = try await repo.createCommit(
                                tree: tree, parents: [tip], author: testAuthor, committer: testAuthor, message: "doc \(index)")
                            do {
                                try await repo.updateReference(main, to: commit, expecting: tip, logMessage: "doc \(index)")
                                return retries
                            } catch GitError.referenceMoved {
                                retries += 1
                            }
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            let tip = try await repo.resolveReference(main)!
            let docs = try await repo.blobs(inTree: repo.commit(tip).tree, under: "docs")
            #expect(docs.count == 50)
            #expect(try await repo.commits(from: tip).count == 51)
            try runGit(["fsck", "--strict", "--no-dangling"], in: path)
            print("concurrent writers: \(retries) retries")
        }
    }
}
