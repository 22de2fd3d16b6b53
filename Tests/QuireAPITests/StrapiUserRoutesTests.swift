import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Strapi's `/api/users` routes over the users ref, through the real stack: statuses, shapes
/// and messages as Strapi 5's users-permissions answers them (`users-api.test.api.js`).
@Suite struct StrapiUserRoutesTests {
    static func names(_ response: TestResponse) throws -> [String] {
        guard case .array(let items) = try response.json else { return [] }
        return items.compactMap { $0["username"]?.stringValue }
    }

    @Test func adminsCreateReadUpdateAndDeleteUsersInStrapiShapes() async throws {
        let site = try await AuthSite.make()
        let admin = try await site.token(name: "admin", access: .fullAccess)
        try await site.test { client async throws in
            let created = try await client.send(.post, "/api/users", token: admin,
                json: #"{"username":"grace","email":"Grace@Example.com","password":"hopper123","role":3}"#)
            #expect(created.status == .created, "\(created.text)")
            let user = try created.json
            #expect(user["username"] == .string("grace") && user["email"] == .string("grace@example.com"))
            #expect(user["provider"] == .string("local") && user["confirmed"] == .bool(true) && user["blocked"] == .bool(false))
            #expect(user["role"]?["type"] == .string("guest") && user["role"]?["id"] == .int(3))
            #expect(user["password"] == nil && user["passwordHash"] == nil)
            let id = try #require(user["id"].flatMap { if case .int(let n) = $0 { n } else { nil } })
            // Stored as a bcrypt hash: the new user signs in with the password, which is never answered.
            #expect(try await client.strapiLogin("grace", password: "hopper123").isEmpty == false)
            let stored = try #require(try await site.store.load().state.users.first { $0.username == "grace" })
            #expect(stored.passwordHash.hasPrefix("$2") && !stored.passwordHash.contains("hopper123"))

            let list = try await client.send(.get, "/api/users", token: admin)
            #expect(list.status == .ok)
            #expect(try Self.names(list) == ["grace"])
            #expect(try list.json[0]?["role"] == nil)
            // The answer to the write shows the times later reads show (the users ref keeps seconds).
            #expect(try list.json[0]?["createdAt"] == user["createdAt"])
            let one = try await client.send(.get, "/api/users/\(id)?populate=role", token: admin)
            #expect(try one.json["role"]?["name"] == .string("Guest"))
            #expect(try await client.send(.get, "/api/users/\(id)", token: admin).json["role"] == nil)

            let changed = try await client.send(.put, "/api/users/\(id)", token: admin, json: #"{"blocked":true,"role":"editor"}"#)
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(try changed.json["blocked"] == .bool(true) && changed.json["role"]?["type"] == .string("editor"))
            let refused = try await client.send(.post, "/api/auth/local", json: #"{"identifier":"grace","password":"hopper123"}"#)
            #expect(try refused.json["error"]?["message"] == .string("Your account has been blocked by an administrator"))

            let removed = try await client.send(.delete, "/api/users/\(id)", token: admin)
            #expect(removed.status == .ok)
            #expect(try removed.json["username"] == .string("grace"))
            #expect(try Self.names(await client.send(.get, "/api/users", token: admin)) == [])
            // Strapi's controllers answer a null body for an unknown id: 204; PUT says 404.
            #expect(try await client.send(.get, "/api/users/\(id)", token: admin).status == .noContent)
            #expect(try await client.send(.delete, "/api/users/\(id)", token: admin).status == .noContent)
            let missing = try await client.send(.put, "/api/users/99999999", token: admin, json: #"{"blocked":false}"#)
            #expect(missing.status == .notFound)
            #expect(try missing.json["error"]?["message"] == .string("User not found"))
            #expect(try missing.json["error"]?["name"] == .string("NotFoundError"))
            // Each change is a commit on the users ref: add, change, remove.
            let log = try await site.base.repository.commits(from: try #require(try await site.store.tip()), limit: 3).map(\.message)
            #expect(log == ["Remove a user\n", "Change a user\n", "Add a user\n"])
        }
    }

    @Test func listsTakeFiltersSortFieldsAndPagination() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ada", role: "editor")
        try await site.addUser("bob", role: "reader")
        try await site.addUser("cy", role: "reader")
        try await site.modifyUser("cy") { $0.blocked = true }
        let admin = try await site.token(name: "admin", access: .fullAccess)
        try await site.test { client async throws in
            func names(_ query: String) async throws -> [String] {
                let response = try await client.send(.get, "/api/users" + query, token: admin)
                #expect(response.status == .ok, "\(query): \(response.text)")
                return try Self.names(response)
            }
            #expect(try await names("") == ["ada", "bob", "cy"])
            #expect(try await names("?filters[username]=bob") == ["bob"])
            #expect(try await names("?filters[blocked][$eq]=true") == ["cy"])
            #expect(try await names("?filters[email][$containsi]=B") == ["bob"])
            #expect(try await names("?filters[role][type][$eq]=reader&sort=username:desc") == ["cy", "bob"])
            let reader = try await roleID("reader", client, admin)
            #expect(try await names("?filters[role][id]=\(reader)") == ["bob", "cy"])
            #expect(try await names("?filters[role]=\(reader)") == ["bob", "cy"])
            #expect(try await names("?filters[role][$ne]=\(reader)") == ["ada"])
            #expect(try await names("?filters[$or][0][username]=ada&filters[$or][1][username]=cy") == ["ada", "cy"])
            #expect(try await names("?sort=role.type:asc,username:desc") == ["ada", "cy", "bob"])
            #expect(try await names("?start=1&limit=1") == ["bob"])
            #expect(try await names("?pagination[page]=2&pagination[pageSize]=2") == ["cy"])
            let slim = try await client.send(.get, "/api/users?fields=username", token: admin)
            #expect(try slim.json[0]?.count == 3) // id, documentId, username
            let count = try await client.send(.get, "/api/users/count?filters[role][type]=reader", token: admin)
            #expect(count.status == .ok && count.text == "2")
            #expect(try await client.send(.get, "/api/users/count", token: admin).text == "3")
            for bad in ["?filters[password]=x", "?sort=password", "?populate=articles", "?status=draft", "?filters[nope]=1", "?fields=role"] {
                let response = try await client.send(.get, "/api/users" + bad, token: admin)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(try response.json["error"]?["name"] == .string("ValidationError"), "\(bad)")
            }
            #expect(try await client.send(.get, "/api/users/abc", token: admin).status == .badRequest)
        }
    }

    func roleID(_ type: String, _ client: some TestClientProtocol, _ token: String) async throws -> Int64 {
        let roles = try await client.send(.get, "/api/users-permissions/roles", token: token).json["roles"]
        guard case .array(let items)? = roles, case .int(let id)? = items.first(where: { $0["type"] == .string(type) })?["id"] else { return -1 }
        return id
    }

    @Test func duplicatesAndBadBodiesAreStrapisErrors() async throws {
        let site = try await AuthSite.make()
        let ada = try await site.addUser("ada", role: "editor")
        let admin = try await site.token(name: "admin", access: .fullAccess)
        try await site.test { client async throws in
            func error(_ method: HTTPRequest.Method, _ path: String, _ body: String) async throws -> (Int, String?, String?) {
                let response = try await client.send(method, path, token: admin, json: body)
                let error = try response.json["error"]
                return (Int(response.status.code), error?["name"]?.stringValue, error?["message"]?.stringValue)
            }
            #expect(try await error(.post, "/api/users", #"{"username":"ada","email":"new@example.com","password":"secret12"}"#)
                == (400, "ApplicationError", "Username already taken"))
            #expect(try await error(.post, "/api/users", #"{"username":"new","email":"ADA@example.com","password":"secret12"}"#)
                == (400, "ApplicationError", "Email already taken"))
            #expect(try await error(.post, "/api/users", #"{"username":"new"}"#) == (400, "ValidationError", "2 errors occurred"))
            #expect(try await error(.post, "/api/users", #"{"username":"new","email":"nope","password":"secret12"}"#)
                == (400, "ValidationError", "email must be a valid email"))
            #expect(try await error(.post, "/api/users", #"{"username":"new","email":"n@example.com","password":"secret12","nickname":"x"}"#)
                == (400, "ValidationError", "Invalid key nickname"))
            #expect(try await error(.post, "/api/users", #"{"username":"new","email":"n@example.com","password":"secret12","role":99}"#).0 == 400)
            #expect(try await error(.put, "/api/users/\(ada.id)", #"{"password":""}"#) == (400, "ValidationError", "password.notNull"))
            #expect(try await error(.put, "/api/users/\(ada.id)", #"{"blocked":"yes"}"#).0 == 400)
            #expect(try await error(.put, "/api/users/\(ada.id)", "{oops").0 == 400)
            // Nothing of the refused writes landed.
            #expect(try await site.store.load().state.users.map(\.username) == ["ada"])
            // A new password ends the user's tokens.
            let jwt = try await client.strapiLogin("ada")
            #expect(try await client.send(.put, "/api/users/\(ada.id)", token: admin, json: #"{"password":"another one"}"#).status == .ok)
            #expect(try await client.send(.get, "/api/users/me", token: jwt).status == .unauthorized)
            #expect(try await client.strapiLogin("ada", password: "another one").isEmpty == false)
        }
    }

