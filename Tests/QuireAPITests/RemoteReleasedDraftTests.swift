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
        let cluster = try await RemoteServers.make(count: 1, fetchEvery: nil)
        let server = cluster.servers[0]
        try await cluster.test { clients in
            let client = clients[0]
            let created = try await client.send(.post, "/api/articles?status=draft", token: server.token,
                                                json: #"{"data":{"title":"Draft","slug":"a-draft"}}"#)
            #expect(created.status == .created)
            let id = try #require(try created.json["data"]?["documentId"]?.stringValue)
            let branch = "refs/heads/drafts/en/article/\(id)"
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
}
