import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import QuireGit
import QuireIndex
import Testing

/// Several servers on one git remote: each serves its own clone, accepts writes, pushes them,
/// and takes in the others'.
@Suite struct RemoteSyncTests {
    @Test func threeServersWritingAtOnceEndWithEveryWrite() async throws {
        let cluster = try await RemoteServers.make(count: 3)
        let tokens = cluster.servers.map(\.token)
        try await cluster.test { clients in
            let fieldEdits = [#"{"data":{"views":42}}"#, #"{"data":{"body":"From server 1"}}"#, #"{"data":{"category":"guide"}}"#]
            let created = try await withThrowingTaskGroup(of: [String].self) { group in
                for (server, client) in clients.enumerated() {
                    group.addTask {
                        var ids: [String] = []
                        for index in 0..<20 {
                            let response = try await client.send(
                                .post, "/api/authors", token: tokens[server], json: #"{"data":{"name":"Author \#(server)-\#(index)"}}"#)
                            #expect(response.status == .created)
                            if let id = try response.json["data"]?["documentId"]?.stringValue { ids.append(id) }
                            if index == 10 {
                                let edit = try await client.send(.put, "/api/articles/first-post", token: tokens[server], json: fieldEdits[server])
                                #expect(edit.status == .ok)
                                let draft = try await client.send(
                                    .post, "/api/articles?status=draft", token: tokens[server],
                                    json: #"{"data":{"title":"Draft \#(server)","slug":"draft-\#(server)"}}"#)
                                #expect(draft.status == .created)
                                if let id = try draft.json["data"]?["documentId"]?.stringValue { ids.append("draft:" + id) }
                            }
                        }
                        return ids
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let authors = created.filter { !$0.hasPrefix("draft:") }
            let drafts = created.filter { $0.hasPrefix("draft:") }.map { String($0.dropFirst(6)) }
            #expect(authors.count == 60)
            #expect(drafts.count == 3)

            try await cluster.settle()

            let files = try cluster.git(cluster.barePath, "ls-tree", "-r", "--name-only", "main")
            for id in authors { #expect(files.contains("content/en/author/\(id).yaml"), "the remote holds author \(id)") }
            let branches = try await cluster.bareBranches()
            for id in drafts { #expect(branches["refs/heads/drafts/en/article/\(id)"] != nil, "the remote holds draft \(id)") }
            for (index, client) in clients.enumerated() {
                let list = try await client.send(.get, "/api/authors?pagination[pageSize]=100", token: tokens[index])
                #expect(try list.json["meta"]?["pagination"]?["total"] == .int(61), "server \(index) serves every author")
                let article = try await client.send(.get, "/api/articles/first-post", token: tokens[index]).json["data"]
                #expect(article?["views"] == .int(42))
                #expect(article?["body"] == .string("From server 1"))
                #expect(article?["category"] == .string("guide"))
                for id in drafts {
                    let draft = try await client.send(.get, "/api/articles/\(id)?status=draft", token: tokens[index])
                    #expect(draft.status == .ok, "server \(index) serves draft \(id)")
                }
            }
            _ = try cluster.git(cluster.barePath, "fsck", "--strict")
            for server in cluster.servers {
                _ = try cluster.git(server.path, "fsck", "--strict")
                #expect(try cluster.git(server.path, "status", "--porcelain").isEmpty, "the work tree follows main")
            }
        }
    }

    @Test func publishingOnOneServerDeletesTheDraftEverywhere() async throws {
        let cluster = try await RemoteServers.make(count: 2, fetchEvery: nil)
        let tokens = cluster.servers.map(\.token)
        try await cluster.test { clients in
            let created = try await clients[0].send(
                .post, "/api/articles?status=draft", token: tokens[0], json: #"{"data":{"title":"Shared draft","slug":"shared"}}"#)
            let id = try #require(try created.json["data"]?["documentId"]?.stringValue)
            try await cluster.settle()
            let branch = "refs/heads/drafts/en/article/\(id)"
            #expect(try await cluster.bareBranches()[branch] != nil)

            let published = try await clients[1].send(.post, "/api/articles/\(id)/publish", token: tokens[1])
            #expect(published.status == .ok)
            try await cluster.settle()

            #expect(try await cluster.bareBranches()[branch] == nil)
            #expect(try cluster.git(cluster.barePath, "ls-tree", "-r", "--name-only", "main").contains("content/en/article/\(id).yaml"))
            let onFirst = try await clients[0].send(.get, "/api/articles/\(id)", token: tokens[0])
            #expect(try onFirst.json["data"]?["title"] == .string("Shared draft"))
            #expect(await cluster.servers[0].site.draftBranches().isEmpty)
        }
    }

    /// Found by the soak: a draft branch made again on one server (there, after a publish whose
    /// branch deletion never reached the remote) does not descend from the remote's. The sync
    /// used to fetch and retry for ever (and `quire serve` never stopped); it now replaces the
    /// remote's branch by compare-and-swap, and the other server gets the new draft.
    @Test func aDraftBranchMadeAgainReplacesTheOneTheRemoteStillHolds() async throws {
        let cluster = try await RemoteServers.make(count: 2, fetchEvery: nil)
        let tokens = cluster.servers.map(\.token)
        try await cluster.test { clients in
            let drafted = try await clients[0].send(.put, "/api/articles/first-post?status=draft", token: tokens[0], json: #"{"data":{"title":"Old draft"}}"#)
            #expect(drafted.status == .ok)
            try await cluster.settle()
            let branch = "refs/heads/drafts/en/article/first-post"
            let old = try #require(try await cluster.bareBranches()[branch])

            // The branch made again from main, with git: a commit whose parent is main, not the old draft.
            let path = cluster.servers[0].path
            let file = "content/en/article/first-post.yaml"
            let text = try cluster.git(path, "show", "main:\(file)").replacingOccurrences(of: "title: First post", with: "title: Made again")
            let scratch = path + "/../remade.yaml"
            try text.write(toFile: scratch, atomically: true, encoding: .utf8)
            let blob = try cluster.git(path, "hash-object", "-w", scratch).trimmingCharacters(in: .whitespacesAndNewlines)
            let index = "GIT_INDEX_FILE=" + path + "/../remade.index"
            _ = try TestSite.run(["env", index, "git", "-C", path, "read-tree", "main"])
            _ = try TestSite.run(["env", index, "git", "-C", path, "update-index", "--cacheinfo", "100644,\(blob),\(file)"])
            let tree = try TestSite.run(["env", index, "git", "-C", path, "write-tree"]).trimmingCharacters(in: .whitespacesAndNewlines)
            let remade = try TestSite.run(["env", "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@t",
                                           "git", "-C", path, "commit-tree", tree, "-p", "main", "-m", "Made again"])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            _ = try cluster.git(path, "update-ref", branch, remade, old.hex)
            try await cluster.servers[0].site.sync()

            try await cluster.settle()
            #expect(try await cluster.bareBranches()[branch]?.hex == remade)
            let seen = try await clients[1].send(.get, "/api/articles/first-post?status=draft", token: tokens[1])
            #expect(try seen.json["data"]?["title"] == .string("Made again"), "\(seen.text)")
        }
    }

    /// Both servers change the same field before either has seen the other's write: the one
    /// that reached the remote first keeps it; the other's value stays in history, the merge
    /// says so, and the other's changes to other fields are kept.
    @Test func sameFieldConflictKeepsTheRemoteValueAndTheHistory() async throws {
        let cluster = try await RemoteServers.make(count: 2, fetchEvery: nil)
        let tokens = cluster.servers.map(\.token)
        try await cluster.test { clients in
            let first = try await clients[0].send(.put, "/api/articles/first-post", token: tokens[0], json: #"{"data":{"title":"Title from 0"}}"#)
            #expect(first.status == .ok)
            try await cluster.servers[0].sync.synchronize()
            let second = try await clients[1].send(
                .put, "/api/articles/first-post", token: tokens[1], json: #"{"data":{"title":"Title from 1","views":7}}"#)
            #expect(second.status == .ok)
            try await cluster.settle()

            for (index, client) in clients.enumerated() {
                let article = try await client.send(.get, "/api/articles/first-post", token: tokens[index]).json["data"]
                #expect(article?["title"] == .string("Title from 0"))
                #expect(article?["views"] == .int(7))
            }
            let history = try cluster.git(cluster.barePath, "log", "-p", "--format=%B", "main")
            #expect(history.contains("+title: Title from 1"), "the losing value is in history")
            #expect(history.contains("content/en/article/first-post.yaml: title"), "the merge names the field")
            _ = try cluster.git(cluster.barePath, "fsck", "--strict")
        }
    }

    /// One server publishes a draft while another is still editing it: the publish stands, and
    /// the later edit comes back as a draft on every server rather than being dropped.
    @Test func anEditToADraftPublishedElsewhereIsKeptAsADraft() async throws {
        let cluster = try await RemoteServers.make(count: 2, fetchEvery: nil)
        let tokens = cluster.servers.map(\.token)
        try await cluster.test { clients in
            let created = try await clients[0].send(
                .post, "/api/articles?status=draft", token: tokens[0], json: #"{"data":{"title":"Original","slug":"racing"}}"#)
            let id = try #require(try created.json["data"]?["documentId"]?.stringValue)
            try await cluster.settle()

            #expect(try await clients[0].send(.post, "/api/articles/\(id)/publish", token: tokens[0]).status == .ok)
            try await cluster.servers[0].sync.synchronize()
            let edit = try await clients[1].send(
                .put, "/api/articles/\(id)?status=draft", token: tokens[1], json: #"{"data":{"title":"Edited meanwhile"}}"#)
            #expect(edit.status == .ok)
            try await cluster.settle()

            #expect(try await cluster.bareBranches()["refs/heads/drafts/en/article/\(id)"] != nil)
            for (index, client) in clients.enumerated() {
                let published = try await client.send(.get, "/api/articles/\(id)", token: tokens[index])
                #expect(try published.json["data"]?["title"] == .string("Original"))
                let draft = try await client.send(.get, "/api/articles/\(id)?status=draft", token: tokens[index])
                #expect(try draft.json["data"]?["title"] == .string("Edited meanwhile"))
            }
        }
    }

    /// A human pushing to the remote with git is just another writer.
    @Test func aHumanPushReachesEveryServer() async throws {
        let cluster = try await RemoteServers.make(count: 2, fetchEvery: nil)
        let tokens = cluster.servers.map(\.token)
        try await cluster.test { clients in
            let work = cluster.folder + "/human"
            _ = try TestSite.run(["git", "clone", "--quiet", cluster.barePath, work])
            try "name: Mary Jackson\n".write(toFile: work + "/content/en/author/mary.yaml", atomically: true, encoding: .utf8)
            _ = try cluster.git(work, "add", "-A")
            _ = try cluster.git(work, "-c", "user.name=Human", "-c", "user.email=h@example.com", "commit", "-qm", "Add Mary")
            _ = try cluster.git(work, "push", "--quiet", "origin", "main")

            try await cluster.settle()
            for (index, client) in clients.enumerated() {
                let author = try await client.send(.get, "/api/authors/mary", token: tokens[index])
                #expect(try author.json["data"]?["name"] == .string("Mary Jackson"), "server \(index)")
            }
        }
    }

    @Test func healthShowsTheSyncToFullAccessTokens() async throws {
        let cluster = try await RemoteServers.make(count: 1, fetchEvery: nil)
        let token = cluster.servers[0].token
        try await cluster.test { clients in
            #expect(try await clients[0].send(.post, "/api/authors", token: token, json: #"{"data":{"name":"Dorothy Vaughan"}}"#).status == .created)
            try await cluster.servers[0].sync.synchronize()
            let health = try await clients[0].send(.get, "/_health", token: token).json
            #expect(health["remote"]?["url"] == .string(cluster.barePath))
            #expect(health["remote"]?["unpushed"] == .bool(false))
            #expect(health["remote"]?["lastPushAt"]?.stringValue != nil)
            #expect(health["remote"]?["error"] == .null)
            let anonymous = try await clients[0].send(.get, "/_health").json
            #expect(anonymous["remote"] == nil)
        }
    }
}