    @Test func permissionsFollowStrapisModelOnQuireRoles() async throws {
        let site = try await AuthSite.make(files: ["quire.yaml": AuthSite.quireYAML.replacingOccurrences(
            of: "  reader:\n", with: "  reader:\n    users-permissions.user: [find, findOne]\n    users-permissions.role: [find]\n")])
        try await site.addUser("ada", role: "admin")
        try await site.addUser("bob", role: "reader")
        try await site.addUser("cy", role: "editor")
        let readOnly = try await site.token(name: "ro", access: .readOnly)
        let scoped = try await site.token(name: "scoped", access: .custom, permissions: ["users-permissions.user": ["find"]])
        try await site.test { client async throws in
            let admin = try await client.strapiLogin("ada")
            let reader = try await client.strapiLogin("bob")
            let editor = try await client.strapiLogin("cy")
            #expect(try await client.send(.get, "/api/users").status == .forbidden)
            #expect(try await client.send(.get, "/api/users", token: "not-a-token").status == .unauthorized)
            #expect(try await client.send(.get, "/api/users", token: editor).status == .forbidden)
            #expect(try await client.send(.get, "/api/users", token: admin).status == .ok)
            #expect(try await client.send(.get, "/api/users", token: reader).status == .ok)
            #expect(try await client.send(.get, "/api/users/count", token: reader).status == .ok)
            #expect(try await client.send(.get, "/api/users-permissions/roles", token: reader).status == .ok)
            #expect(try await client.send(.get, "/api/users-permissions/roles/1", token: reader).status == .forbidden)
            #expect(try await client.send(.post, "/api/users", token: reader,
                json: #"{"username":"x","email":"x@example.com","password":"secret12"}"#).status == .forbidden)
            #expect(try await client.send(.get, "/api/users", token: readOnly).status == .ok)
            #expect(try await client.send(.delete, "/api/users/1", token: readOnly).status == .forbidden)
            #expect(try await client.send(.get, "/api/users", token: scoped).status == .ok)
            #expect(try await client.send(.get, "/api/users/1", token: scoped).status == .forbidden)
            // Every signed-in user reads themselves, whatever their role.
            #expect(try await client.send(.get, "/api/users/me", token: editor).json["username"] == .string("cy"))
            #expect(try await client.send(.get, "/api/users/me").status == .forbidden)
            #expect(try await site.store.load().state.users.count == 3)
        }
    }

