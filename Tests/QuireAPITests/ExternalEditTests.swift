import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import QuireAPI
import QuireGit
import QuireIndex
import Testing

/// A human edits files in a text editor and commits with git while the server runs.
@Suite struct ExternalEditTests {
    @Test func aHumanCommitIsServedAfterSync() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let file = site.path + "/content/en/article/first-post.yaml"
            try "title: Edited by hand\nslug: first-post\nviews: 7\n".write(toFile: file, atomically: false, encoding: .utf8)
            try "title: Brand new\n".write(toFile: site.path + "/content/en/article/by-hand.yaml", atomically: false, encoding: .utf8)
            try site.git("add", "-A")
            try site.git("-c", "user.name=Human", "-c", "user.email=human@example.com", "commit", "-qm", "Edit by hand")
            try await site.site.sync()
            let edited = try await client.send(.get, "/api/articles/first-post", token: token)
            #expect(try edited.json["data"]?["title"] == .string("Edited by hand"))
            #expect(try edited.json["data"]?["views"] == .int(7))
            #expect(try await client.send(.get, "/api/articles/by-hand", token: token).status == .ok)

            // The API's next write builds on the human's commit.
            let update = try await client.send(.put, "/api/articles/by-hand", token: token, json: #"{"data":{"views":1}}"#)
            #expect(update.status == .ok)
            #expect(try site.git("log", "-2", "--format=%an", "main") == "editor\nHuman\n")
        }
    }

    /// Found by the soak: a human's `git commit` holds `refs/heads/main.lock` for a moment, and
    /// an API write landing in that moment was a 500. It is now taken as main moving: the write
    /// waits a little, catches up and commits.
    @Test func aWriteWhileGitHoldsTheMainLockWaitsAndCommits() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let lock = site.repository.gitDirectory + "/refs/heads/main.lock"
        try await site.test { client async throws in
            #expect(FileManager.default.createFile(atPath: lock, contents: Array("held\n".utf8).withUnsafeBytes { Data($0) }))
            let release = Task {
                try await Task.sleep(for: .milliseconds(40))
                try FileManager.default.removeItem(atPath: lock)
            }
            let created = try await client.send(.post, "/api/authors", token: token, json: #"{"data":{"name":"Locked out"}}"#)
            try await release.value
            #expect(created.status == .created, "\(created.text)")
            #expect(try site.git("log", "-1", "--format=%s", "main").contains("Create author"))
        }
    }

    @Test func aBrokenFileIsReportedAndTheLastGoodVersionKeepsServing() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let file = site.path + "/content/en/article/first-post.yaml"
            try "title: [unclosed\n".write(toFile: file, atomically: false, encoding: .utf8)
            try site.git("commit", "-qam", "Break a file")
            try await site.site.sync()
            let still = try await client.send(.get, "/api/articles/first-post", token: token)
            #expect(try still.json["data"]?["title"] == .string("First post"))
            #expect(site.site.snapshot.problems.contains { $0.path == "content/en/article/first-post.yaml" })

            try "title: Fixed\n".write(toFile: file, atomically: false, encoding: .utf8)
            try site.git("commit", "-qam", "Fix it")
            try await site.site.sync()
            #expect(try await client.send(.get, "/api/articles/first-post", token: token).json["data"]?["title"] == .string("Fixed"))
            #expect(site.site.snapshot.problems.isEmpty)
        }
    }

    @Test func aSchemaThatDoesNotParseLeavesTheOtherTypesServing() async throws {
        let site = try await TestSite.make(files: ["schemas/broken.yaml": "kind: [collectionType\n"])
        let token = site.fullToken
        try await site.test { client async throws in
            #expect(site.site.snapshot.problems.contains { $0.path == "schemas/broken.yaml" })
            #expect(try await client.send(.get, "/api/articles", token: token).status == .ok)
        }
    }
}
