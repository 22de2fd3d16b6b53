import Foundation
import HTTPTypes
import HummingbirdTesting
import Hummingbird
@testable import QuireAPI
import QuireContent
import Testing

/// What the contract runs (`make contract`, Tests/contract) found, each pinned through the real
/// stack: two requests that crashed the server, and answers that were not what Strapi or
/// Apostrophe give.
@Suite struct ContractFindingsTests {
    @Test func emptyIdsInAnApostropheListMatchNothingRatherThanCrash() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            for query in ["_ids=", "_ids[]=", "_ids=:en:published", "_ids[]=first-post&_ids[]=", "_author=", "_authorAnd=:en"] {
                let response = try await client.apos(.get, "/api/v1/article?\(query)", token: token)
                #expect(response.status == .ok, "\(query): \(response.text)")
                #expect(try response.json["results"] != nil, "\(query): \(response.text)")
            }
            let none = try await client.apos(.get, "/api/v1/article?_ids=", token: token)
            #expect(try none.json["results"]?.count == 0, "an empty id names no document")
            let one = try await client.apos(.get, "/api/v1/article?_ids[]=first-post&_ids[]=", token: token)
            #expect(try one.json["results"]?.count == 1, "\(one.text)")
            let unfiltered = try await client.apos(.get, "/api/v1/article?_author=", token: token)
            let all = try await client.apos(.get, "/api/v1/article", token: token)
            #expect(try unfiltered.json["results"]?.count == all.json["results"]?.count, "an empty relation filter filters nothing")
        }
    }

    /// `--B\r\n` then a header name with a byte >= 0x80: multipart-kit 4.7.1 indexed a 128-entry
    /// table with it and the process died.
    @Test func aNonASCIIByteInAPartHeaderNameIsRefused() async throws {
        let site = try await TestSite.make()
        let boundary = "contract"
        let hostile = Array("--\(boundary)\r\n".utf8) + [0xF2, 0x89, 0xB4, 0x92] + Array("w: x\r\n\r\nbody\r\n--\(boundary)--\r\n".utf8)
        let contentType = "multipart/form-data; boundary=\(boundary)"
        let tip = try await site.mainTip()
        try await site.test { client async throws in
            let strapi = try await client.sendMultipart(hostile, contentType: contentType, token: site.fullToken)
            #expect(strapi.status == .badRequest, "\(strapi.text)")
            #expect(try strapi.json["error"]?["name"] == .string("ValidationError"), "\(strapi.text)")
            let apostrophe = try await client.sendMultipart(hostile, contentType: contentType, uri: "/api/v1/@apostrophecms/attachment/upload", token: site.fullToken)
            #expect(apostrophe.status == .badRequest, "\(apostrophe.text)")
            #expect(try apostrophe.json["name"] == .string("invalid"), "\(apostrophe.text)")
            // A non-ASCII file name is a header value, which stays welcome.
            var body = MultipartBody()
            body.file(try Pictures.png(8, 8), name: "café.png", type: "image/png")
            let upload = try await client.upload(body, token: site.fullToken)
            #expect(upload.status == .created, "\(upload.text)")
        }
        #expect(try await site.mainTip() != tip, "only the good upload was committed")
    }

    /// The guard follows the parser however the body is cut into chunks. (It takes every
    /// delimiter as the start of a header block, a superset of the parser's, so a non-ASCII byte
    /// right after the closing delimiter, in the epilogue, is refused too: harmless, and never
    /// less strict than the parser.)
    @Test func theHeaderGuardFollowsABodyCutAnywhere() {
        let boundary = "b0undary"
        let good = Array("preamble\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"f\"; filename=\"é.png\"\r\n\r\n\u{E9}\r\n--b0\r\n--\(boundary)\r\nX-A: \u{E9}\r\n\r\nz\r\n--\(boundary)--\r\n".utf8)
        let bad = Array("--\(boundary)\r\nX-A: 1\r\n\u{E9}: 2\r\n\r\n".utf8)
        let badSecondPart = Array("--\(boundary)\r\nA: 1\r\n\r\nbody\r\n--\(boundary)\r\n\u{E9}: 2\r\n\r\n".utf8)
        for size in [1, 2, 3, 7, 1000] {
            #expect(feed(good, boundary: boundary, chunk: size), "chunks of \(size)")
            #expect(!feed(bad, boundary: boundary, chunk: size), "chunks of \(size)")
            #expect(!feed(badSecondPart, boundary: boundary, chunk: size), "chunks of \(size)")
        }
    }

    private func feed(_ bytes: [UInt8], boundary: String, chunk: Int) -> Bool {
        var guardian = MultipartHeaderGuard(boundary: boundary)
        return stride(from: 0, to: bytes.count, by: chunk).allSatisfy { start in
            guardian.admits(bytes[start..<min(start + chunk, bytes.count)])
        }
    }

    /// koa-router and Express decode route parameters: `encodeURIComponent(_id)` must work.
    @Test func percentEncodedPathParametersAreDecoded() async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        let token = site.fullToken
        try await site.test { client async throws in
            let piece = try await client.apos(.get, "/api/v1/article/first-post%3Aen%3Apublished", token: token)
            #expect(piece.status == .ok, "\(piece.text)")
            #expect(try piece.json["_id"] == .string("first-post:en:published"))
            let page = try await client.apos(.get, "/api/v1/@apostrophecms/page/about%3Aen%3Apublished", token: token)
            #expect(try page.json["slug"] == .string("/about"), "\(page.text)")
            let strapi = try await client.send(.get, "/api/articles/%66irst-post", token: token)
            #expect(try strapi.json["data"]?["documentId"] == .string("first-post"), "\(strapi.text)")
            for hostile in ["a%2Fb", "a%zz", "%2E%2E"] {
                let refused = try await client.send(.get, "/api/articles/\(hostile)", token: token)
                #expect(refused.status == .badRequest, "\(hostile): \(refused.text)")
            }
        }
    }

    /// Apostrophe stores path, level and rank on every page; a page answered by publish,
    /// unpublish or revert must carry them as the tree routes do.
    @Test func pageActionsAnswerThePageWithItsPlaceInTheTree() async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        let token = site.fullToken
        let base = "/api/v1/@apostrophecms/page"
        try await site.test { client async throws in
            _ = try await client.apos(.patch, "\(base)/about:en:draft?aposMode=draft", token: token, json: #"{"title":"About us"}"#)
            let reverted = try await client.apos(.post, "\(base)/about:en:draft/revert-draft-to-published", token: token)
            _ = try await client.apos(.patch, "\(base)/about:en:draft?aposMode=draft", token: token, json: #"{"title":"About us"}"#)
            let published = try await client.apos(.post, "\(base)/about:en:draft/publish", token: token)
            let unpublished = try await client.apos(.post, "\(base)/about:en:published/unpublish", token: token)
            for (name, answer) in [("revert", reverted), ("publish", published), ("unpublish", unpublished)] {
                #expect(answer.status == .ok, "\(name): \(answer.text)")
                let page = try answer.json
                #expect(page["path"] == .string("home/about"), "\(name): \(answer.text)")
                #expect(page["level"] == .int(1), "\(name): \(answer.text)")
                #expect(page["rank"]?.intValue != nil, "\(name): \(answer.text)")
                #expect(page["slug"] == .string("/about"), "\(name): \(answer.text)")
            }
        }
    }

    /// A plain Express route in Apostrophe: 302, or its errors in text.
    @Test func theLocaleSwitchAnswersAMissingPageInText() async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        try await site.test { client async throws in
            let missing = try await client.apos(.get, "/api/v1/@apostrophecms/page/nope/locale/fr", token: site.fullToken)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(missing.text == "not found")
        }
    }
}
