import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// A site whose work tree has main checked out: what a human sees there follows the API.
@Suite struct WorkTreeTests {
    @Test func apiWritesUpdateTheWorkTreeAndIndex() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let created = try await client.send(.post, "/api/articles", token: token, json: #"{"data":{"title":"From the API"}}"#)
            let documentId = try #require(try created.json["data"]?["documentId"]?.stringValue)
            _ = try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"views":42}}"#)
            _ = try await client.send(.delete, "/api/tags/travel", token: token)
            #expect(try site.git("status", "--porcelain") == "")
            let file = try String(contentsOfFile: site.path + "/content/en/article/\(documentId).yaml", encoding: .utf8)
            #expect(file == "title: From the API\n")
            #expect(try String(contentsOfFile: site.path + "/content/en/article/first-post.yaml", encoding: .utf8).contains("views: 42"))
            #expect(!FileManager.default.fileExists(atPath: site.path + "/content/en/tag/travel.yaml"))

            // A human's next commit builds on the API's work instead of reverting it.
            try "name: Hand made\n".write(toFile: site.path + "/content/en/tag/hand.yaml", atomically: false, encoding: .utf8)
            try site.git("add", "content/en/tag/hand.yaml")
            try site.git("-c", "user.name=H", "-c", "user.email=h@e", "commit", "-qm", "Add a tag")
            #expect(try site.git("show", "main:content/en/article/first-post.yaml").contains("views: 42"))
            #expect(try site.git("show", "--stat", "--format=", "main") == " content/en/tag/hand.yaml | 1 +\n 1 file changed, 1 insertion(+)\n")
        }
    }

    @Test func anUncommittedEditRefusesTheWriteWith409() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let before = try await site.mainTip()
        try await site.test { client async throws in
            try "title: Half typed\n".write(toFile: site.path + "/content/en/article/first-post.yaml", atomically: false, encoding: .utf8)
            let response = try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"views":5}}"#)
            #expect(response.status == .conflict)
            #expect(try response.json["error"]?["message"]?.stringValue?.contains("content/en/article/first-post.yaml") == true)
            #expect(try await site.mainTip() == before)
            #expect(try String(contentsOfFile: site.path + "/content/en/article/first-post.yaml", encoding: .utf8) == "title: Half typed\n")
            // Other documents can still be written.
            #expect(try await client.send(.put, "/api/tags/travel", token: token, json: #"{"data":{"name":"Voyages"}}"#).status == .ok)
        }
    }
}
