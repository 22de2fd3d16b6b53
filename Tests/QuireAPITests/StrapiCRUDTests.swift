import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import QuireAPI
import QuireGit
import QuireIndex
import Testing

@Suite struct StrapiCRUDTests {
    @Test func createReadUpdateDeleteThroughGit() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let created = try await client.send(.post, "/api/articles", token: token, json: #"{"data":{"title":"Hello","slug":"hello","views":1,"author":"ada"}}"#)
            #expect(created.status == .created)
            let data = try #require(try created.json["data"])
            let documentId = try #require(data["documentId"]?.stringValue)
            #expect(data["title"] == .string("Hello"))
            #expect(data["publishedAt"]?.stringValue != nil)
            #expect(data["locale"] == .string("en"))
            #expect(data["author"] == nil, "relations appear only when populated")
            #expect(data["secret"] == nil)
            if case .int(let id)? = data["id"] { #expect(id > 0) } else { Issue.record("id must be an integer") }

            let log = try site.git("log", "-1", "--format=%an|%s", "main")
            #expect(log == "editor|Create article/\(documentId) (en)\n")
            let file = try site.git("show", "main:content/en/article/\(documentId).yaml")
            #expect(file == "title: Hello\nslug: hello\nviews: 1\nauthor: ada\n")

            let read = try await client.send(.get, "/api/articles/\(documentId)", token: token)
            #expect(read.status == .ok)
            #expect(try read.json["data"]?["title"] == .string("Hello"))
            #expect(read.headers[.eTag] != nil)

            let updated = try await client.send(.put, "/api/articles/\(documentId)", token: token, json: #"{"data":{"views":2,"body":null}}"#)
            #expect(updated.status == .ok)
            #expect(try updated.json["data"]?["views"] == .int(2))
            #expect(try updated.json["data"]?["title"] == .string("Hello"), "PUT is a partial update")
            #expect(try site.git("log", "-1", "--format=%s", "main") == "Update article/\(documentId) (en)\n")

            let list = try await client.send(.get, "/api/articles?pagination[pageSize]=1&pagination[page]=2", token: token)
            let pagination = try list.json["meta"]?["pagination"]
            #expect(pagination == .object(["page": .int(2), "pageSize": .int(1), "pageCount": .int(2), "total": .int(2)]))
            #expect(try list.json["data"]?.count == 1)

            let deleted = try await client.send(.delete, "/api/articles/\(documentId)", token: token)
            #expect(deleted.status == .noContent)
            #expect(deleted.body.readableBytes == 0)
            #expect(try await client.send(.get, "/api/articles/\(documentId)", token: token).status == .notFound)
            #expect(try site.git("ls-tree", "-r", "--name-only", "main", "content/en/article/").contains(documentId) == false)
            _ = try site.git("fsck", "--strict")
        }
    }

    @Test func singleTypeCreateOrUpdateAndDelete() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            #expect(try await client.send(.get, "/api/homepage", token: token).status == .notFound)
            let put = try await client.send(.put, "/api/homepage?locale=fr", token: token, json: #"{"data":{"title":"Bienvenue, café"}}"#)
            #expect(put.status == .ok)
            #expect(try put.json["data"]?["locale"] == .string("fr"))
            #expect(try site.git("show", "main:content/fr/homepage/homepage.yaml") == "title: Bienvenue, café\n")
            #expect(try await client.send(.get, "/api/homepage", token: token).status == .notFound, "en was never written")
            #expect(try await client.send(.get, "/api/homepage?locale=fr", token: token).status == .ok)
            #expect(try await client.send(.delete, "/api/homepage?locale=fr", token: token).status == .noContent)
            #expect(try await client.send(.get, "/api/homepage?locale=fr", token: token).status == .notFound)
        }
    }

    @Test func localesShareTheDocumentId() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let french = try await client.send(.put, "/api/articles/first-post?locale=fr", token: token, json: #"{"data":{"title":"Premier article"}}"#)
            #expect(french.status == .ok)
            #expect(try french.json["data"]?["documentId"] == .string("first-post"))
            let english = try await client.send(.get, "/api/articles/first-post", token: token)
            #expect(try english.json["data"]?["title"] == .string("First post"))
            #expect(try await client.send(.put, "/api/articles/missing?locale=fr", token: token, json: #"{"data":{"title":"x"}}"#).status == .notFound)
            let locales = try await client.send(.get, "/api/i18n/locales", token: token)
            #expect(try locales.json[1]?["code"] == .string("fr"))
            #expect(try locales.json[1]?["name"] == .string("French (fr)"))
            #expect(try locales.json[0]?["isDefault"] == .bool(true))
        }
    }

    @Test func stringsAreReadByTheSchemaNotByYAML() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            let tag = try await client.send(.get, "/api/tags/no")
            #expect(try tag.json["data"]?["name"] == .string("NO"))
        }
    }

    @Test func etagsAnswerConditionalRequests() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let read = try await client.send(.get, "/api/articles/first-post", token: token)
            let etag = try #require(read.headers[.eTag])
            let again = try await client.send(.get, "/api/articles/first-post", token: token, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            let update = try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"views":9}}"#, headers: [.ifMatch: etag])
            #expect(update.status == .ok)
            let stale = try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"views":10}}"#, headers: [.ifMatch: etag])
            #expect(stale.status == .preconditionFailed)
            #expect(try await client.send(.get, "/api/articles/first-post", token: token).json["data"]?["views"] == .int(9))
        }
    }
}
