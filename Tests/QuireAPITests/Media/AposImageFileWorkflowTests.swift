import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Apostrophe's workflow and batch routes on image and file pieces: what autopublished,
/// locale-independent media can answer, and a 400 saying why for the rest.
@Suite struct AposImageFileWorkflowTests {
    @Test func workflowRoutesAnswerWhatAutopublishedMediaCan() async throws {
        let site = try await TestSite.make(files: ["quire.yaml": "locales: [en, fr]\ndefaultLocale: en\n"])
        let token = site.fullToken
        try await site.test { client async throws in
            let file = try await client.uploadOne(try Pictures.jpeg(300, 200), name: "dawn.jpg", type: "image/jpeg", token: token)
            let id = try #require(file["documentId"]?.stringValue)
            let base = "/api/v1/@apostrophecms/image"
            let before = try site.commitCount()

            let locales = try await client.send(.get, "\(base)/\(id)/locales", token: token)
            #expect(locales.status == .ok)
            #expect(try locales.json["results"] == .array([
                .object(["_id": .string("\(id):en:draft"), "aposLocale": .string("en:draft")]),
                .object(["_id": .string("\(id):fr:draft"), "aposLocale": .string("fr:draft")]),
            ]))
            let revert = try await client.send(.post, "\(base)/\(id)/revert-draft-to-published", token: token)
            #expect(revert.status == .ok && revert.text == "false")
            let noURL = try await client.send(.get, "\(base)/\(id)/locale/fr", token: token)
            #expect(noURL.status == .badRequest && noURL.text == "invalid (has no URL)")
            #expect(try await client.send(.get, "\(base)/\(id)/locale/xx", token: token).text == "invalid locale name")

            for route in ["unpublish", "localize", "revert-published-to-previous", "submit", "dismiss-submission", "share"] {
                let refused = try await client.send(.post, "\(base)/\(id)/\(route)", token: token, json: "{}")
                #expect(refused.status == .badRequest, "\(route)")
                #expect(try refused.json["name"] == .string("invalid"), "\(route)")
                #expect(try refused.json["message"]?.stringValue?.isEmpty == false, "\(route)")
            }
            for route in ["archive", "restore", "publish", "localize", "tag"] {
                let refused = try await client.send(.post, "\(base)/\(route)", token: token, json: #"{"_ids":["\#(id)"]}"#)
                #expect(refused.status == .badRequest, "\(route)")
                #expect(try refused.json["message"]?.stringValue?.contains("job") == true, "\(route)")
            }
            // A file is no image; an unknown piece is 404; a reader may not change anything.
            #expect(try await client.send(.post, "/api/v1/@apostrophecms/file/\(id)/unpublish", token: token).status == .notFound)
            #expect(try await client.send(.get, "\(base)/zzzzzzzzzzzzzzzzzzzzzzzz/locales", token: token).status == .notFound)
            #expect(try await client.send(.post, "\(base)/\(id)/unpublish", token: site.readToken).status == .forbidden)
            #expect(try await client.send(.get, "\(base)/\(id)/locales", token: site.readToken).json["results"]?.count == 2)
            #expect(try site.commitCount() == before)
        }
    }
}
