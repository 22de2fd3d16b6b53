import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import QuireGit
import QuireIndex
import QuireSite
import Testing

/// A site whose work tree has main checked out: what a human sees there follows the API.
@Suite struct WorkTreeTests {
    @Test func apiWritesUpdateTheWorkTreeAndIndex() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let created = try await client.send(.post, "/api/articles", token: token, json: #"{"data":{"title":"From the API"}}"#)
            let documentId = try #require(try created.json["data"]?["documentId"]?.stringValue)
            _ = try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"views":42}}"#)
            _ = try await client.send(.delete, "/api/tags/travel", token: token)
            #expect(try site.git("status", "--porcelain") == "")
            let file = try String(contentsOfFile: site.path + "/content/en/article/\(documentId).yaml", encoding: .utf8)
            #expect(file == "title: From the API\n")
            #expect(try String(contentsOfFile: site.path + "/content/en/article/first-post.yaml", encoding: .utf8).contains("views: 42"))
            #expect(!FileManager.default.fileExists(atPath: site.path + "/content/en/tag/travel.yaml"))

            // A human's next commit builds on the API's work instead of reverting it.
            try "name: Hand made\n".write(toFile: site.path + "/content/en/tag/hand.yaml", atomically: false, encoding: .utf8)
            try site.git("add", "content/en/tag/hand.yaml")
            try site.git("-c", "user.name=H", "-c", "user.email=h@e", "commit", "-qm", "Add a tag")
            #expect(try site.git("show", "main:content/en/article/first-post.yaml").contains("views: 42"))
            #expect(try site.git("show", "--stat", "--format=", "main") == " content/en/tag/hand.yaml | 1 +\n 1 file changed, 1 insertion(+)\n")
        }
    }

    /// Publishing moves main to the draft's content (a fast-forward, or a merge when main moved
    /// since): the work tree follows, or `git commit -a` would take the publish back.
    @Test func publishingWritesThePublishedFileIntoTheWorkTree() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let path = site.path + "/content/en/article/first-post.yaml"
            #expect(try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Fast forward"}}"#).status == .ok)
            #expect(try await client.send(.post, "/api/articles/first-post/publish", token: token).status == .ok)
            #expect(try String(contentsOfFile: path, encoding: .utf8).contains("title: Fast forward"))
            #expect(try site.git("status", "--porcelain") == "")

            // main moves past the draft's base (another document), so the publish is a merge.
            #expect(try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Merged"}}"#).status == .ok)
            #expect(try await client.send(.put, "/api/tags/travel", token: token, json: #"{"data":{"name":"Voyages"}}"#).status == .ok)
            #expect(try await client.send(.post, "/api/articles/first-post/publish", token: token).status == .ok)
            #expect(try String(contentsOfFile: path, encoding: .utf8).contains("title: Merged"))
            #expect(try site.git("status", "--porcelain") == "")
        }
    }

    @Test func anUncommittedEditRefusesTheWriteWith409() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let before = try await site.mainTip()
        try await site.test { client async throws in
            try "title: Half typed\n".write(toFile: site.path + "/content/en/article/first-post.yaml", atomically: false, encoding: .utf8)
            let response = try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"views":5}}"#)
            #expect(response.status == .conflict)
            #expect(try response.json["error"]?["message"]?.stringValue?.contains("content/en/article/first-post.yaml") == true)
            #expect(try await site.mainTip() == before)
            #expect(try String(contentsOfFile: site.path + "/content/en/article/first-post.yaml", encoding: .utf8) == "title: Half typed\n")
            // Other documents can still be written.
            #expect(try await client.send(.put, "/api/tags/travel", token: token, json: #"{"data":{"name":"Voyages"}}"#).status == .ok)
        }
    }

    /// A server killed after moving main but before writing the batch's files (or recording them
    /// in the git index) leaves a `git status` whose plain `git commit` would take the writes back:
    /// the next start brings exactly the owed files up to date, and leaves a human's edit alone.
    @Test func filesOwedByAKilledServerAreWrittenAtTheNextStart() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let repository = site.repository
        let committed = try await site.git("show", "main:content/en/tag/travel.yaml")
        // What the killed batch committed: an edit, a new document, a deletion, and an edit that a
        // human then overwrote in the work tree.
        let edited = "content/en/article/first-post.yaml", created = "content/en/article/written-then-killed.yaml"
        let deleted = "content/en/tag/no.yaml", human = "content/en/tag/travel.yaml"
        #expect(FileManager.default.fileExists(atPath: site.path + "/" + deleted))
        var changes: [String: ObjectID?] = [deleted: nil]
        changes[edited] = try await repository.writeBlob(Array("title: After the kill\nslug: first-post\n".utf8))
        changes[created] = try await repository.writeBlob(Array("title: Written then killed\n".utf8))
        changes[human] = try await repository.writeBlob(Array("name: Travel (API)\n".utf8))
        // Written by an earlier batch whose index update lagged, then committed again before the kill.
        let twice = "content/en/article/written-twice.yaml"
        let earlier = try await repository.writeBlob(Array("title: Earlier batch\n".utf8))
        changes[twice] = try await repository.writeBlob(Array("title: Later batch\n".utf8))
        let tip = try #require(try await site.mainTip())
        let tree = try await repository.buildTree(base: try await repository.commit(tip).tree, changes: changes)
        let signature = Signature(name: "Editor", email: "editor@example.com")
        let commit = try await repository.createCommit(tree: tree, parents: [tip], author: signature, committer: signature, message: "Killed batch\n")
        let debt = WorkTreeDebt(file: repository.gitDirectory + "/quire/worktree.owed")
        try debt.record([twice: earlier])
        try debt.record(changes)
        try await repository.updateReference(SiteLayout.mainReference, to: commit, expecting: tip, logMessage: "test")
        // The batch got as far as writing one file, not as far as the index; a human then edited another.
        try "title: Written then killed\n".write(toFile: site.path + "/" + created, atomically: false, encoding: .utf8)
        try "name: Travel (by hand)\n".write(toFile: site.path + "/" + human, atomically: false, encoding: .utf8)
        try "title: Earlier batch\n".write(toFile: site.path + "/" + twice, atomically: false, encoding: .utf8)
        // A torn last line (killed mid-append) is no path.
        let handle = try #require(FileHandle(forWritingAtPath: debt.file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("content/en/tag/to".utf8))
        try handle.close()
        #expect(debt.paths() == Set(changes.keys))

        _ = try await Site.open(repository: Repository.open(at: site.path), renderer: StrapiRenderer())

        #expect(try String(contentsOfFile: site.path + "/" + edited, encoding: .utf8) == "title: After the kill\nslug: first-post\n")
        #expect(!FileManager.default.fileExists(atPath: site.path + "/" + deleted))
        #expect(try String(contentsOfFile: site.path + "/" + twice, encoding: .utf8) == "title: Later batch\n")
        #expect(try String(contentsOfFile: site.path + "/" + human, encoding: .utf8) == "name: Travel (by hand)\n")
        #expect(committed != "name: Travel (by hand)\n")
        // Only the human's edit shows, on top of what main holds (not as a revert of the API's write).
        #expect(try site.git("status", "--porcelain") == "MM \(human)\n")
        #expect(try site.git("diff", "--cached", "--name-only") == "\(human)\n")
        #expect(debt.paths().isEmpty)
    }

    /// git reads the index before it locks it: a human's `git commit` running as the server
    /// records its files can write back the copy it read. The server looks again a few seconds
    /// later (here: at the stop, so that a slow machine cannot look before the race) and
    /// records what was lost.
    @Test func anIndexRewrittenFromAnOlderCopyIsRecordedAgain() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        await site.site.setWorkTreeCheckDelay(.seconds(3600))
        try await site.test { client async throws in
            let index = site.path + "/.git/index"
            let before = try Data(contentsOf: URL(fileURLWithPath: index))
            let created = try await client.send(.post, "/api/articles", token: token, json: #"{"data":{"title":"Raced"}}"#)
            #expect(created.status == .created)
            #expect(try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"views":7}}"#).status == .ok)
            #expect(try await client.send(.delete, "/api/tags/travel", token: token).status == .noContent)
            #expect(try site.git("status", "--porcelain") == "")
            try before.write(to: URL(fileURLWithPath: index))
            #expect(try site.git("status", "--porcelain") != "", "the stale index shows the writes as undone")
            #expect(await site.site.finishWorkTreeIndex())
            #expect(try site.git("status", "--porcelain") == "")
        }
    }

    /// A human's git holding `index.lock` as a killed server restarts: the owed files are
    /// written and recorded once it lets go, not left for a human's `git commit` to revert.
    @Test func owedFilesWaitForAHumansIndexLockAtTheStart() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let repository = site.repository
        let path = "content/en/article/first-post.yaml"
        let blob = try await repository.writeBlob(Array("title: Owed\nslug: first-post\n".utf8))
        let tip = try #require(try await site.mainTip())
        let tree = try await repository.buildTree(base: try await repository.commit(tip).tree, changes: [path: blob])
        let signature = Signature(name: "Editor", email: "editor@example.com")
        let commit = try await repository.createCommit(tree: tree, parents: [tip], author: signature, committer: signature, message: "Killed\n")
        try WorkTreeDebt(file: repository.gitDirectory + "/quire/worktree.owed").record([path: blob])
        try await repository.updateReference(SiteLayout.mainReference, to: commit, expecting: tip, logMessage: "test")
        let lock = site.path + "/.git/index.lock"
        #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
        let release = Task {
            try await Task.sleep(for: .milliseconds(400))
            try FileManager.default.removeItem(atPath: lock)
        }
        _ = try await Site.open(repository: Repository.open(at: site.path), renderer: StrapiRenderer())
        try await release.value
        #expect(try String(contentsOfFile: site.path + "/" + path, encoding: .utf8) == "title: Owed\nslug: first-post\n")
        let status = try site.git("status", "--porcelain")
        #expect(status == "")
    }
}

