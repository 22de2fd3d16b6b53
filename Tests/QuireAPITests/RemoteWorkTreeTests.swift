import Foundation
import HummingbirdTesting
import QuireAPI
import QuireIndex
@testable import QuireSite
import Testing

/// What a sync brings in reaches the server's work tree and its git index, even while a
/// human's git holds `index.lock` (the soak: files left behind main after a sync).
@Suite struct RemoteWorkTreeTests {
    @Test func aSyncWhileAHumansGitHoldsTheIndexCatchesUpOnceItIsFree() async throws {
        let cluster = try await RemoteServers.make(count: 2, fetchEvery: nil)
        let (a, b) = (cluster.servers[0], cluster.servers[1])
        try await cluster.test { clients in
            let lock = b.path + "/.git/index.lock"
            #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
            let created = try await clients[0].send(.post, "/api/authors", token: a.token, json: #"{"data":{"name":"Mary Jackson"}}"#)
            #expect(created.status == .created)
            let id = try #require(try created.json["data"]?["documentId"]?.stringValue)
            try await a.sync.synchronize()
            try await b.sync.synchronize()
            let path = "content/en/author/\(id).yaml"
            #expect(FileManager.default.fileExists(atPath: b.path + "/" + path), "the file is written while the index is locked")

            try FileManager.default.removeItem(atPath: lock)
            var clean = false
            for _ in 0..<400 where !clean {
                clean = (try? cluster.git(b.path, "status", "--porcelain")) == ""
                if !clean { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(clean, "the git index caught up: \((try? cluster.git(b.path, "status", "--porcelain")) ?? "")")
            #expect(try cluster.git(b.path, "ls-files", path) == path + "\n")
        }
    }

    /// A human's `git commit` that lands while a sync merges the remote's commits (the sync
    /// waits for their `index.lock`, then finds main moved) is taken in, and the round goes on
    /// on top of it instead of failing (the 100k soak: 56 failed rounds on the work-tree server).
    @Test func aHumansCommitDuringASyncIsBuiltOnNotAFailedRound() async throws {
        let cluster = try await RemoteServers.make(count: 2, fetchEvery: nil)
        let (a, b) = (cluster.servers[0], cluster.servers[1])
        try await cluster.test { clients in
            let created = try await clients[0].send(.post, "/api/authors", token: a.token, json: #"{"data":{"name":"Katherine Johnson"}}"#)
            let id = try #require(try created.json["data"]?["documentId"]?.stringValue)
            try await a.sync.synchronize()

            // The human's commit on b, made as git makes it: tree and commit first, then
            // `index.lock`, then main moved only if it is still where git read it.
            let before = try cluster.git(b.path, "rev-parse", "main").trimmingCharacters(in: .whitespacesAndNewlines)
            try "name: Hand made\n".write(toFile: b.path + "/content/en/tag/hand.yaml", atomically: false, encoding: .utf8)
            _ = try cluster.git(b.path, "add", "content/en/tag/hand.yaml")
            let tree = try cluster.git(b.path, "write-tree").trimmingCharacters(in: .whitespacesAndNewlines)
            let human = try cluster.git(b.path, "-c", "user.name=H", "-c", "user.email=h@e", "commit-tree", tree, "-p", before, "-m", "By hand")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let lock = b.path + "/.git/index.lock"
            #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
            async let synced: Void = b.sync.synchronize()
            try await Task.sleep(for: .milliseconds(800))
            _ = try cluster.git(b.path, "update-ref", "refs/heads/main", human, before)
            unlink(lock)
            try await synced

            #expect(await b.sync.failedRounds == 0)
            let main = "refs/heads/main"
            #expect(try cluster.git(b.path, "show", "\(main):content/en/tag/hand.yaml") == "name: Hand made\n")
            #expect(try cluster.git(b.path, "cat-file", "-e", "\(main):content/en/author/\(id).yaml") == "")
            #expect(try cluster.git(b.path, "merge-base", "--is-ancestor", human, main) == "")
            try await a.sync.synchronize()
            #expect(try cluster.git(a.path, "show", "\(main):content/en/tag/hand.yaml") == "name: Hand made\n")
        }
    }

    /// A document deleted on one server leaves the other's work tree too (the soak: removals a
    /// sync brought stayed behind as files `git status` showed added).
    @Test func aDeletionFromTheRemoteRemovesTheFile() async throws {
        let cluster = try await RemoteServers.make(count: 2, fetchEvery: nil)
        let (a, b) = (cluster.servers[0], cluster.servers[1])
        try await cluster.test { clients in
            let created = try await clients[0].send(.post, "/api/authors", token: a.token, json: #"{"data":{"name":"Dorothy Vaughan"}}"#)
            let id = try #require(try created.json["data"]?["documentId"]?.stringValue)
            try await a.sync.synchronize()
            try await b.sync.synchronize()
            let path = "content/en/author/\(id).yaml"
            #expect(FileManager.default.fileExists(atPath: b.path + "/" + path))

            #expect(try await clients[0].send(.delete, "/api/authors/\(id)", token: a.token).status == .noContent)
            try await a.sync.synchronize()
            try await b.sync.synchronize()
            #expect(!FileManager.default.fileExists(atPath: b.path + "/" + path))
            var status = ""
            for _ in 0..<100 {
                status = try cluster.git(b.path, "status", "--porcelain")
                if status == "" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(status == "")
        }
    }
}
