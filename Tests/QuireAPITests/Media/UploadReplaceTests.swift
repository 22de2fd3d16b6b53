import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `POST /api/upload?id=` with a file replaces the file's bytes: same id and documentId, new
/// hash, URL and formats, info kept unless given, the old original only in git's history.
@Suite struct UploadReplaceTests {
    @Test func aFileSentWithAnIdReplacesThatFilesBytes() async throws {
        let site = try await TestSite.make(files: MediaFieldTests.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let old = try await client.uploadOne(try Pictures.jpeg(1200, 800), name: "dawn.jpg", type: "image/jpeg", token: token,
                                                 info: #"{"alternativeText":"Dawn","caption":"Harbour"}"#)
            let id = try #require(old["id"]?.intValue)
            let documentId = try #require(old["documentId"]?.stringValue)
            let oldURL = try #require(old["url"]?.stringValue)
            let oldOriginals = try site.files(under: "media/originals")
            #expect(oldOriginals.count == 1)
            let recipe = try await client.send(.post, "/api/recipes", token: token, json: #"{"data":{"title":"Tart","cover":\#(id)}}"#)
            #expect(recipe.status == .created)
            let recipeId = try #require(try recipe.json["data"]?["documentId"]?.stringValue)
            let before = try site.commitCount()

            var form = MultipartBody()
            form.file(try Pictures.png(600, 900), name: "dusk.png", type: "image/png")
            form.field("fileInfo", #"{"caption":"Evening"}"#)
            let replaced = try await client.upload(form, token: token, query: "?id=\(id)")
            #expect(replaced.status == .ok, "\(replaced.text)")
            let file = try replaced.json
            #expect(file["id"] == .int(Int64(id)) && file["documentId"] == .string(documentId))
            #expect(file["name"] == .string("dusk.png") && file["ext"] == .string(".png") && file["mime"] == .string("image/png"))
            #expect(file["width"] == .int(600) && file["height"] == .int(900))
            #expect(file["alternativeText"] == .string("Dawn") && file["caption"] == .string("Evening"))
            #expect(file["hash"] != old["hash"])
            let newURL = try #require(file["url"]?.stringValue)
            #expect(newURL != oldURL)
            #expect(file["formats"]?["medium"]?["height"] == .int(750))
            #expect(file["formats"]?["large"] == nil)

            // One commit; the old original is gone from main's tree, still in its history.
            #expect(try site.commitCount() == before + 1)
            #expect(try site.git("log", "-1", "--format=%s", "main") == "Replace media dawn.jpg with dusk.png\n")
            let originals = try site.files(under: "media/originals")
            #expect(originals.count == 1 && originals != oldOriginals)
            #expect(try site.git("cat-file", "-t", "main~1:\(oldOriginals[0])") == "blob\n")

            // Served under the new names; the old ones are gone; documents populate the new file.
            let served = try await client.send(.get, newURL, token: token)
            #expect(served.status == .ok)
            #expect(served.headers[.contentType] == "image/png")
            let thumbnail = try #require(file["formats"]?["thumbnail"]?["url"]?.stringValue)
            #expect(try await client.send(.get, thumbnail, token: token).status == .ok)
            #expect(try await client.send(.get, oldURL, token: token).status == .notFound)
            let populated = try await client.send(.get, "/api/recipes/\(recipeId)?populate=cover", token: token).json
            #expect(populated["data"]?["cover"]?["url"] == .string(newURL))
            let piece = try await client.send(.get, "/api/v1/@apostrophecms/image/\(documentId)", token: token).json
            #expect(piece["attachment"]?["extension"] == .string("png"))

            // Refusals: two files, a corrupt image, an unknown id; nothing is committed.
            let count = try site.commitCount()
            var two = MultipartBody()
            two.file(try Pictures.png(60, 60), name: "a.png", type: "image/png")
            two.file(try Pictures.png(60, 60), name: "b.png", type: "image/png")
            let refusedTwo = try await client.upload(two, token: token, query: "?id=\(id)")
            #expect(refusedTwo.status == .badRequest)
            #expect(try refusedTwo.json["error"]?["message"] == .string("Cannot replace a file with multiple ones"))
            var corrupt = MultipartBody()
            corrupt.file(Array(try Pictures.jpeg(100, 100).prefix(300)), name: "broken.jpg", type: "image/jpeg")
            #expect(try await client.upload(corrupt, token: token, query: "?id=\(id)").status == .badRequest)
            var missing = MultipartBody()
            missing.file(try Pictures.png(60, 60), name: "a.png", type: "image/png")
            #expect(try await client.upload(missing, token: token, query: "?id=9999").status == .notFound)
            #expect(try await client.upload(missing, token: site.readToken, query: "?id=\(id)").status == .forbidden)
            #expect(try site.commitCount() == count)
        }
    }

    @Test func bytesAnotherFileSharesStayOnMain() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let bytes = try Pictures.jpeg(300, 200)
            let first = try await client.uploadOne(bytes, name: "one.jpg", type: "image/jpeg", token: token)
            _ = try await client.uploadOne(bytes, name: "two.jpg", type: "image/jpeg", token: token)
            #expect(try site.files(under: "media/originals").count == 1)
            var form = MultipartBody()
            form.file(try Pictures.png(80, 80), name: "three.png", type: "image/png")
            let replaced = try await client.upload(form, token: token, query: "?id=\(try #require(first["id"]?.intValue))")
            #expect(replaced.status == .ok, "\(replaced.text)")
            #expect(try site.files(under: "media/originals").count == 2)
        }
    }
}
