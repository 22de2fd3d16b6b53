import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import QuireAPI
import QuireGit
import QuireIndex
import Testing

@Suite struct ConcurrencyTests {
    /// Two (here: twenty) clients updating the same document at once: every commit lands, in some order.
    @Test func concurrentUpdatesOfOneDocumentAllLand() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await client.send(.put, "/api/articles/first-post", token: token, json: "{\"data\":{\"views\":\(index + 100)}}").status
                    }
                }
                for try await status in group { #expect(status == .ok) }
            }
            let subjects = try site.git("log", "--format=%s", "main").split(separator: "\n")
            #expect(subjects.filter { $0 == "Update article/first-post (en)" }.count == 20)
            let history = try site.git("log", "-p", "--format=", "main", "--", "content/en/article/first-post.yaml")
            for index in 0..<20 {
                #expect(history.contains("+views: \(index + 100)"), "write \(index) is in history")
            }
            _ = try site.git("fsck", "--strict")
        }
    }

    @Test func concurrentCreatesEachGetTheirOwnCommit() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<30 {
                    group.addTask {
                        let response = try await client.send(.post, "/api/tags", token: token, json: "{\"data\":{\"name\":\"tag \(index)\"}}")
                        #expect(response.status == .created)
                    }
                }
                try await group.waitForAll()
            }
            let list = try await client.send(.get, "/api/tags?pagination[pageSize]=100", token: token)
            #expect(try list.json["meta"]?["pagination"]?["total"] == .int(32))
            #expect(try site.git("rev-list", "--count", "main") == "31\n")
        }
    }

    @Test func concurrentCreatesOfOneSlugLetOnlyOneWin() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await client.send(.post, "/api/articles", token: token, json: #"{"data":{"title":"Same","slug":"same"}}"#).status
                    }
                }
                var all: [HTTPResponse.Status] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .badRequest }.count == 9)
        }
    }
}