    @Test func rolesAreQuireYAMLsInStrapisShape() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ada", role: "reader")
        try await site.addUser("bob", role: "reader")
        let admin = try await site.token(name: "admin", access: .fullAccess)
        try await site.test { client async throws in
            let list = try await client.send(.get, "/api/users-permissions/roles", token: admin)
            #expect(list.status == .ok)
            guard case .array(let roles)? = try list.json["roles"] else { Issue.record("no roles"); return }
            #expect(roles.compactMap { $0["type"]?.stringValue } == ["admin", "authenticated", "contributor", "editor", "guest", "public", "reader"])
            let reader = try #require(roles.first { $0["type"] == .string("reader") })
            #expect(reader["nb_users"] == .int(2) && reader["name"] == .string("Reader"))
            #expect(roles.first { $0["type"] == .string("authenticated") }?["id"] == .int(1))
            #expect(roles.first { $0["type"] == .string("public") }?["description"] == .string("Default role given to unauthenticated user."))
            guard case .int(let id)? = reader["id"] else { Issue.record("no id"); return }
            let one = try await client.send(.get, "/api/users-permissions/roles/\(id)", token: admin)
            #expect(one.status == .ok)
            let permissions = try one.json["role"]?["permissions"]
            #expect(permissions?["api::article"]?["controllers"]?["article"]?["find"]?["enabled"] == .bool(true))
            #expect(permissions?["api::article"]?["controllers"]?["article"]?["delete"]?["enabled"] == .bool(false))
            #expect(permissions?["plugin::users-permissions"]?["controllers"]?["user"]?["me"]?["enabled"] == .bool(true))
            #expect(try await client.send(.get, "/api/users-permissions/roles/999", token: admin).status == .notFound)
            let created = try await client.send(.post, "/api/users-permissions/roles", token: admin, json: #"{"name":"Test"}"#)
            #expect(created.status == .methodNotAllowed && created.headers[.allow] == "GET")
            #expect(try created.json["error"]?["message"]?.stringValue?.contains("quire.yaml") == true)
            #expect(try await client.send(.delete, "/api/users-permissions/roles/\(id)").status == .forbidden)
        }
    }
}
