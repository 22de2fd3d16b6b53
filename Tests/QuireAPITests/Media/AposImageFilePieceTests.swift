import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `@apostrophecms/image` and `@apostrophecms/file` pieces over the one media library.
@Suite struct AposImageFilePieceTests {
    static let images = "/api/v1/@apostrophecms/image"
    static let files = "/api/v1/@apostrophecms/file"

    @Test func aStrapiUploadIsAnImagePieceAndAPieceEditIsSeenByStrapi() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let file = try await client.uploadOne(try Pictures.jpeg(1200, 800), name: "Sea View.jpg", type: "image/jpeg", token: token,
                                                  info: #"{"alternativeText":"The sea"}"#)
            let documentId = try #require(file["documentId"]?.stringValue)
            _ = try await client.uploadOne(Array("%PDF-1.4\n%%EOF\n".utf8), name: "menu.pdf", type: "application/pdf", token: token)

            let list = try await client.send(.get, Self.images, token: token)
            #expect(list.status == .ok, "\(list.text)")
            let body = try list.json
            #expect(body["pages"] == .int(1) && body["currentPage"] == .int(1))
            #expect(body["results"]?.count == 1)
            let piece = try #require(body["results"]?[0])
            #expect(piece["_id"] == .string("\(documentId):en:published"))
            #expect(piece["aposDocId"] == .string(documentId))
            #expect(piece["type"] == .string("@apostrophecms/image"))
            #expect(piece["title"] == .string("Sea View"))
            #expect(piece["slug"] == .string("image-sea-view"))
            #expect(piece["alt"] == .string("The sea"))
            let urls = try #require(piece["attachment"]?["_urls"])
            #expect(urls["one-half"] == .string("/uploads/attachments/\(documentId)-sea-view.one-half.jpg"))
            #expect(urls.count == 7)
            #expect(piece["attachment"]?["_alt"] == .string("The sea"))

            // The PDF is a file piece, with `_url` instead of sizes.
            let files = try await client.send(.get, Self.files, token: token).json
            #expect(files["results"]?.count == 1)
            #expect(files["results"]?[0]?["type"] == .string("@apostrophecms/file"))
            #expect(files["results"]?[0]?["attachment"]?["_url"]?.stringValue?.hasSuffix("-menu.pdf") == true)

            // A PATCH through Apostrophe is what Strapi shows next.
            let patched = try await client.send(.patch, "\(Self.images)/\(documentId):en:draft", token: token,
                                                json: #"{"alt":"The sea at dawn","credit":"Ada","title":"Dawn"}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(try patched.json["_id"] == .string("\(documentId):en:draft"))
            #expect(try patched.json["title"] == .string("Dawn"))
            #expect(try patched.json["credit"] == .string("Ada"))
            let strapi = try await client.send(.get, "/api/upload/files/\(documentId)", token: token).json
            #expect(strapi["alternativeText"] == .string("The sea at dawn"))
            #expect(strapi["name"] == .string("Sea View.jpg"))
            let stored = try site.git("show", "main:media/files/\(documentId.prefix(2))/\(documentId).yaml")
            #expect(stored.contains(#"piece: {"type":"@apostrophecms/image","title":"Dawn","credit":"Ada"}"#), "\(stored)")

            let one = try await client.send(.get, "\(Self.images)/\(documentId)", token: token)
            #expect(try one.json["title"] == .string("Dawn"))
            #expect(try await client.send(.get, "\(Self.files)/\(documentId)", token: token).status == .notFound)

            // DELETE removes the file from both dialects.
            let deleted = try await client.send(.delete, "\(Self.images)/\(documentId)", token: token)
            #expect(deleted.status == .ok && deleted.text.isEmpty)
            #expect(try await client.send(.get, "/api/upload/files/\(documentId)", token: token).status == .notFound)
        }
    }

    @Test func anAttachmentBecomesAPieceWhenAPieceIsInsertedWithIt() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            var form = MultipartBody()
            form.file(try Pictures.png(400, 300), name: "blue box.png", type: "image/png", field: "file")
            let uploaded = try await client.sendMultipart(form.bytes, contentType: form.contentType,
                                                          uri: "/api/v1/@apostrophecms/attachment/upload", token: token)
            let attachment = try uploaded.json
            let id = try #require(attachment["_id"]?.stringValue)
            // Uploaded, not yet a piece (Strapi's library has it, as it has every file).
            #expect(try await client.send(.get, Self.images, token: token).json["results"]?.count == 0)
            #expect(try await client.send(.get, "/api/upload/files", token: token).json.count == 1)

