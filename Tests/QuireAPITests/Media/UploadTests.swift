import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import QuireGit
import QuireIndex
import Testing

/// Strapi's Upload plugin through the real stack: multipart in, one commit per upload, file
/// objects out exactly as Strapi 5 shapes them.
@Suite struct UploadTests {
    @Test func anUploadAnswers201WithStrapisFileObjectAndOneCommit() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let picture = try Pictures.jpeg(1600, 1067)
        let before = try site.commitCount()
        try await site.test { client async throws in
            let file = try await client.uploadOne(picture, name: "hero.jpg", type: "image/jpeg", token: token,
                                                  info: #"{"alternativeText":"A gradient","caption":"Made by libvips","focalPoint":{"x":25,"y":75}}"#)
            #expect(file["id"] == .int(1))
            #expect(file["documentId"]?.stringValue?.count == 24)
            #expect(file["name"] == .string("hero.jpg"))
            #expect(file["alternativeText"] == .string("A gradient"))
            #expect(file["caption"] == .string("Made by libvips"))
            #expect([Value.int(25), .double(25)].contains(file["focalPoint"]?["x"] ?? .null))
            if case .object(let formatList)? = file["formats"] { #expect(formatList.keys == ["thumbnail", "large", "medium", "small"]) }
            #expect(file["width"] == .int(1600))
            #expect(file["height"] == .int(1067))
            #expect(file["ext"] == .string(".jpg"))
            #expect(file["mime"] == .string("image/jpeg"))
            #expect(file["provider"] == .string("local"))
            #expect(file["provider_metadata"] == .null)
            #expect(file["previewUrl"] == .null)
            let hash = try #require(file["hash"]?.stringValue)
            #expect(hash.hasPrefix("hero_") && hash.count == "hero_".count + 10)
            #expect(file["url"] == .string("/uploads/\(hash).jpg"))
            // Decimal kilobytes, two decimals, as Strapi's bytesToKbytes.
            #expect(file["size"] == .double((Double(picture.count) / 1000 * 100).rounded() / 100))
            // Formats: never upscaled, longest side = breakpoint, thumbnail inside 245×156.
            let formats = try #require(file["formats"])
            #expect(formats["thumbnail"]?["width"] == .int(234))
            #expect(formats["thumbnail"]?["height"] == .int(156))
            #expect(formats["large"]?["width"] == .int(1000))
            #expect(formats["large"]?["height"] == .int(667))
            #expect(formats["medium"]?["width"] == .int(750))
            #expect(formats["small"]?["width"] == .int(500))
            #expect(formats["thumbnail"]?["name"] == .string("thumbnail_hero.jpg"))
            #expect(formats["thumbnail"]?["hash"] == .string("thumbnail_\(hash)"))
            #expect(formats["thumbnail"]?["url"] == .string("/uploads/thumbnail_\(hash).jpg"))
            #expect(formats["thumbnail"]?["path"] == .null)
            if case .int(let bytes)? = formats["small"]?["sizeInBytes"] { #expect(bytes > 0) } else { Issue.record("no sizeInBytes") }
            #expect(file["createdAt"]?.stringValue?.hasSuffix("Z") == true)
            // One commit, by the caller, holding the original (content-hashed, sharded) and the metadata.
            #expect(try site.commitCount() == before + 1)
            #expect(try site.git("log", "-1", "--format=%an|%s", "main") == "editor|Upload hero.jpg\n")
            let files = try site.files(under: "media")
            #expect(files.count == 2)
            let original = try #require(files.first { $0.hasPrefix("media/originals/") })
            let sha = String(original.split(separator: "/").last!.dropLast(4))
            #expect(original == "media/originals/\(sha.prefix(2))/\(sha.dropFirst(2).prefix(2))/\(sha).jpg")
            let metadata = try #require(files.first { $0.hasPrefix("media/files/") })
            let yaml = try site.git("show", "main:\(metadata)")
            #expect(yaml.contains("alternativeText: \"A gradient\""))
            #expect(yaml.contains("sha256: \(sha)"))
            #expect(try site.git("cat-file", "-s", "main:\(original)").trimmingCharacters(in: .whitespacesAndNewlines) == String(picture.count))
        }
    }

    @Test func smallPicturesGetNoFormatsAndIdenticalBytesAreStoredOnce() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let picture = try Pictures.png(200, 100)
        try await site.test { client async throws in
            let first = try await client.uploadOne(picture, name: "dot.png", type: "image/png", token: token)
            #expect(first["formats"] == .null)
            #expect(first["width"] == .int(200))
            let second = try await client.uploadOne(picture, name: "dot-again.png", type: "image/png", token: token)
            #expect(second["id"] == .int(2))
            #expect(second["hash"] != first["hash"])
            #expect(try site.files(under: "media/originals").count == 1)
            #expect(try site.files(under: "media/files").count == 2)
        }
    }

    @Test func severalFilesGoInOneCommitWithTheirOwnInfo() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let before = try site.commitCount()
        try await site.test { client async throws in
            var body = MultipartBody()
            body.file(try Pictures.jpeg(300, 200), name: "a.jpg", type: "image/jpeg")
            body.file(Array("plain notes\n".utf8), name: "notes.txt", type: "text/plain")
            body.field("fileInfo", #"[{"alternativeText":"first"},{"name":"renamed.txt","caption":"second"}]"#)
            let response = try await client.upload(body, token: token)
            #expect(response.status == .created, "\(response.text)")
            let files = try response.json
            #expect(files.count == 2)
            #expect(files[0]?["alternativeText"] == .string("first"))
            #expect(files[1]?["name"] == .string("renamed.txt"))
            #expect(files[1]?["mime"] == .string("text/plain"))
            #expect(files[1]?["width"] == .null)
            #expect(files[1]?["formats"] == .null)
            #expect(files[1]?["hash"]?.stringValue?.hasPrefix("renamed_") == true)
            #expect(try site.commitCount() == before + 1)
            #expect(try site.git("log", "-1", "--format=%s", "main") == "Upload 2 files\n")
        }
    }

    @Test func fileInfoIsUpdatedFindListedAndDeleted() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let a = try await client.uploadOne(try Pictures.jpeg(400, 300), name: "alpha.jpg", type: "image/jpeg", token: token)
            _ = try await client.uploadOne(try Pictures.png(50, 50), name: "beta.png", type: "image/png", token: token)
            _ = try await client.uploadOne(Array("x,y\n1,2\n".utf8), name: "gamma.csv", type: "text/csv", token: token)

            var info = MultipartBody()
            info.field("fileInfo", #"{"alternativeText":"Alpha, described","focalPoint":{"x":30,"y":70}}"#)
            let updated = try await client.upload(info, token: token, query: "?id=1")
            #expect(updated.status == .ok, "\(updated.text)")
            #expect(try updated.json["alternativeText"] == .string("Alpha, described"))
            #expect([Value.int(30), .double(30)].contains(try updated.json["focalPoint"]?["x"] ?? .null))
            #expect(try updated.json["hash"] == a["hash"])

            let one = try await client.send(.get, "/api/upload/files/1", token: token)
            #expect(try one.json["alternativeText"] == .string("Alpha, described"))
            let byDocumentId = try await client.send(.get, "/api/upload/files/\(a["documentId"]!.stringValue!)", token: token)
            #expect(byDocumentId.status == .ok)

            let all = try await client.send(.get, "/api/upload/files", token: token)
            #expect(try all.json.count == 3)
            let images = try await client.send(.get, "/api/upload/files?filters[mime][$contains]=image&sort=name:desc", token: token)
            #expect(try images.json.count == 2)
            #expect(try images.json[0]?["name"] == .string("beta.png"))
            let paged = try await client.send(.get, "/api/upload/files?sort=id:asc&pagination[page]=2&pagination[pageSize]=2", token: token)
            #expect(try paged.json.count == 1)
            #expect(try paged.json[0]?["name"] == .string("gamma.csv"))
            let bad = try await client.send(.get, "/api/upload/files?filters[nope][$eq]=1", token: token)
            #expect(bad.status == .badRequest)
            #expect(try bad.json["error"]?["name"] == .string("ValidationError"))
            #expect(try await client.send(.get, "/api/upload/files?unknown=1", token: token).status == .badRequest)

            let deleted = try await client.send(.delete, "/api/upload/files/1", token: token)
            #expect(deleted.status == .ok)
            #expect(try deleted.json["name"] == .string("alpha.jpg"))
            let gone = try await client.send(.get, "/api/upload/files/1", token: token)
            #expect(gone.status == .notFound)
            #expect(try gone.json["error"]?["name"] == .string("NotFoundError"))
            #expect(try site.files(under: "media/files").count == 2)
            #expect(try site.files(under: "media/originals").count == 2)
            #expect(try site.git("log", "-1", "--format=%s", "main") == "Delete media alpha.jpg\n")
        }
    }

