import Foundation
import HummingbirdTesting
import QuireAPI
import QuireContent
import QuireGit
@testable import QuireIndex
import Testing

/// Each server's own ref on the remote (`refs/quire/servers/<id>`): a server that never wins
/// the compare-and-swap on the remote's main still gets every write it acknowledged to the
/// remote, and the other servers take those writes in from there.
@Suite struct RemoteOutboxTests {
    @Test func writesReachTheOtherServersWhileTheRemotesMainCannotMove() async throws {
        let cluster = try await RemoteServers.make(count: 2, fetchEvery: nil)
        let (a, b) = (cluster.servers[0], cluster.servers[1])
        try await cluster.test { clients in
            // Another server holds the remote's main for as long as this test runs: every push
            // of main is refused, as for a server that always loses the race.
            let lock = cluster.barePath + "/refs/heads/main.lock"
            #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
            let mainBefore = try cluster.git(cluster.barePath, "rev-parse", "main")

            let created = try await clients[1].send(.post, "/api/authors", token: b.token, json: #"{"data":{"name":"Grace Hopper"}}"#)
            #expect(created.status == .created)
            let id = try #require(try created.json["data"]?["documentId"]?.stringValue)
            // B keeps trying main (refused each time); its outbox push lands in the first round.
            await b.sync.requestFetch()
            let outbox = try #require(b.sync.outbox?.name)
            let bMain = try cluster.git(b.path, "rev-parse", "main")
            #expect(try await Self.eventually { (try? cluster.git(cluster.barePath, "rev-parse", outbox)) == bMain },
                    "B's outbox on the remote is B's main")
            #expect(try cluster.git(cluster.barePath, "cat-file", "-e", "\(outbox):content/en/author/\(id).yaml").isEmpty)
            #expect(try cluster.git(cluster.barePath, "rev-parse", "main") == mainBefore, "the remote's main did not move")

            // A, with a write of its own, takes B's write in from B's outbox (a merge), though
            // the remote's main never had it.
            let own = try await clients[0].send(.post, "/api/authors", token: a.token, json: #"{"data":{"name":"Ada Lovelace"}}"#)
            #expect(own.status == .created)
            await a.sync.requestFetch()
            #expect(try await Self.eventually {
                try await clients[0].send(.get, "/api/authors/\(id)", token: a.token).status == .ok
            }, "A serves B's author")
            let subjects = try cluster.git(a.path, "log", "-5", "--format=%s", "main")
            #expect(subjects.contains("Merge origin quire/servers/\(outbox.dropFirst(SiteLayout.serverReferencePrefix.count)) into main"), "\(subjects)")

            // Once main is free again, both servers and the remote end on one history.
            try FileManager.default.removeItem(atPath: lock)
            try await cluster.settle()
            let tips = try cluster.servers.map { try cluster.git($0.path, "rev-parse", "main") }
            #expect(Set(tips + [try cluster.git(cluster.barePath, "rev-parse", "main")]).count == 1)
            let health = try await clients[1].send(.get, "/_health", token: b.token).json
            #expect(health["remote"]?["unpushedCommits"] == .int(0))
            for server in cluster.servers { _ = try cluster.git(server.path, "fsck", "--strict") }
        }
    }

    /// Polls `condition` for up to 20 s (the whole suite shares two cores).
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<400 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
