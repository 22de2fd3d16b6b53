import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// The CONTRACT's documentId rule holds on every route and method that names a document: a
/// 400 in the dialect's format, and nothing written.
@Suite struct InvalidDocumentIdTests {
    /// As they appear in a URL path segment.
    static let ids = ["..", "%2e%2e", "a%2Fb", "a%00b", "%00", ".hidden", "_x", "-x", String(repeating: "a", count: 129), "caf%C3%A9", "%E2%80%8Bx"]

    static let strapiRoutes: [(HTTPRequest.Method, String, String?)] = [
        (.get, "/api/articles/ID", nil),
        (.put, "/api/articles/ID", #"{"data":{"title":"x"}}"#),
        (.delete, "/api/articles/ID", nil),
        (.get, "/api/articles/ID/history", nil),
        (.post, "/api/articles/ID/publish", nil),
        (.post, "/api/articles/ID/unpublish", nil),
        (.post, "/api/articles/ID/discard", nil),
    ]

    static let aposRoutes: [(HTTPRequest.Method, String, String?)] = [
        (.get, "/api/v1/article/ID", nil),
        (.put, "/api/v1/article/ID", #"{"title":"x"}"#),
        (.patch, "/api/v1/article/ID", #"{"title":"x"}"#),
        (.delete, "/api/v1/article/ID", nil),
        (.post, "/api/v1/article/ID/publish", nil),
        (.post, "/api/v1/article/ID/unpublish", nil),
        (.post, "/api/v1/article/ID/localize", #"{"toLocale":"fr"}"#),
        (.get, "/api/v1/article/ID/locales", nil),
        (.post, "/api/v1/article/ID/revert-draft-to-published", nil),
    ]

    @Test(arguments: ids)
    func strapiRoutesRefuseIt(id: String) async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let before = try await site.mainTip()
        try await site.test { client async throws in
            for (method, template, body) in Self.strapiRoutes {
                let uri = template.replacingOccurrences(of: "ID", with: id)
                let response = try await client.send(method, uri, token: token, json: body)
                #expect(response.status == .badRequest, "\(method) \(uri): \(response.status) \(response.text)")
                #expect(try response.json["error"]?["name"] == .string("ValidationError"), "\(method) \(uri): \(response.text)")
            }
            #expect(try await site.mainTip() == before, "nothing was written")
        }
    }

    @Test(arguments: ids)
    func apostropheRoutesRefuseIt(id: String) async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        let token = site.fullToken
        let before = try await site.mainTip()
        try await site.test { client async throws in
            for (method, template, body) in Self.aposRoutes + [(.get, "/api/v1/@apostrophecms/page/ID", nil), (.patch, "/api/v1/@apostrophecms/page/ID", #"{"title":"x"}"#), (.delete, "/api/v1/@apostrophecms/page/ID", nil)] {
                for suffix in ["", ":en:draft"] {
                    let uri = template.replacingOccurrences(of: "ID", with: id + suffix)
                    let response = try await client.apos(method, uri, token: token, json: body)
                    #expect(response.status == .badRequest, "\(method) \(uri): \(response.status) \(response.text)")
                    #expect(try response.json["name"] == .string("invalid"), "\(method) \(uri): \(response.text)")
                }
            }
            #expect(try await site.mainTip() == before, "nothing was written")
        }
    }
}
