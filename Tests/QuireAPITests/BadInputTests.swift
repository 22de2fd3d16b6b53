import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import QuireAPI
import QuireGit
import QuireIndex
import Testing

/// Every bad request gets a 4xx in Strapi's envelope and commits nothing.
@Suite struct BadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        var method: HTTPRequest.Method
        var uri: String
        var body: String?
        var status: HTTPResponse.Status
        var name: String
        var message: String?
        var description: String { "\(method) \(uri) \(body ?? "")" }
    }

    static let cases: [Case] = [
        Case(method: .post, uri: "/api/articles", body: #"{"data":{"title":"#, status: .badRequest, name: "ValidationError", message: nil),
        Case(method: .post, uri: "/api/articles", body: #"{"title":"x"}"#, status: .badRequest, name: "ValidationError", message: #"Missing "data" payload in the request body"#),
        Case(method: .post, uri: "/api/articles", body: #"{"data":[1]}"#, status: .badRequest, name: "ValidationError", message: #"Missing "data" payload in the request body"#),
        Case(method: .post, uri: "/api/articles", body: #"{"data":{"title":"x","foo":1}}"#, status: .badRequest, name: "ValidationError", message: "Invalid key foo"),
        Case(method: .post, uri: "/api/articles", body: #"{"data":{"title":"x","id":1}}"#, status: .badRequest, name: "ValidationError", message: "Invalid key id"),
        Case(method: .post, uri: "/api/articles", body: #"{"data":{"title":"x","documentId":"abc"}}"#, status: .badRequest, name: "ValidationError", message: "Invalid key documentId"),
        Case(method: .post, uri: "/api/articles", body: #"{"data":{"title":5}}"#, status: .badRequest, name: "ValidationError", message: nil),
        Case(method: .post, uri: "/api/articles", body: #"{"data":{"views":1}}"#, status: .badRequest, name: "ValidationError", message: "title must be defined."),
        Case(method: .post, uri: "/api/articles", body: #"{"data":{"title":"x","category":"gossip"}}"#, status: .badRequest, name: "ValidationError", message: nil),
        Case(method: .post, uri: "/api/articles", body: #"{"data":{"title":"x","views":-1}}"#, status: .badRequest, name: "ValidationError", message: nil),
        Case(method: .post, uri: "/api/articles", body: #"{"data":{"title":"x","slug":"first-post"}}"#, status: .badRequest, name: "ValidationError", message: "This attribute must be unique"),
        Case(method: .post, uri: "/api/articles", body: #"{"data":{"title":"x","author":"nobody"}}"#, status: .badRequest, name: "ValidationError", message: #"Document with id "nobody", locale "en" not found"#),
        Case(method: .post, uri: "/api/articles", body: "{\"data\":{\"title\":\"\(String(repeating: "x", count: 41))\"}}", status: .badRequest, name: "ValidationError", message: "title must be at most 40 characters"),
        Case(method: .post, uri: "/api/articles?locale=de", body: #"{"data":{"title":"x"}}"#, status: .badRequest, name: "ValidationError", message: nil),
        Case(method: .post, uri: "/api/articles?status=maybe", body: #"{"data":{"title":"x"}}"#, status: .badRequest, name: "ValidationError", message: nil),
        Case(method: .post, uri: "/api/nothings", body: #"{"data":{"title":"x"}}"#, status: .notFound, name: "NotFoundError", message: "Not Found"),
        Case(method: .put, uri: "/api/articles/..", body: #"{"data":{"title":"x"}}"#, status: .badRequest, name: "ValidationError", message: nil),
        Case(method: .put, uri: "/api/articles/..%2F..%2Fquire", body: #"{"data":{"title":"x"}}"#, status: .badRequest, name: "ValidationError", message: nil),
        Case(method: .put, uri: "/api/articles/.hidden", body: #"{"data":{"title":"x"}}"#, status: .badRequest, name: "ValidationError", message: nil),
        Case(method: .put, uri: "/api/articles/\(String(repeating: "a", count: 129))", body: #"{"data":{"title":"x"}}"#, status: .badRequest, name: "ValidationError", message: nil),
        Case(method: .get, uri: "/api/articles?pagination[page]=1&pagination[start]=0", body: nil, status: .badRequest, name: "PaginationError", message: nil),
        Case(method: .get, uri: "/api/articles?pagination[withCount]=maybe", body: nil, status: .badRequest, name: "ValidationError", message: nil),
        Case(method: .get, uri: "/api/nowhere/at/all", body: nil, status: .notFound, name: "NotFoundError", message: "Not Found"),
    ]

    @Test(arguments: cases)
    func answersInStrapisEnvelopeAndCommitsNothing(_ example: Case) async throws {
        let site = try await TestSite.make()
        let before = try await site.mainTip()
        let token = site.fullToken
        try await site.test { client async throws in
            let response = try await client.send(example.method, example.uri, token: token, json: example.body)
            #expect(response.status == example.status, "\(response.text)")
            let body = try response.json
            #expect(body["data"] == .null)
            #expect(body["error"]?["status"] == .int(Int64(example.status.code)))
            #expect(body["error"]?["name"] == .string(example.name))
            if let message = example.message {
                #expect(body["error"]?["message"] == .string(message))
            }
            #expect(try await site.mainTip() == before)
            #expect(try site.git("for-each-ref", "--format=%(refname)", "refs/heads/drafts/") == "")
        }
    }

    @Test func bodyOverTheLimitIs413() async throws {
        let site = try await TestSite.make(bodyLimit: 1024)
        let before = try await site.mainTip()
        let token = site.fullToken
        try await site.test { client async throws in
            let big = "{\"data\":{\"title\":\"x\",\"body\":\"\(String(repeating: "y", count: 4096))\"}}"
            let response = try await client.send(.post, "/api/articles", token: token, json: big)
            #expect(response.status == .contentTooLarge)
            #expect(try response.json["error"]?["name"] == .string("PayloadTooLargeError"))
            #expect(try await site.mainTip() == before)
        }
    }

    @Test func validationErrorsListEveryProblem() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let response = try await client.send(.post, "/api/articles", token: token, json: #"{"data":{"views":-5}}"#)
            #expect(response.status == .badRequest)
            let errors = try response.json["error"]?["details"]?["errors"]
            #expect((errors?.count ?? 0) >= 2)
            #expect(try response.json["error"]?["message"] == .string("\(errors?.count ?? 0) errors occurred"))
        }
    }
}
