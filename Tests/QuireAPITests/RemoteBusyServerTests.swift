import Foundation
import HummingbirdTesting
import QuireAPI
import QuireContent
import QuireGit
@testable import QuireIndex
@testable import QuireSite
import Testing

/// A server whose own write queue is busy must still get its commits to the remote when another
/// server keeps pushing: the 100k soak found server B's writes never leaving B, because every
/// round fetched, then waited behind B's writes to integrate, then pushed — by which time the
/// busier server A had pushed again.
@Suite struct RemoteBusyServerTests {
    @Test func aServerWithABusyWriteQueueStillPushesItsCommits() async throws {
        let cluster = try await RemoteServers.make(count: 2, fetchEvery: nil)
        let (a, b) = (cluster.servers[0], cluster.servers[1])
        try await cluster.test { clients in
            // The remote moves past what B last saw.
            let created = try await clients[0].send(.post, "/api/authors", token: a.token, json: #"{"data":{"name":"Katherine Johnson"}}"#)
            #expect(created.status == .created)
            let fromA = try #require(try created.json["data"]?["documentId"]?.stringValue)
            try await a.sync.synchronize()

            // B has a commit of its own (a human's, in its work tree) that the remote lacks.
            let path = "content/en/author/grace-hopper.yaml"
            try "name: Grace Hopper\n".write(toFile: b.path + "/" + path, atomically: true, encoding: .utf8)
            _ = try cluster.git(b.path, "add", path)
            _ = try cluster.git(b.path, "-c", "user.name=Human", "-c", "user.email=human@example.com", "commit", "-q", "-m", "Grace Hopper")

            // B's write queue is held (a long batch stands for a stream of writes) while B syncs.
            let (started, startedSignal) = AsyncStream<Void>.makeStream()
            let (release, releaseSignal) = AsyncStream<Void>.makeStream()
            let held = Task {
                try await b.site.exclusively { _ in
                    startedSignal.yield()
                    for await _ in release {}
                }
            }
            for await _ in started { break }
            await b.sync.requestFetch()

            // The remote gets B's commit while B's queue is still held.
            var onRemote = false
            for _ in 0..<400 where !onRemote {
                onRemote = (try? cluster.git(cluster.barePath, "cat-file", "-e", "main:" + path)) != nil
                if !onRemote { try await Task.sleep(for: .milliseconds(25)) }
            }
            releaseSignal.finish()
            try await held.value
            #expect(onRemote, "B's commit reached the remote while B's write queue was busy")
            #expect(try cluster.git(cluster.barePath, "cat-file", "-e", "main:content/en/author/\(fromA).yaml").isEmpty)

            try await cluster.settle()
            for (index, client) in clients.enumerated() {
                let list = try await client.send(.get, "/api/authors?filters[name][$eq]=Grace%20Hopper", token: cluster.servers[index].token)
                #expect(try list.json["meta"]?["pagination"]?["total"] == .int(1), "server \(index) serves B's author")
            }
            let health = try await clients[1].send(.get, "/_health", token: b.token).json
            #expect(health["remote"]?["unpushedCommits"] == .int(0))
            #expect(health["remote"]?["refusedPushesInARow"] == .int(0))
            #expect(health["remote"]?["refusedPushes"]?.intValue != nil)
            for server in cluster.servers { _ = try cluster.git(server.path, "fsck", "--strict") }
        }
    }
}
