import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// A file only drafts use is as private as those drafts, in both dialects.
@Suite struct MediaDraftPrivacyTests {
    /// Stories with images; the public may read files and published stories.
    static let files = [
        "quire.yaml": """
            locales: [en]
            defaultLocale: en
            permissions:
              public:
                upload: [find, findOne]
                story: [find, findOne]
            """,
        "schemas/story.yaml": AposImageRelationshipTests.schema,
    ]

    @Test func aFileOnlyADraftUsesNeedsDraftPermissionUntilPublished() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let file = try await client.uploadOne(try Pictures.jpeg(400, 300), name: "secret.jpg", type: "image/jpeg", token: token)
            let id = try #require(file["documentId"]?.stringValue)
            let url = try #require(file["url"]?.stringValue)
            let thumbnail = try #require(file["formats"]?["thumbnail"]?["url"]?.stringValue)
            let attachment = "/uploads/attachments/\(id)-secret.one-sixth.jpg"
            // In the library, used by nothing: the `upload` permissions decide.
            #expect(try await client.send(.get, url).status == .ok)

            let created = try await client.send(.post, "/api/stories?status=draft", token: token,
                                                json: #"{"data":{"title":"Embargoed","image":"\#(id)"}}"#)
            #expect(created.status == .created || created.status == .ok, "\(created.text)")
            let story = try #require(try created.json["data"]?["documentId"]?.stringValue)
            for path in [url, thumbnail, attachment, "/api/upload/files/\(id)"] {
                #expect(try await client.send(.get, path).status == .notFound, "\(path)")
            }
            #expect(try await client.send(.get, "/api/upload/files").json.count == 0)
            // A caller who may see drafts may see the file, kept out of shared caches.
            let reader = try await client.send(.get, url, token: site.readToken)
            #expect(reader.status == .ok)
            #expect(reader.headers[.cacheControl] == "private, no-cache")
            #expect(try await client.send(.get, attachment, token: site.readToken).status == .ok)
            #expect(try await client.send(.get, "/api/v1/@apostrophecms/image", token: site.readToken).json["results"]?.count == 1)

            // Published, the file is as public as the upload permissions make it.
            let published = try await client.send(.put, "/api/stories/\(story)?status=published", token: token, json: #"{"data":{"title":"Out"}}"#)
            #expect(published.status == .ok, "\(published.text)")
            let open = try await client.send(.get, url)
            #expect(open.status == .ok)
            #expect(open.headers[.cacheControl]?.hasPrefix("public") == true)
            #expect(try await client.send(.get, "/api/upload/files/\(id)").status == .ok)
        }
    }
}
