import Foundation
import HummingbirdTesting
import QuireAPI
import QuireContent
import QuireGit
import QuireIndex
import Testing

/// A draft published here (merged into main, its branch deleted) must not come back from the
/// remote's copy of the branch when that copy is one main here already holds: the soak found a
/// released draft back at its older content after a kill between a push and its bookkeeping.
@Suite struct RemoteReleasedDraftTests {
    @Test func aPublishedDraftIsNotBroughtBackByTheRemotesStaleCopy() async throws {
        try await withArticle(query: "?status=draft", title: "Draft") { cluster, server, client, id, branch in
            try await server.sync.synchronize()
            let draftTip = try cluster.git(cluster.barePath, "rev-parse", branch).trimmingCharacters(in: .whitespacesAndNewlines)

            #expect(try await client.send(.post, "/api/articles/\(id)/publish", token: server.token).status == .ok)
            try await server.sync.synchronize()
            // The remote still holds the branch, and this server never noted its own push of it:
            // as after a kill between the push and the tracking ref's update.
            _ = try cluster.git(cluster.barePath, "update-ref", branch, draftTip)
            _ = try cluster.git(server.path, "update-ref", "-d", "refs/quire/origin/drafts/en/article/\(id)")

            try await server.sync.synchronize()
            #expect((try? cluster.git(server.path, "rev-parse", "--verify", "--quiet", branch)) == nil, "the draft stays published")
            #expect((try? cluster.git(cluster.barePath, "rev-parse", "--verify", "--quiet", branch)) == nil, "the remote's copy is deleted")
            let published = try await client.send(.get, "/api/articles/\(id)", token: server.token)
            #expect(try published.json["data"]?["title"] == "Draft", "\(published.text)")
            #expect(try cluster.git(server.path, "status", "--porcelain") == "")
        }
    }

    /// A push the remote took but this server never noted (killed before its tracking ref
    /// moved), of a draft discarded here since: the remote's copy is this server's own push, not
    /// another server's work to bring back (the 10k soak: the discarded draft came back and
    /// hid the later publish).
    @Test func aDiscardedDraftIsNotBroughtBackByItsOwnUnnotedPush() async throws {
        try await withArticle(query: "", title: "Live") { cluster, server, client, id, branch in
            #expect(try await client.send(.put, "/api/articles/\(id)?status=draft", token: server.token,
                                          json: #"{"data":{"title":"First draft"}}"#).status == .ok)
            try await server.sync.synchronize()
            let tracking = "refs/quire/origin/drafts/en/article/\(id)"
            let first = try cluster.git(server.path, "rev-parse", tracking).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try await client.send(.put, "/api/articles/\(id)?status=draft", token: server.token,
                                          json: #"{"data":{"title":"Second draft"}}"#).status == .ok)
            try await server.sync.synchronize()
            // The push of the second draft reached the remote; the kill came before its note
            // (what the push recorded it was about to send is still there).
            let tip = try cluster.git(server.path, "rev-parse", branch).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try cluster.git(cluster.barePath, "rev-parse", branch).trimmingCharacters(in: .whitespacesAndNewlines) == tip)
            _ = try cluster.git(server.path, "update-ref", tracking, first)
            try "\(branch)\t\(tip)\n".write(toFile: server.path + "/.git/quire/push.intent", atomically: true, encoding: .utf8)

            #expect(try await client.send(.post, "/api/articles/\(id)/discard", token: server.token).status == .ok)
            try await server.sync.synchronize()
            #expect((try? cluster.git(server.path, "rev-parse", "--verify", "--quiet", branch)) == nil, "the draft stays discarded")
            #expect((try? cluster.git(cluster.barePath, "rev-parse", "--verify", "--quiet", branch)) == nil, "the remote's copy is deleted")
            let draft = try await client.send(.get, "/api/articles/\(id)?status=draft", token: server.token)
            #expect(try draft.json["data"]?["title"] == "Live", "\(draft.text)")
        }
    }

    /// One server of a remote, with an article created through it (`query`: where it goes).
    private func withArticle(
        query: String, title: String,
        _ body: @Sendable @escaping (RemoteServers, RemoteServers.Server, any TestClientProtocol, String, String) async throws -> Void
    ) async throws {
        let cluster = try await RemoteServers.make(count: 1, fetchEvery: nil)
        let server = cluster.servers[0]
        try await cluster.test { clients in
            let created = try await clients[0].send(.post, "/api/articles\(query)", token: server.token,
                                                    json: #"{"data":{"title":"\#(title)"}}"#)
            #expect(created.status == .created)
            let id = try #require(try created.json["data"]?["documentId"]?.stringValue)
            try await body(cluster, server, clients[0], id, "refs/heads/drafts/en/article/\(id)")
        }
    }
}
