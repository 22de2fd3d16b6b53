import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import QuireAPI
import QuireContent
import QuireIndex
import Testing

/// Webhooks from quire.yaml, delivered to a real HTTP receiver on a local port.
@Suite struct WebhookTests {
    static let secret = "correct horse battery staple"
    static let policy = WebhookPolicy(attempts: 4, firstDelay: .milliseconds(50), maximumDelay: .milliseconds(200), timeout: .seconds(60))

    /// A live receiver, a site whose quire.yaml sends it `hook` (its url filled in), and the
    /// dispatcher running, for the length of `body`.
    func withWebhook(
        _ hook: String = "events: [create, update, delete, publish, unpublish]\n    secretEnv: HOOK_SECRET",
        prepare: @Sendable (TestSite) throws -> Void = { _ in },
        _ body: @escaping @Sendable (TestSite, RecordingReceiver, any TestClientProtocol) async throws -> Void
    ) async throws {
        let receiver = RecordingReceiver()
        let app = Application(router: receiver.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { receiverClient in
            let port = try #require(receiverClient.port)
            let config = TestSite.schemas["quire.yaml"]! + "\nwebhooks:\n  - url: http://127.0.0.1:\(port)/hook\n    \(hook)\n"
            let site = try await TestSite.make(files: ["quire.yaml": config])
            #expect(site.site.snapshot.problems.isEmpty, "\(site.site.snapshot.problems)")
            try prepare(site)
            let dispatcher = WebhookDispatcher(
                site: site.site, gitDirectory: site.repository.gitDirectory, policy: Self.policy,
                logger: Logger(label: "quire.test.webhooks"), environment: ["HOOK_SECRET": Self.secret])
            let delivery = Task { await dispatcher.run() }
            defer { delivery.cancel() }
            try await site.test { client in try await body(site, receiver, client) }
        }
    }

    @Test func everyKindOfWriteIsDeliveredAsStrapisEvent() async throws {
        try await withWebhook { site, receiver, client in
            let token = site.fullToken
            let created = try await client.send(.post, "/api/authors", token: token, json: #"{"data":{"name":"Grace Hopper"}}"#)
            #expect(created.status == .created)
            let id = try #require(try created.json["data"]?["documentId"]?.stringValue)
            #expect(try await client.send(.put, "/api/authors/\(id)", token: token, json: #"{"data":{"name":"Grace B. Hopper"}}"#).status == .ok)
            #expect(try await client.send(.delete, "/api/authors/\(id)", token: token).status == .noContent)
            let draft = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"title":"Drafted"}}"#)
            #expect(draft.status == .ok)
            #expect(try await client.send(.post, "/api/articles/first-post/publish", token: token).status == .ok)
            #expect(try await client.send(.post, "/api/articles/first-post/unpublish", token: token).status == .ok)

            let deliveries = try await receiver.waitFor("six events") { $0.count >= 6 }
            #expect(deliveries.map(\.event) == ["entry.create", "entry.update", "entry.delete", "entry.update", "entry.publish", "entry.unpublish"])
            let payloads = try deliveries.map { try JSON.parse($0.body) }
            #expect(payloads.map { $0["model"]?.stringValue } == ["author", "author", "author", "article", "article", "article"])
            #expect(payloads[0]["uid"] == .string("api::author.author"))
            #expect(payloads[0]["entry"]?["documentId"] == .string(id))
            #expect(payloads[0]["entry"]?["name"] == .string("Grace Hopper"))
            #expect(payloads[1]["entry"]?["name"] == .string("Grace B. Hopper"))
            #expect(payloads[2]["entry"]?["name"] == .string("Grace B. Hopper"), "a delete carries the entry as it was")
            #expect(payloads[3]["entry"]?["title"] == .string("Drafted"))
            #expect(payloads[3]["entry"]?["publishedAt"] == .null)
            #expect(payloads[4]["entry"]?["publishedAt"]?.stringValue != nil)
            #expect(payloads[5]["entry"]?["publishedAt"] == .null)
            #expect(payloads[0]["entry"]?["secret"] == nil)
            let createdAt = try #require(payloads[0]["createdAt"]?.stringValue)
            #expect(createdAt.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil, "\(createdAt)")
            for delivery in deliveries {
                let signature = delivery.headers[HTTPField.Name("X-Quire-Signature")!]
                #expect(signature == (try Self.pythonSignature(of: delivery.body, secret: Self.secret)))
                #expect(delivery.headers[.contentType] == "application/json")
                #expect(delivery.headers[HTTPField.Name("X-Quire-Timestamp")!].flatMap(Int.init) != nil)
            }
        }
    }