    @Test func metadataEditedAndCommittedByHandIsServed() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let file = try await client.uploadOne(try Pictures.jpeg(300, 200), name: "hand.jpg", type: "image/jpeg", token: token)
            let documentId = try #require(file["documentId"]?.stringValue)
            let path = "media/files/\(documentId.prefix(2))/\(documentId).yaml"
            // The server's commit is not checked out in this non-bare test repository: bring the work tree along.
            try site.git("checkout", "-q", "-f", "main")
            let yaml = try String(contentsOfFile: site.path + "/" + path, encoding: .utf8)
            try yaml.replacingOccurrences(of: "alternativeText: null", with: "alternativeText: \"Written in an editor\"")
                .write(toFile: site.path + "/" + path, atomically: false, encoding: .utf8)
            try site.git("-c", "user.name=Human", "-c", "user.email=human@example.com", "commit", "-qam", "Describe the picture")
            try await site.site.sync()
            let read = try await client.send(.get, "/api/upload/files/\(documentId)", token: token)
            #expect(try read.json["alternativeText"] == .string("Written in an editor"))

            try site.git("rm", "-q", path)
            try site.git("-c", "user.name=Human", "-c", "user.email=human@example.com", "commit", "-qm", "Remove it")
            #expect(try await client.send(.get, "/api/upload/files/\(documentId)", token: token).status == .notFound)
        }
    }
}
