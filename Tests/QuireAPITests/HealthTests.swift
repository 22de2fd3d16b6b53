import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

@Suite struct HealthTests {
    @Test func publicSeesCountsAndFullAccessSeesProblems() async throws {
        let site = try await TestSite.make(files: ["content/en/article/broken.yaml": "title: [\n"])
        let token = site.fullToken
        let reader = site.readToken
        try await site.test { client async throws in
            let anonymous = try await client.send(.get, "/_health")
            #expect(anonymous.status == .ok)
            #expect(try anonymous.json["status"] == .string("degraded"))
            #expect(try anonymous.json["problemCount"] == .int(1))
            #expect(try anonymous.json["problems"] == nil)
            #expect(try await client.send(.get, "/_health", token: reader).json["problems"] == nil)
            let full = try await client.send(.get, "/_health", token: token)
            #expect(try full.json["problems"]?[0]?["path"] == .string("content/en/article/broken.yaml"))
        }
    }
}