            let created = try await client.send(.post, Self.images, token: token, json: String(decoding: JSON.encode(.object([
                "title": .string("Blue box"), "alt": .string("A blue box"), "attachment": attachment,
            ])), as: UTF8.self))
            #expect(created.status == .ok, "\(created.text)")
            let piece = try created.json
            #expect(piece["aposDocId"] == .string(id))
            #expect(piece["slug"] == .string("image-blue-box"))
            #expect(piece["attachment"]?["_id"] == .string(id))
            #expect(try await client.send(.get, Self.images, token: token).json["results"]?.count == 1)

            // The same attachment in a second piece: a new file sharing the stored bytes.
            let second = try await client.send(.post, Self.images, token: token, json: #"{"title":"Blue box","attachment":{"_id":"\#(id)"}}"#)
            #expect(second.status == .ok, "\(second.text)")
            let secondId = try #require(try second.json["aposDocId"]?.stringValue)
            #expect(secondId != id)
            #expect(try second.json["slug"] == .string("image-blue-box-2"))
            #expect(try await client.send(.get, Self.images + "?perPage=1&page=2", token: token).json["pages"] == .int(2))
            #expect(try site.files(under: "media/originals").count == 1)
            let served = try await client.send(.get, try #require(try second.json["attachment"]?["_urls"]?["one-third"]?.stringValue), token: token)
            #expect(served.status == .ok)

            // A file piece may hold an image, as Apostrophe's may.
            let asFile = try await client.send(.post, Self.files, token: token, json: #"{"title":"Box as a file","attachment":{"_id":"\#(id)"}}"#)
            #expect(asFile.status == .ok, "\(asFile.text)")
            #expect(try asFile.json["type"] == .string("@apostrophecms/file"))
        }
    }

    @Test func listsSearchSortPageAndRefuseWhatTheyCannotDo() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            for name in ["beta.jpg", "alpha.jpg", "gamma.jpg"] {
                _ = try await client.uploadOne(try Pictures.jpeg(64, 48), name: name, type: "image/jpeg", token: token)
            }
            func titles(_ query: String) async throws -> [String] {
                let response = try await client.send(.get, Self.images + query, token: token)
                #expect(response.status == .ok, "\(response.text)")
                guard case .array(let results)? = try response.json["results"] else { return [] }
                return results.compactMap { $0["title"]?.stringValue }
            }
            #expect(try await titles("") == ["gamma", "alpha", "beta"])
            #expect(try await titles("?sort[title]=1") == ["alpha", "beta", "gamma"])
            #expect(try await titles("?search=ALP") == ["alpha"])
            #expect(try await titles("?autocomplete=gam") == ["gamma"])
            #expect(try await titles("?perPage=2&page=2") == ["beta"])
            #expect(try await client.send(.get, Self.images + "?count=1", token: token).json["count"] == .int(3))
            let project = try await client.send(.get, Self.images + "?project[title]=1", token: token).json
            #expect(project["results"]?[0]?["attachment"] == nil && project["results"]?[0]?["title"] != nil)

            let alpha = try #require(try await client.send(.get, Self.images + "?search=alpha", token: token).json["results"]?[0]?["_id"]?.stringValue)
            #expect(try await client.send(.patch, "\(Self.images)/\(alpha)", token: token, json: #"{"archived":true}"#).status == .ok)
            #expect(try await titles("") == ["gamma", "beta"])
            #expect(try await titles("?archived=true") == ["alpha"])
            #expect(try await client.send(.get, "\(Self.images)/\(alpha)", token: token).status == .notFound)
            #expect(try await client.send(.get, "\(Self.images)/\(alpha)?archived=any", token: token).status == .ok)

            for bad in ["?perPage=x", "?sort[alt]=1", "?sort[title]=up", "?counts=tags", "?choices=title", "?render-areas=true", "?archived=maybe"] {
                let response = try await client.send(.get, Self.images + bad, token: token)
                #expect(response.status == .badRequest, "\(bad): \(response.text)")
                #expect(try response.json["name"] == .string("invalid"))
            }
        }
    }

    @Test func writesAreCheckedAndPermissionsAreTheUploadTypes() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let file = try await client.uploadOne(try Pictures.jpeg(64, 48), name: "x.jpg", type: "image/jpeg", token: token)
            let pdf = try await client.uploadOne(Array("%PDF-1.4\n%%EOF\n".utf8), name: "menu.pdf", type: "application/pdf", token: token)
            let id = try #require(file["documentId"]?.stringValue)
            let tip = try await site.mainTip()
            for (body, status) in [
                (#"{"title":5}"#, HTTPResponse.Status.badRequest),
                (#"{"creditUrl":"javascript:alert(1)"}"#, .badRequest),
                (#"{"colour":"red"}"#, .badRequest),
                (#"{"_tags":[5]}"#, .badRequest),
                (#"{"attachment":{"_id":"\#(pdf["documentId"]!.stringValue!)"}}"#, .badRequest),
                (#"{"attachment":{"_id":"nosuchfile"}}"#, .badRequest),
                (#"{"$push":{"x":1}}"#, .badRequest),
                (#"{"_patches":[{"title":"x"}]}"#, .badRequest),
                ("[1]", .badRequest),
            ] {
                let response = try await client.send(.patch, "\(Self.images)/\(id)", token: token, json: body)
                #expect(response.status == status, "\(body): \(response.text)")
            }
            let missing = try await client.send(.post, Self.images, token: token, json: #"{"title":"no file"}"#)
            #expect(missing.status == .badRequest)
            #expect(try missing.json["data"]?["errors"]?[0]?["name"] == .string("required"))
            #expect(try await site.mainTip() == tip)

            // Closed by default: the public gets 404, a reader may read but not write.
            #expect(try await client.send(.get, Self.images).status == .notFound)
            #expect(try await client.send(.get, "\(Self.images)/\(id)").status == .notFound)
            #expect(try await client.send(.get, Self.images, token: site.readToken).status == .ok)
            #expect(try await client.send(.patch, "\(Self.images)/\(id)", token: site.readToken, json: #"{"title":"y"}"#).status == .forbidden)
            #expect(try await client.send(.delete, "\(Self.images)/\(id)", token: site.readToken).status == .forbidden)
            #expect(try await client.send(.get, "\(Self.images)/nosuchpiece", token: token).status == .notFound)
            #expect(try await client.send(.get, "\(Self.images)/-bad%20id", token: token).status == .badRequest)

            // Publishing an autopublished piece answers it as it is.
            let published = try await client.send(.post, "\(Self.images)/\(id)/publish", token: token)
            #expect(published.status == .ok, "\(published.text)")
            #expect(try published.json["_id"] == .string("\(id):en:draft"))
            #expect(try await site.mainTip() == tip)

            // PUT empties what it leaves out and keeps the file.
            _ = try await client.send(.patch, "\(Self.images)/\(id)", token: token, json: #"{"credit":"Ada","alt":"x"}"#)
            let put = try await client.send(.put, "\(Self.images)/\(id)", token: token, json: #"{"title":"Only a title"}"#)
            #expect(put.status == .ok, "\(put.text)")
            #expect(try put.json["credit"] == .string("") && put.json["alt"] == .string(""))
            #expect(try put.json["attachment"]?["_id"] == .string(id))
        }
    }

    @Test func concurrentEditsOfOnePieceAreAllKept() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let file = try await client.uploadOne(try Pictures.jpeg(64, 48), name: "x.jpg", type: "image/jpeg", token: token)
            let id = try #require(file["documentId"]?.stringValue)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await client.send(.patch, "\(Self.images)/\(id)", token: token, json: #"{"credit":"Ada"}"#) }
                group.addTask { _ = try await client.send(.patch, "\(Self.images)/\(id)", token: token, json: #"{"alt":"Alt"}"#) }
                group.addTask { _ = try await client.send(.patch, "\(Self.images)/\(id)", token: token, json: #"{"title":"T"}"#) }
                group.addTask {
                    // Strapi's fileInfo update of the same file, at the same time.
                    var form = MultipartBody()
                    form.field("fileInfo", #"{"caption":"Caption"}"#)
                    let response = try await client.upload(form, token: token, query: "?id=\(id)")
                    #expect(response.status == .ok, "\(response.text)")
                }
                try await group.waitForAll()
            }
            let piece = try await client.send(.get, "\(Self.images)/\(id)", token: token).json
            #expect(piece["credit"] == .string("Ada") && piece["alt"] == .string("Alt") && piece["title"] == .string("T"))
            #expect(try await client.send(.get, "/api/upload/files/\(id)", token: token).json["caption"] == .string("Caption"))
        }
    }
}
