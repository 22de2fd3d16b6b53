import Foundation
import HummingbirdTesting
import QuireContent
import Testing

/// The Upload plugin's webhook events, delivered to a real receiver.
@Suite struct UploadWebhookTests {
    @Test func uploadsUpdatesAndDeletesAreDeliveredAsMediaEvents() async throws {
        try await WebhookTests().withWebhook("events: [media.create, media.update, media.delete]") { site, receiver, client in
            let token = site.fullToken
            let file = try await client.uploadOne(try Pictures.jpeg(320, 200), name: "hook.jpg", type: "image/jpeg", token: token)
            var info = MultipartBody()
            info.field("fileInfo", #"{"caption":"Now with a caption"}"#)
            #expect(try await client.upload(info, token: token, query: "?id=1").status == .ok)
            #expect(try await client.send(.delete, "/api/upload/files/1", token: token).status == .ok)
            let deliveries = try await receiver.waitFor("three events") { $0.count >= 3 }
            #expect(deliveries.map(\.event) == ["media.create", "media.update", "media.delete"])
            let payloads = try deliveries.map { try JSON.parse($0.body) }
            #expect(payloads[0]["media"]?["hash"] == file["hash"])
            #expect(payloads[0]["media"]?["url"] == file["url"])
            #expect(payloads[1]["media"]?["caption"] == .string("Now with a caption"))
            #expect(payloads[2]["model"] == nil)
        }
    }
}
