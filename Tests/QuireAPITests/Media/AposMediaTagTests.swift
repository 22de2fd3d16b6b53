import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `@apostrophecms/image-tag` and `@apostrophecms/file-tag` pieces, and `_tags` on image and
/// file pieces: written, filtered on, kept in `media/tags.yaml`, dropped when deleted.
@Suite struct AposMediaTagTests {
    @Test func tagsAreCreatedAttachedFilteredAndDeleted() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let tags = "/api/v1/@apostrophecms/image-tag"
            let created = try await client.send(.post, tags, token: token, json: #"{"title":"Harbour Life"}"#)
            #expect(created.status == .ok, "\(created.text)")
            let harbour = try #require(try created.json["aposDocId"]?.stringValue)
            #expect(try created.json["slug"] == .string("harbour-life"))
            #expect(try created.json["type"] == .string("@apostrophecms/image-tag"))
            let second = try await client.send(.post, tags, token: token, json: #"{"title":"Harbour life!"}"#)
            #expect(try second.json["slug"] == .string("harbour-life-2"))
            let night = try #require(try second.json["aposDocId"]?.stringValue)
            let fileTag = try await client.send(.post, "/api/v1/@apostrophecms/file-tag", token: token, json: #"{"title":"Prices"}"#)
            let prices = try #require(try fileTag.json["aposDocId"]?.stringValue)
            #expect(try site.git("show", "main:media/tags.yaml").contains("\"title\":\"Harbour Life\""))
            #expect(try site.git("log", "-1", "--format=%s", "main") == "Create @apostrophecms/file-tag\n")

            // Lists by title; PATCH and PUT; a title is required.
            let listed = try await client.send(.get, tags, token: token).json
            #expect(listed["results"]?.count == 2)
            #expect(try await client.send(.get, "/api/v1/@apostrophecms/file-tag", token: token).json["results"]?.count == 1)
            let renamed = try await client.send(.patch, "\(tags)/\(night):en:draft", token: token, json: #"{"title":"Night"}"#)
            #expect(renamed.status == .ok)
            #expect(try renamed.json["title"] == .string("Night") && renamed.json["slug"] == .string("harbour-life-2"))
            let missingTitle = try await client.send(.put, "\(tags)/\(night)", token: token, json: #"{"slug":"x"}"#)
            #expect(missingTitle.status == .badRequest)
            #expect(try missingTitle.json["data"]?["errors"]?[0]?["name"] == .string("required"))
            #expect(try await client.send(.post, tags, token: token, json: #"{"title":"X","colour":"red"}"#).status == .badRequest)
            #expect(try await client.send(.get, "\(tags)/\(prices)", token: token).status == .notFound)

            // Image pieces take `_tags` (file tags and unknown ids are dropped) and filter on them.
            let a = try await client.uploadOne(try Pictures.jpeg(300, 200), name: "boats.jpg", type: "image/jpeg", token: token)
            let b = try await client.uploadOne(try Pictures.jpeg(300, 200), name: "moon.jpg", type: "image/jpeg", token: token)
            let aId = try #require(a["documentId"]?.stringValue)
            let bId = try #require(b["documentId"]?.stringValue)
            let images = "/api/v1/@apostrophecms/image"
            let tagged = try await client.send(.patch, "\(images)/\(aId)", token: token, json: """
                {"_tags":[{"_id":"\(harbour):en:published"},"\(night)","\(prices)","zzzzzzzzzzzzzzzzzzzzzzzz"]}
                """)
            #expect(tagged.status == .ok, "\(tagged.text)")
            #expect(try tagged.json["tagsIds"] == .array([.string(harbour), .string(night)]))
            #expect(try tagged.json["_tags"]?[1]?["title"] == .string("Night"))
            #expect(try site.git("show", "main:\(MediaLayout.metadataPath(documentId: aId))").contains("\"tags\":[\"\(harbour)\",\"\(night)\"]"))
            _ = try await client.send(.patch, "\(images)/\(bId)", token: token, json: #"{"_tags":["\#(night)"]}"#)

            func titles(_ query: String) async throws -> [String] {
                let results = try await client.send(.get, "\(images)?\(query)", token: token).json["results"]
                return (0..<(results?.count ?? 0)).compactMap { results?[$0]?["title"]?.stringValue }.sorted()
            }
            #expect(try await titles("_tags[]=\(harbour)") == ["boats"])
            #expect(try await titles("_tags[]=\(harbour)&_tags[]=\(night)") == ["boats", "moon"])
            #expect(try await titles("_tagsAnd[]=\(harbour)&_tagsAnd[]=\(night)") == ["boats"])
            #expect(try await titles("tags[]=harbour-life-2") == ["boats", "moon"])
            #expect(try await client.send(.get, "\(images)?choices=title", token: token).status == .badRequest)

            // Deleting a tag leaves the pieces, which drop it.
            let deleted = try await client.send(.delete, "\(tags)/\(night)", token: token)
            #expect(deleted.status == .ok)
            let after = try await client.send(.get, "\(images)/\(aId)", token: token).json
            #expect(after["tagsIds"] == .array([.string(harbour)]))
            #expect(try await client.send(.get, "\(tags)/\(night)", token: token).status == .notFound)
            // A reader may list but not write.
            #expect(try await client.send(.get, tags, token: site.readToken).status == .ok)
            #expect(try await client.send(.post, tags, token: site.readToken, json: #"{"title":"No"}"#).status == .forbidden)
        }
    }
}
