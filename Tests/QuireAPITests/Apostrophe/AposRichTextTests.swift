import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

@Suite struct AposRichTextTests {
    static let files: [String: String] = [
        "schemas/story.yaml": """
            kind: collectionType
            info: { singularName: story, pluralName: stories, displayName: Story }
            attributes:
              title: { type: string, required: true }
              body: { type: area }
              note: { type: area, toolbar: [bold], allowedSchemes: [https] }
            """,
        "content/en/story/handmade.yaml": """
            title: Handmade
            body:
              _id: area1
              items:
                - _id: w1
                  type: "@apostrophecms/rich-text"
                  content: <p onclick="steal()">Hand<script>steal()</script>made</p>
            """,
    ]

    @Test func areasAreSanitizedOnEveryWriteAndStoredReadably() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let body = #"""
                {"title":"Rich","body":{"metaType":"area","items":[{"metaType":"widget","type":"@apostrophecms/rich-text",
                 "content":"<h2>Hi</h2><p>A <a href=\"javascript:alert(1)\" onclick=\"x()\">link</a><img src=x onerror=alert(1)></p>"}]},
                 "note":"plain <b>text</b>"}
                """#
            let created = try await client.apos(.post, "/api/v1/story", token: token, json: body)
            #expect(created.status == .ok, "\(created.text)")
            let doc = try created.json
            let id = try #require(doc["aposDocId"]?.stringValue)
            let area = try #require(doc["body"])
            #expect(area["metaType"] == .string("area"))
            #expect(area["_docId"] == .string(id))
            let widget = try #require(area["items"]?[0])
            #expect(widget["metaType"] == .string("widget"))
            #expect(widget["aposPlaceholder"] == .bool(false))
            #expect(widget["content"] == .string("<h2>Hi</h2><p>A <a>link</a></p>"))
            #expect(doc["note"]?["items"]?[0]?["content"] == .string("<p>plain &lt;b&gt;text&lt;/b&gt;</p>"), "a string becomes one escaped paragraph")

            let file = try site.git("show", "main:content/en/story/\(id).yaml")
            let widgetId = try #require(widget["_id"]?.stringValue)
            #expect(file.contains("body:\n  _id: "))
            #expect(file.contains("  items:\n  - _id: \(widgetId)\n    type: '@apostrophecms/rich-text'\n    content: <h2>Hi</h2><p>A <a>link</a></p>\n"), "\(file)")
            #expect(!file.contains("metaType"), "read-time keys are not stored")

            let patched = try await client.apos(
                .patch, "/api/v1/story/\(id)", token: token, json: #"{"@\#(widgetId).content":"<p>New<script>x()</script></p>"}"#)
            #expect(try patched.json["body"]?["items"]?[0]?["content"] == .string("<p>New</p>"))

            // The Strapi dialect writes through the same sanitizer.
            let strapi = try await client.send(.put, "/api/stories/\(id)", token: token, json: #"{"data":{"note":[{"type":"@apostrophecms/rich-text","content":"<p><b>ok</b><a href=\"http://x\">no</a></p>"}]}}"#)
            #expect(strapi.status == .ok, "\(strapi.text)")
            #expect(try strapi.json["data"]?["note"]?["items"]?[0]?["content"] == .string("<p><b>ok</b>no</p>"), "the note field allows bold only")
            let bad = try await client.send(.put, "/api/stories/\(id)", token: token, json: #"{"data":{"note":[{"content":"no type"}]}}"#)
            #expect(bad.status == .badRequest)
            try expectAposError(try await client.apos(.patch, "/api/v1/story/\(id)", token: token, json: #"{"body":42}"#), .badRequest, name: "invalid")

            // HTML a human committed is served sanitized too.
            let handmade = try await client.apos(.get, "/api/v1/story/handmade", token: token).json
            #expect(handmade["body"]?["items"]?[0]?["content"] == .string("<p>Handmade</p>"))
        }
    }
}
