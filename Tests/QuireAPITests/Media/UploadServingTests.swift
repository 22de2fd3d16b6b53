import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `/uploads/...`: originals and derived sizes, with the headers a CDN and a browser need.
@Suite struct UploadServingTests {
    @Test func originalsAreServedImmutableWithRanges() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let picture = try Pictures.jpeg(640, 480)
        try await site.test { client async throws in
            let file = try await client.uploadOne(picture, name: "range.jpg", type: "image/jpeg", token: token)
            let url = try #require(file["url"]?.stringValue)
            let whole = try await client.send(.get, url, token: token)
            #expect(whole.status == .ok)
            #expect(Array(whole.body.readableBytesView) == picture)
            #expect(whole.headers[.contentType] == "image/jpeg")
            #expect(whole.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(whole.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(whole.headers[.contentEncoding] == nil)
            let etag = try #require(whole.headers[.eTag])
            #expect(try await client.send(.get, url, token: token, headers: [.ifNoneMatch: etag]).status == .notModified)
            let part = try await client.send(.get, url, token: token, headers: [.range: "bytes=10-19"])
            #expect(part.status == .partialContent)
            #expect(Array(part.body.readableBytesView) == Array(picture[10...19]))
            #expect(part.headers[.contentRange] == "bytes 10-19/\(picture.count)")
            let tail = try await client.send(.get, url, token: token, headers: [.range: "bytes=-5"])
            #expect(Array(tail.body.readableBytesView) == Array(picture.suffix(5)))
            let beyond = try await client.send(.get, url, token: token, headers: [.range: "bytes=\(picture.count)-"])
            #expect(beyond.status == .rangeNotSatisfiable)
            #expect(try await client.send(.get, "/uploads/nothing_0123456789.jpg", token: token).status == .notFound)
            // Private by default: no grant, no file.
            #expect(try await client.send(.get, url).status == .forbidden)
        }
    }

    @Test func derivedSizesAreMadeAgainWhenTheCacheIsGoneAndAutoOriented() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        // Stored 600×400 with EXIF orientation 6: displayed 400×600.
        let picture = try Pictures.jpeg(600, 400, orientation: 6)
        try await site.test { client async throws in
            let file = try await client.uploadOne(picture, name: "turned.jpg", type: "image/jpeg", token: token)
            #expect(file["width"] == .int(400))
            #expect(file["height"] == .int(600))
            let thumbnail = try #require(file["formats"]?["thumbnail"])
            #expect(thumbnail["width"] == .int(104))
            #expect(thumbnail["height"] == .int(156))
            try FileManager.default.removeItem(atPath: site.repository.gitDirectory + "/quire/media-cache")
            let served = try await client.send(.get, thumbnail["url"]!.stringValue!, token: token)
            #expect(served.status == .ok)
            let bytes = Array(served.body.readableBytesView)
            let header = try Vips.header(bytes)
            #expect(header.width == 104 && header.height == 156)
            #expect(thumbnail["sizeInBytes"] == .int(Int64(bytes.count)))
            // No EXIF left (no GPS, no orientation): the JPEG has no APP1 segment.
            #expect(!String(decoding: bytes.prefix(200), as: UTF8.self).contains("Exif"))
            #expect(FileManager.default.fileExists(atPath: site.repository.gitDirectory + "/quire/media-cache"))
        }
    }

    @Test func modernFormatsAreServedWhenAcceptAllowsThem() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let file = try await client.uploadOne(try Pictures.jpeg(1200, 800), name: "modern.jpg", type: "image/jpeg", token: token)
            let small = try #require(file["formats"]?["small"]?["url"]?.stringValue)
            let webp = try await client.send(.get, small, token: token, headers: [.accept: "image/webp,*/*"])
            #expect(webp.headers[.contentType] == "image/webp")
            #expect(webp.headers[.vary] == "Accept")
            #expect(try Vips.header(Array(webp.body.readableBytesView)).width == 500)
            let avif = try await client.send(.get, small, token: token, headers: [.accept: "image/avif,image/webp,*/*"])
            #expect(avif.headers[.contentType] == "image/avif")
            let plain = try await client.send(.get, small, token: token, headers: [.accept: "*/*"])
            #expect(plain.headers[.contentType] == "image/jpeg")
            #expect(plain.headers[.eTag] != webp.headers[.eTag])
        }
    }

    @Test func svgIsServedAsAnAttachmentOnly() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let svg = Array(#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>"#.utf8)
        try await site.test { client async throws in
            let file = try await client.uploadOne(svg, name: "logo.svg", type: "image/svg+xml", token: token)
            #expect(file["mime"] == .string("image/svg+xml"))
            let served = try await client.send(.get, file["url"]!.stringValue!, token: token)
            #expect(served.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(served.headers[.contentSecurityPolicy]?.contains("sandbox") == true)
        }
    }
}