    @Test func aReceiverErrorIsRetriedWithTheSameDeliveryID() async throws {
        try await withWebhook { site, receiver, client in
            receiver.fail(next: 2)
            let created = try await client.send(.post, "/api/authors", token: site.fullToken, json: #"{"data":{"name":"Ada"}}"#)
            #expect(created.status == .created)
            let deliveries = try await receiver.waitFor("three attempts") { $0.count >= 3 }
            #expect(deliveries.map(\.event) == ["entry.create", "entry.create", "entry.create"])
            #expect(Set(deliveries.compactMap(\.deliveryID)).count == 1)
            #expect(deliveries[0].body == deliveries[2].body)
        }
    }

    @Test func writesAreAcknowledgedWhileTheReceiverHangs() async throws {
        try await withWebhook { site, receiver, client in
            receiver.hold()
            let first = try await client.send(.post, "/api/authors", token: site.fullToken, json: #"{"data":{"name":"First"}}"#)
            #expect(first.status == .created)
            try await eventually("the receiver to be holding a delivery") { receiver.heldCount == 1 }
            let second = try await client.send(.post, "/api/authors", token: site.fullToken, json: #"{"data":{"name":"Second"}}"#)
            #expect(second.status == .created)
            #expect(receiver.heldCount == 1 && receiver.deliveries.count == 1, "the second write was acknowledged while the first delivery hung")
            receiver.release()
            let deliveries = try await receiver.waitFor("both events") { $0.count >= 2 }
            let names = try deliveries.map { try JSON.parse($0.body)["entry"]?["name"]?.stringValue }
            #expect(names == ["First", "Second"])
        }
    }

    @Test func commitsMadeWithGitAreAnnouncedToo() async throws {
        try await withWebhook { site, receiver, _ in
            try "title: Edited by hand\nslug: first-post\n".write(toFile: site.path + "/content/en/article/first-post.yaml", atomically: false, encoding: .utf8)
            try site.git("-c", "user.name=Human", "-c", "user.email=human@example.com", "commit", "-qam", "Edit by hand")
            try await site.site.sync()
            let deliveries = try await receiver.waitFor("the update") { $0.count >= 2 }
            #expect(deliveries.map(\.event) == ["entry.update", "entry.publish"])
            #expect(try JSON.parse(deliveries[0].body)["entry"]?["title"] == .string("Edited by hand"))
        }
    }

    @Test func onlyTheChosenEventsGoOutSignedWithASecretFromTheGitDirectory() async throws {
        let fileSecret = "from-the-git-directory"
        try await withWebhook("events: [entry.delete]\n    secretFile: hook.secret", prepare: { site in
            try FileManager.default.createDirectory(atPath: site.repository.gitDirectory + "/quire", withIntermediateDirectories: true)
            try (fileSecret + "\n").write(toFile: site.repository.gitDirectory + "/quire/hook.secret", atomically: true, encoding: .utf8)
        }) { site, receiver, client in
            let created = try await client.send(.post, "/api/authors", token: site.fullToken, json: #"{"data":{"name":"Brief"}}"#)
            let id = try #require(try created.json["data"]?["documentId"]?.stringValue)
            #expect(try await client.send(.delete, "/api/authors/\(id)", token: site.fullToken).status == .noContent)
            let deliveries = try await receiver.waitFor("the delete") { $0.count >= 1 }
            #expect(deliveries.map(\.event) == ["entry.delete"])
            #expect(deliveries[0].headers[HTTPField.Name("X-Quire-Signature")!] == (try Self.pythonSignature(of: deliveries[0].body, secret: fileSecret)))
        }
    }

    @Test func quireYAMLRefusesCommittedSecretsAndUnknownEvents() {
        let yaml = """
            locales: [en]
            webhooks:
              - url: https://example.com/hook
                secret: hunter2
                events: [create, explode]
              - url: ftp://example.com
              - url: https://deploy.example.com/build
                headers: { Authorization: "Bearer ${DEPLOY_TOKEN}" }
            """
        let (config, problems) = SiteConfig.load(Array(yaml.utf8))
        #expect(problems.map(\.description).contains { $0.hasPrefix("quire.yaml:4: a webhook secret must not be committed") }, "\(problems)")
        #expect(problems.map(\.description).contains { $0.hasPrefix("quire.yaml:5: unknown webhook event 'explode'") }, "\(problems)")
        #expect(problems.map(\.description).contains { $0.hasPrefix("quire.yaml:6: webhook url 'ftp://example.com'") }, "\(problems)")
        #expect(config.webhooks.map(\.url) == ["https://example.com/hook", "https://deploy.example.com/build"])
        #expect(config.webhooks[0].events == ["entry.create"])
        #expect(config.webhooks[1].events.count == 5)
        #expect(config.webhooks[1].headers.map(\.value) == ["Bearer ${DEPLOY_TOKEN}"])
    }

    /// Python's hmac, so the signature is checked by an implementation other than Quire's.
    static func pythonSignature(of body: [UInt8], secret: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("quire-hook-\(UUID().uuidString)")
        try Data(body).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = "import hmac,hashlib,sys; print('sha256=' + hmac.new(sys.argv[1].encode(), open(sys.argv[2],'rb').read(), hashlib.sha256).hexdigest())"
        return try TestSite.run(["python3", "-c", script, secret, file.path]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension WebhookTests {
    @Test func theOpenAPIDocumentDescribesTheWebhooksSent() async throws {
        let config = TestSite.schemas["quire.yaml"]! + "\nwebhooks:\n  - url: https://example.com/hook\n    events: [create, publish]\n"
        let site = try await TestSite.make(files: ["quire.yaml": config])
        try await site.test { client async throws in
            let response = try await client.send(.get, "/api/openapi.json")
            let webhooks = try response.json["webhooks"]
            #expect(webhooks?.count == 2)
            #expect(webhooks?["entry.create"]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"]?["properties"]?["event"]?["const"] == .string("entry.create"))
            try PythonTool.validateOpenAPI(Array(response.body.readableBytesView))
        }
    }
}

extension WebhookTests {
    @Test func draftAndPublishWritesAreNamedAsStrapiNamesThem() async throws {
        let hook = "events: [create, update, delete, publish, unpublish, draft-discard]"
        try await withWebhook(hook) { site, receiver, client in
            let token = site.fullToken
            let created = try await client.send(.post, "/api/articles", token: token, json: #"{"data":{"title":"Published at once"}}"#)
            #expect(created.status == .created)
            let id = try #require(try created.json["data"]?["documentId"]?.stringValue)
            #expect(try await client.send(.put, "/api/articles/\(id)?status=draft", token: token, json: #"{"data":{"title":"Second thoughts"}}"#).status == .ok)
            #expect(try await client.send(.post, "/api/articles/\(id)/discard", token: token).status == .ok)
            for documentId in [id, "first-post"] {
                let draft = try await client.send(.put, "/api/articles/\(documentId)?status=draft", token: token, json: #"{"data":{"views":11}}"#)
                #expect(draft.status == .ok)
            }
            let release = try await client.send(.post, "/api/git/releases", token: token, json: """
                {"data":{"message":"Both","documents":[{"type":"article","documentId":"\(id)","locale":"en"},{"type":"article","documentId":"first-post","locale":"en"}]}}
                """)
            #expect(release.status == .ok || release.status == .created, "\(release.text)")

            let deliveries = try await receiver.waitFor("eight events") { $0.count >= 8 }
            let events = try deliveries.map { "\($0.event ?? "") \(try JSON.parse($0.body)["entry"]?["documentId"]?.stringValue ?? "")" }
            #expect(Array(events.prefix(6)) == [
                "entry.create \(id)", "entry.publish \(id)", "entry.update \(id)", "entry.draft-discard \(id)",
                "entry.update \(id)", "entry.update first-post",
            ])
            #expect(Set(events.suffix(2)) == ["entry.publish \(id)", "entry.publish first-post"])
        }
    }
}
