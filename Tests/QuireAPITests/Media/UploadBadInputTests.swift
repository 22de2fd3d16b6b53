import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import QuireGit
import Testing

/// Hostile and broken uploads: each a clear 4xx in Strapi's error format, and nothing committed.
@Suite struct UploadBadInputTests {
    /// Uploads `bytes` as `name` and checks the refusal: status, Strapi's envelope, main unmoved.
    private func expectRefused(
        _ site: TestSite, _ client: some TestClientProtocol, bytes: [UInt8], name: String, type: String = "image/jpeg",
        status: HTTPResponse.Status = .badRequest, token: String? = nil, mentioning words: String? = nil
    ) async throws {
        let tip = try await site.mainTip()
        var body = MultipartBody()
        body.file(bytes, name: name, type: type)
        let response = try await client.upload(body, token: token ?? site.fullToken)
        #expect(response.status == status, "\(name): \(response.text)")
        #expect(try response.json["data"] == .null)
        #expect(try response.json["error"]?["status"] == .int(Int64(status.code)))
        if let words {
            #expect(try response.json["error"]?["message"]?.stringValue?.contains(words) == true, "\(response.text)")
        }
        #expect(try await site.mainTip() == tip)
    }

    @Test func brokenImagesAreRefused() async throws {
        let site = try await TestSite.make()
        let picture = try Pictures.jpeg(800, 600)
        try await site.test { client async throws in
            try await expectRefused(site, client, bytes: Array(picture.prefix(picture.count / 2)), name: "truncated.jpg", mentioning: "not a valid image")
            var corrupt = picture
            for index in 3..<min(400, corrupt.count) { corrupt[index] = 0x5A }
            try await expectRefused(site, client, bytes: corrupt, name: "corrupt.jpg", mentioning: "not a valid image")
            try await expectRefused(site, client, bytes: [], name: "empty.jpg", mentioning: "empty")
            #expect(try site.files(under: "media").isEmpty)
        }
    }

    @Test func bytesThatContradictTheirNameAreRefused() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            let html = Array("<!doctype html><html><script>alert(document.cookie)</script></html>".utf8)
            try await expectRefused(site, client, bytes: html, name: "photo.jpg", mentioning: "does not match")
            try await expectRefused(site, client, bytes: try Pictures.png(20, 20), name: "photo.jpg", mentioning: "does not match")
            // A JPEG that is also a page: markup a browser would run if it sniffed the file.
            var polyglot = try Pictures.jpeg(40, 40)
            polyglot.insert(contentsOf: Array("<html><script>alert(1)</script>".utf8), at: 20)
            try await expectRefused(site, client, bytes: polyglot, name: "poly.jpg", mentioning: "markup")
            try await expectRefused(site, client, bytes: html, name: "page.html", type: "text/html", mentioning: "HTML")
        }
    }

    @Test func aDecompressionBombIsRefusedFromItsHeader() async throws {
        let site = try await TestSite.make()
        let bomb = Pictures.pngHeader(width: 50_000, height: 50_000)
        #expect(bomb.count < 100)
        try await site.test { client async throws in
            try await expectRefused(site, client, bytes: bomb, name: "bomb.png", type: "image/png", mentioning: "50000×50000")
        }
    }

    @Test func anUploadOverTheLimitIsRefusedWhileStreaming() async throws {
        let site = try await TestSite.make(files: ["quire.yaml": """
            locales: [en, fr]
            defaultLocale: en
            media:
              maxFileSize: 100000
            """])
        try await site.test { client async throws in
            let tip = try await site.mainTip()
            var body = MultipartBody()
            body.file(Array(repeating: 0x41, count: 2_000_000), name: "big.txt", type: "text/plain")
            // No Content-Length: the body must be refused as it streams, not from a header.
            let response = try await client.upload(body, token: site.fullToken)
            #expect(response.status == .contentTooLarge)
            #expect(try response.json["error"]?["name"] == .string("PayloadTooLargeError"))
            #expect(try await site.mainTip() == tip)
        }
    }

    @Test func hostileFileNamesAreRefused() async throws {
        let site = try await TestSite.make()
        let picture = try Pictures.jpeg(30, 30)
        try await site.test { client async throws in
            try await expectRefused(site, client, bytes: picture, name: "../../etc/passwd.jpg", mentioning: "path")
            try await expectRefused(site, client, bytes: picture, name: "..\\evil.jpg", mentioning: "path")
            try await expectRefused(site, client, bytes: picture, name: "nul\u{0}byte.jpg")
            try await expectRefused(site, client, bytes: picture, name: String(repeating: "a", count: 300) + ".jpg", mentioning: "longer")
            // fileInfo.name is a name too.
            var body = MultipartBody()
            body.file(picture, name: "fine.jpg", type: "image/jpeg")
            body.field("fileInfo", #"{"name":"../up.jpg"}"#)
            #expect(try await client.upload(body, token: site.fullToken).status == .badRequest)
            #expect(try site.files(under: "media").isEmpty)
        }
    }

    @Test func malformedFormsAreRefused() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let json = try await client.send(.post, "/api/upload", token: token, json: #"{"files":[]}"#)
            #expect(json.status == .unsupportedMediaType)
            let noFiles = try await client.upload(MultipartBody(), token: token)
            #expect(noFiles.status == .badRequest)
            var cut = MultipartBody()
            cut.file(try Pictures.jpeg(30, 30), name: "cut.jpg", type: "image/jpeg")
            let truncated = Array(cut.bytes.dropLast(60))
            #expect(try await client.sendMultipart(truncated, contentType: cut.contentType, token: token).status == .badRequest)
            let noBoundary = try await client.sendMultipart(cut.bytes, contentType: "multipart/form-data", token: token)
            #expect(noBoundary.status == .unsupportedMediaType)
            var badInfo = MultipartBody()
            badInfo.file(try Pictures.jpeg(30, 30), name: "x.jpg", type: "image/jpeg")
            badInfo.field("fileInfo", #"{"alternativeText": 5}"#)
            #expect(try await client.upload(badInfo, token: token).status == .badRequest)
            var unknownInfo = MultipartBody()
            unknownInfo.file(try Pictures.jpeg(30, 30), name: "x.jpg", type: "image/jpeg")
            unknownInfo.field("fileInfo", #"{"colour":"red"}"#)
            #expect(try await client.upload(unknownInfo, token: token).status == .badRequest)
            #expect(try await client.send(.post, "/api/upload?folder=3", token: token).status == .badRequest)
            #expect(try site.files(under: "media").isEmpty)
        }
    }

    @Test func uploadsNeedPermission() async throws {
        let site = try await TestSite.make()
        let picture = try Pictures.jpeg(30, 30)
        try await site.test { client async throws in
            var body = MultipartBody()
            body.file(picture, name: "a.jpg", type: "image/jpeg")
            #expect(try await client.upload(body, token: nil).status == .forbidden)
            #expect(try await client.upload(body, token: site.readToken).status == .forbidden)
            #expect(try await client.upload(body, token: "not-a-token").status == .unauthorized)
            #expect(try await client.send(.get, "/api/upload/files").status == .forbidden)
            #expect(try await client.send(.get, "/api/upload/files", token: site.readToken).status == .ok)
            #expect(try await client.send(.delete, "/api/upload/files/1", token: site.readToken).status == .forbidden)
            #expect(try site.files(under: "media").isEmpty)
        }
    }
}
