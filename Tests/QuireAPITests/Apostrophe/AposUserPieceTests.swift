import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `@apostrophecms/user` over the users ref.
@Suite struct AposUserPieceTests {
    static let base = "/api/v1/@apostrophecms/user"

    @Test func adminsManageUsersOthersSeeNone() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("root", role: "admin", name: "Root")
        try await site.addUser("ed", role: "editor")
        try await site.test { client async throws in
            let root = try await client.apostropheLogin("root")
            let ed = try await client.apostropheLogin("ed")
            let list = try await client.apos(.get, Self.base, token: root)
            #expect(list.status == .ok, "\(list.text)")
            #expect(try list.json["results"]?.array.compactMap { $0["username"]?.stringValue } == ["ed", "root"])
            #expect(try list.json["results"]?.array.last?["type"] == "@apostrophecms/user")
            #expect(!list.text.contains("password") && !list.text.contains("$2"), "no password or hash: \(list.text)")
            // Apostrophe's viewRole: admin. Editors see an empty list, the public nothing.
            #expect(try await client.apos(.get, Self.base, token: ed).json["results"]?.array.isEmpty == true)
            try expectAposError(try await client.apos(.get, "\(Self.base)/root", token: ed), .notFound, name: "notfound")
            try expectAposError(try await client.apos(.get, Self.base), .notFound, name: "notfound")
            try expectAposError(try await client.apos(.post, Self.base, token: ed, json: #"{"username":"x","password":"p","email":"x@y.co"}"#), .notFound, name: "notfound")

            let created = try await client.apos(.post, Self.base, token: root, json: #"{"title":"Ann","username":"ann","email":"ann@example.com","password":"s3cret pass","role":"contributor"}"#)
            #expect(created.status == .ok, "\(created.text)")
            #expect(try created.json["title"] == "Ann")
            #expect(try created.json["role"] == "contributor")
            _ = try await client.apostropheLogin("ann", password: "s3cret pass")
            let id = try created.json["_id"]?.stringValue ?? ""

            let disabled = try await client.apos(.patch, "\(Self.base)/\(id)", token: root, json: #"{"disabled":true,"role":"editor"}"#)
            #expect(try disabled.json["disabled"] == true, "\(disabled.text)")
            let blocked = try await client.send(.post, "/api/v1/@apostrophecms/login/login", json: #"{"username":"ann","password":"s3cret pass"}"#)
            #expect(blocked.status != .ok, "a disabled user cannot sign in: \(blocked.text)")
            // PUT of what GET answers works; a field users do not have is refused.
            let read = try await client.apos(.get, "\(Self.base)/\(id)", token: root)
            #expect(try await client.apos(.put, "\(Self.base)/\(id)", token: root, json: read.text).status == .ok)
            try expectAposError(try await client.apos(.patch, "\(Self.base)/\(id)", token: root, json: #"{"nickname":"A"}"#), .badRequest, name: "invalid")
            try expectAposError(try await client.apos(.patch, "\(Self.base)/\(id)", token: root, json: #"{"role":"pope"}"#), .badRequest, name: "invalid")
            try expectAposError(try await client.apos(.patch, "\(Self.base)/\(id)", token: root, json: #"{"username":"ed"}"#), .conflict, name: "conflict")
            try expectAposError(try await client.apos(.get, "\(Self.base)?sort[title]=1", token: root), .badRequest, name: "invalid")

            #expect(try await client.apos(.get, "\(Self.base)?search=ann&count=1", token: root).json["count"] == 1)
            let removed = try await client.apos(.delete, "\(Self.base)/\(id)", token: root)
            #expect(removed.status == .ok, "\(removed.text)")
            try expectAposError(try await client.apos(.get, "\(Self.base)/ann", token: root), .notFound, name: "notfound")
            #expect(try await site.store.load().state.user(named: "ann") == nil)
        }
    }
}

/// `login/context`, which Apostrophe's login page reads before anyone signs in.
@Suite struct AposLoginContextTests {
    @Test func theLoginContextIsPublicAndHasNoRequirements() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            for method in [HTTPRequest.Method.get, .post] {
                let response = try await client.apos(method, "/api/v1/@apostrophecms/login/context")
                #expect(response.status == .ok, "\(response.text)")
                #expect(try response.json["requirementProps"] == .object([:]))
                #expect(try response.json["version"] == "4")
            }
        }
    }
}
