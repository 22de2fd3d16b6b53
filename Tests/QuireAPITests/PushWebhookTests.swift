import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireIndex
import Testing

/// `POST /api/git/webhook/push`: a git host's push notice makes the server fetch at once.
@Suite struct PushWebhookTests {
    static let secret = "s3cret-shared-with-the-host"
    static let payload = #"{"ref":"refs/heads/main","after":"0000000000000000000000000000000000000000"}"#

    static func signature(_ body: String, secret: String = secret) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Server 1 only fetches when told: a signed webhook brings server 0's write in.
    @Test func signedPushMakesTheServerFetch() async throws {
        let cluster = try await RemoteServers.make(count: 2, fetchEvery: nil)
        let tokens = cluster.servers.map(\.token)
        try await cluster.test(webhookSecret: Self.secret) { clients in
            let created = try await clients[0].send(.post, "/api/authors", token: tokens[0], json: #"{"data":{"name":"Grace Hopper"}}"#)
            let id = try #require(try created.json["data"]?["documentId"]?.stringValue)
            try await cluster.servers[0].sync.synchronize()
            await cluster.servers[1].sync.idle()
            #expect(try await clients[1].send(.get, "/api/authors/\(id)", token: tokens[1]).status == .notFound)

            let forged = try await clients[1].send(
                .post, "/api/git/webhook/push", json: Self.payload,
                headers: [HTTPField.Name("X-Hub-Signature-256")!: Self.signature(Self.payload, secret: "wrong")])
            #expect(forged.status == .unauthorized)
            #expect(try forged.json["error"]?["name"] == .string("UnauthorizedError"))
            let unsigned = try await clients[1].send(.post, "/api/git/webhook/push", json: Self.payload)
            #expect(unsigned.status == .unauthorized)
            await cluster.servers[1].sync.idle()
            #expect(try await clients[1].send(.get, "/api/authors/\(id)", token: tokens[1]).status == .notFound)

            let signed = try await clients[1].send(
                .post, "/api/git/webhook/push", json: Self.payload,
                headers: [HTTPField.Name("X-Hub-Signature-256")!: Self.signature(Self.payload)])
            #expect(signed.status == .accepted)
            await cluster.servers[1].sync.idle()
            let fetched = try await clients[1].send(.get, "/api/authors/\(id)", token: tokens[1])
            #expect(fetched.status == .ok)
            #expect(try fetched.json["data"]?["name"] == .string("Grace Hopper"))
        }
    }

    @Test func acceptsGiteaAndGitLabStyles() async throws {
        let cluster = try await RemoteServers.make(count: 1, fetchEvery: nil)
        try await cluster.test(webhookSecret: Self.secret) { clients in
            let hex = String(Self.signature(Self.payload).dropFirst(7))
            let gitea = try await clients[0].send(
                .post, "/api/git/webhook/push", json: Self.payload, headers: [HTTPField.Name("X-Gitea-Signature")!: hex])
            #expect(gitea.status == .accepted)
            let gitlab = try await clients[0].send(
                .post, "/api/git/webhook/push", json: Self.payload, headers: [HTTPField.Name("X-Gitlab-Token")!: Self.secret])
            #expect(gitlab.status == .accepted)
            let wrongToken = try await clients[0].send(
                .post, "/api/git/webhook/push", json: Self.payload, headers: [HTTPField.Name("X-Gitlab-Token")!: "guess"])
            #expect(wrongToken.status == .unauthorized)
        }
    }

    @Test func withoutASecretTheHookIsRefused() async throws {
        let cluster = try await RemoteServers.make(count: 1, fetchEvery: nil)
        try await cluster.test(webhookSecret: nil) { clients in
            let response = try await clients[0].send(
                .post, "/api/git/webhook/push", json: Self.payload,
                headers: [HTTPField.Name("X-Hub-Signature-256")!: Self.signature(Self.payload)])
            #expect(response.status == .forbidden)
        }
    }

    @Test func withoutARemoteThereIsNoHook() async throws {
        let site = try await TestSite.make()
        try await site.test { client in
            let response = try await client.send(.post, "/api/git/webhook/push", json: Self.payload)
            #expect(response.status == .notFound)
        }
    }
}
