import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QuireContent
import Testing

/// Write requests whose headers or parameters are wrong even when the JSON is fine: each is
/// refused in the dialect's envelope and commits nothing.
@Suite struct HostileBodyTests {
    /// A body announced bigger than the limit is refused before it is read, so a client cannot
    /// hold a connection open by promising gigabytes. (The test client rewrites `Content-Length`
    /// when it sends a body, so none is sent: the header alone must be enough to refuse.)
    @Test(arguments: ["/api/articles", "/api/v1/article", "/api/articles/first-post/restore"])
    func aDeclaredLengthOverTheLimitIs413(_ uri: String) async throws {
        let site = try await TestSite.make(bodyLimit: 1024)
        let before = try await site.mainTip()
        let token = site.fullToken
        try await site.test { client async throws in
            try await Self.expectHugeBodyRefused(client, uri, token: token)
            #expect(try await site.mainTip() == before)
        }
    }

    /// The sign-in routes read their own bodies: the same promise of gigabytes is refused at once.
    @Test(arguments: ["/api/auth/local", "/api/v1/@apostrophecms/login/login"])
    func aSignInBodyDeclaredOverTheLimitIs413(_ uri: String) async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            try await Self.expectHugeBodyRefused(client, uri, token: nil)
        }
    }

    /// POSTs nothing but a `Content-Length` of 100 GB: 413 in either dialect's envelope.
    static func expectHugeBodyRefused(_ client: any TestClientProtocol, _ uri: String, token: String?) async throws {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        headers[.contentType] = "application/json"
        headers[.contentLength] = "99999999999"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: nil)
        #expect(response.status == .contentTooLarge, "\(response.text)")
        let json = try response.json
        #expect(json["error"]?["name"] == .string("PayloadTooLargeError") || json["name"] == .string("payloadTooLarge"))
    }

    /// `hasPrefix("application/json")` let `application/jsonx` through and turned away the
    /// `+json` types koa-body accepts.
    @Test(arguments: [
        ("application/jsonx", HTTPResponse.Status.unsupportedMediaType),
        ("application/json-seq", .unsupportedMediaType),
        ("application/vnd.api+json", .created),
        ("Application/JSON; charset=utf-8", .created),
    ])
    func onlyJSONMediaTypesAreRead(_ contentType: String, _ status: HTTPResponse.Status) async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(token)"
            headers[.contentType] = contentType
            let response = try await client.execute(
                uri: "/api/articles?status=draft", method: .post, headers: headers, body: ByteBuffer(string: #"{"data":{"title":"Typed"}}"#))
            #expect(response.status == status, "\(response.text)")
        }
    }

    /// Strapi cannot delete only a draft (`?status=draft` on DELETE is refused there); Quire
    /// deleted the published document too, which is the opposite of what was asked.
    @Test(arguments: ["/api/articles/first-post?status=draft", "/api/homepage?status=draft"])
    func deletingOnlyTheDraftIsRefused(_ uri: String) async throws {
        let site = try await TestSite.make(files: ["content/en/homepage/homepage.yaml": "title: Welcome\n"])
        let before = try await site.mainTip()
        let token = site.fullToken
        try await site.test { client async throws in
            let response = try await client.send(.delete, uri, token: token)
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(try response.json["error"]?["name"] == .string("ValidationError"))
            #expect(try await site.mainTip() == before)
        }
    }
}

/// `status` and `locale` given as lists or maps (`status[]=draft`) were read as absent: a write
/// meant for a draft went live on main, and one meant for `fr` landed in the default locale.
@Suite struct ShapedParameterTests {
    @Test(arguments: [
        "/api/articles/first-post?status[]=draft", "/api/articles/first-post?status[0]=draft",
        "/api/articles/first-post?locale[]=fr", "/api/articles/first-post?locale[code]=fr",
    ])
    func aListOrMapWhereOneValueBelongsIsRefused(_ uri: String) async throws {
        let site = try await TestSite.make()
        let before = try await site.mainTip()
        let token = site.fullToken
        try await site.test { client async throws in
            let response = try await client.send(.put, uri, token: token, json: #"{"data":{"title":"Meant for a draft"}}"#)
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(try response.json["error"]?["name"] == .string("ValidationError"))
            #expect(try await site.mainTip() == before)
            #expect(try site.git("for-each-ref", "--format=%(refname)", "refs/heads/drafts/") == "")
        }
    }
}