/// A human's `git commit` holds `index.lock` while it checks the work tree, then moves main only
/// if main is still where it was: the server waits for it instead of moving main meanwhile.
@Suite struct HumanCommitYieldTests {
    @Test func aWriteWaitsForAGitCommandHoldingTheIndexSoTheHumansCommitLands() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let before = try #require(try await site.mainTip())
        // The human's commit, made as git makes it: a tree and commit on top of main, then
        // `index.lock` taken, then main moved only if it is still `before`.
        try "name: Hand made\n".write(toFile: site.path + "/content/en/tag/hand.yaml", atomically: false, encoding: .utf8)
        try site.git("add", "content/en/tag/hand.yaml")
        let tree = try site.git("write-tree").trimmingCharacters(in: .whitespacesAndNewlines)
        let human = try site.git("-c", "user.name=H", "-c", "user.email=h@e", "commit-tree", tree, "-p", before.description, "-m", "By hand")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let lock = site.path + "/.git/index.lock"
        #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
        try await site.test { client async throws in
            async let write = client.send(.post, "/api/articles", token: token, json: #"{"data":{"title":"While a human commits"}}"#)
            try await Task.sleep(for: .milliseconds(600))
            // Still where the human read it: the server has not moved main under the lock.
            _ = try site.git("update-ref", "refs/heads/main", human, before.description)
            unlink(lock)
            let created = try await write
            #expect(created.status == .created)
            #expect(try site.git("rev-parse", "main~1").trimmingCharacters(in: .whitespacesAndNewlines) == human)
            #expect(try site.git("show", "main:content/en/tag/hand.yaml") == "name: Hand made\n")
        }
    }
}
