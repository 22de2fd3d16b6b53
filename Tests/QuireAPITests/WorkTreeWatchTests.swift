import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import QuireContent
import QuireGit
import QuireIndex
import QuireSite
import Testing

/// `quire serve --watch`: files saved in the work tree become commits, or are refused.
@Suite struct WorkTreeWatchTests {
    /// A test site with a git identity, watched (inotify or polling) for the length of `body`.
    func watching(
        _ mode: String, files: [String: String] = [:],
        _ body: @escaping @Sendable (TestSite, RecordingLogHandler.Recorded, any TestClientProtocol) async throws -> Void
    ) async throws {
        let site = try await TestSite.make(files: files)
        try site.git("config", "user.name", "Grace Hopper")
        try site.git("config", "user.email", "grace@example.com")
        let (logger, log) = RecordingLogHandler.logger()
        let watcher = WorkTreeWatcher(
            site: site.site, mode: mode == "polling" ? .polling(every: .milliseconds(100)) : .automatic, logger: logger)
        try await watcher.checkReady()
        let task = Task { await watcher.run() }
        defer { task.cancel() }
        try await eventually("the watcher to start") { log.all.contains { $0.contains("watching") } }
        try await site.test { client in try await body(site, log, client) }
    }

    @Test(arguments: ["inotify", "polling"])
    func aValidSaveIsCommittedByTheGitIdentityAndServed(mode: String) async throws {
        try await watching(mode) { site, log, client in
            let token = site.fullToken
            try "title: Saved in an editor\nviews: 2\n".write(toFile: site.path + "/content/en/article/saved.yaml", atomically: false, encoding: .utf8)
            try await eventually("the saved file to be served") {
                try await client.send(.get, "/api/articles/saved", token: token).json["data"]?["title"] == .string("Saved in an editor")
            }
            #expect(try site.git("log", "-1", "--format=%an <%ae> %cn|%s", "main") == "Grace Hopper <grace@example.com> Grace Hopper|Create article/saved (en)\n")
            #expect(try site.git("status", "--porcelain") == "")

            // An editor that writes a temporary file and renames it over the original.
            let temporary = site.path + "/content/en/article/.first-post.yaml.swp"
            try "title: Renamed into place\nslug: first-post\nauthor: ada\n".write(toFile: temporary, atomically: false, encoding: .utf8)
            #expect(rename(temporary, site.path + "/content/en/article/first-post.yaml") == 0)
            try await eventually("the renamed file to be served") {
                try await client.send(.get, "/api/articles/first-post", token: token).json["data"]?["title"] == .string("Renamed into place")
            }

            try FileManager.default.removeItem(atPath: site.path + "/content/en/article/saved.yaml")
            try await eventually("the deleted file to be gone") {
                try await client.send(.get, "/api/articles/saved", token: token).status == .notFound
            }
            #expect(try site.git("log", "-1", "--format=%s", "main") == "Delete article/saved (en)\n")
            #expect(try site.git("status", "--porcelain") == "")
            #expect(!log.all.contains { $0.hasPrefix("error") }, "\(log.all)")
        }
    }

    @Test(arguments: ["inotify", "polling"])
    func anInvalidSaveIsLoggedWithItsLineAndNotCommitted(mode: String) async throws {
        try await watching(mode) { site, log, client in
            let token = site.fullToken
            let before = try await site.mainTip()
            let file = site.path + "/content/en/article/first-post.yaml"
            try "title: Still fine\nviews: lots\n".write(toFile: file, atomically: false, encoding: .utf8)
            try await eventually("the problem to be logged") {
                log.all.contains { $0.contains("content/en/article/first-post.yaml:2: ") }
            }
            #expect(try await site.mainTip() == before)
            #expect(try await client.send(.get, "/api/articles/first-post", token: token).json["data"]?["title"] == .string("First post"))

            try "title: Fixed\nviews: 4\n".write(toFile: file, atomically: false, encoding: .utf8)
            try await eventually("the fixed file to be served") {
                try await client.send(.get, "/api/articles/first-post", token: token).json["data"]?["views"] == .int(4)
            }
            #expect(try site.git("status", "--porcelain") == "")
        }
    }

    @Test func aBrokenSchemaIsNotCommittedAndAGoodOneReloadsTheSite() async throws {
        try await watching("inotify") { site, log, client in
            let token = site.fullToken
            let before = try await site.mainTip()
            let schema = site.path + "/schemas/author.yaml"
            try "kind: collectionType\ninfo: { singularName: author, pluralName: authors }\nattributes:\n  name: { type: strng }\n"
                .write(toFile: schema, atomically: false, encoding: .utf8)
            try await eventually("the schema problem to be logged") { log.all.contains { $0.contains("schemas/author.yaml:4: ") } }
            #expect(try await site.mainTip() == before)
            #expect(try await client.send(.get, "/api/authors/ada", token: token).status == .ok)

            try "kind: collectionType\ninfo: { singularName: author, pluralName: authors, displayName: Author }\nattributes:\n  name: { type: string, required: true }\n  bio: { type: text }\n"
                .write(toFile: schema, atomically: false, encoding: .utf8)
            try await eventually("the new field to be served") {
                try await client.send(.get, "/api/authors/ada", token: token).json["data"]?["bio"] == .null
            }
            #expect(try site.git("status", "--porcelain") == "")
        }
    }

    @Test func anAPIWriteIntoTheWorkTreeIsNotCommittedAgain() async throws {
        try await watching("inotify") { site, _, client in
            let token = site.fullToken
            #expect(try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"views":9}}"#).status == .ok)
            // A later save is committed after whatever the watcher made of the API's file.
            try "name: Saved after\n".write(toFile: site.path + "/content/en/author/after.yaml", atomically: false, encoding: .utf8)
            try await eventually("the later save to be served") {
                try await client.send(.get, "/api/authors/after", token: token).status == .ok
            }
            #expect(try site.git("log", "-3", "--format=%an", "main") == "Grace Hopper\neditor\nTest\n")
            #expect(try site.git("status", "--porcelain") == "")
        }
    }

    @Test(arguments: ["inotify", "polling"])
    func aFolderRenamedOrRemovedMovesOrDeletesItsDocuments(mode: String) async throws {
        let team = ["content/en/author/team/grace.yaml": "name: Grace\n", "content/en/author/team/linus.yaml": "name: Linus\n"]
        try await watching(mode, files: team) { site, _, client in
            let token = site.fullToken
            let folder = site.path + "/content/en/author/"
            try FileManager.default.moveItem(atPath: folder + "team", toPath: folder + "crew")
            try await eventually("the rename to be committed") {
                (try? site.git("ls-tree", "-r", "--name-only", "main", "content/en/author")) == "content/en/author/ada.yaml\ncontent/en/author/crew/grace.yaml\ncontent/en/author/crew/linus.yaml\n"
            }
            #expect(try site.git("status", "--porcelain") == "")
            #expect(try await client.send(.get, "/api/authors/grace", token: token).status == .ok)

            try FileManager.default.removeItem(atPath: folder + "crew")
            try await eventually("the removal to be committed") {
                try await client.send(.get, "/api/authors/linus", token: token).status == .notFound
            }
            #expect(try site.git("ls-tree", "-r", "--name-only", "main", "content/en/author") == "content/en/author/ada.yaml\n")
            #expect(try site.git("status", "--porcelain") == "")
        }
    }
}
