import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QuireAPI
import QuireContent
import QuireGit
import QuireIndex
import Testing

/// A test site with users and roles, served with a cheap bcrypt cost (tests only: the
/// production default is 10) and its own throttle.
struct AuthSite {
    static let password = "correct horse"

    /// Roles as a Strapi and an Apostrophe project would declare them: `reader` may read
    /// articles but not authors; the Apostrophe roles keep their defaults.
    static let quireYAML = """
        locales: [en, fr]
        defaultLocale: en
        permissions:
          public:
            tag: [find, findOne]
          authenticated:
            article: [find, findOne]
          reader:
            article: [find, findOne]
            tag: [find, findOne]
        auth:
          register: true
        """

    let base: TestSite
    let authenticator: Authenticator

    static func make(files: [String: String] = [:]) async throws -> AuthSite {
        let base = try await TestSite.make(files: ["quire.yaml": quireYAML].merging(files) { $1 })
        return AuthSite(base: base, authenticator: Authenticator(store: TokenStore(gitDirectory: base.repository.gitDirectory), bcryptCost: 4))
    }

    var store: UserStore { get throws { try UserStore(gitDirectory: base.repository.gitDirectory) } }

    /// Adds a user the way `quire user add` does.
    @discardableResult
    func addUser(_ username: String, role: String, name: String? = nil, password: String = AuthSite.password) async throws -> UserRecord {
        let hash = await Passwords.hash(password, cost: 4)
        return try await store.update("Add a user") { state in
            try state.add(username: username, email: "\(username)@example.com", displayName: name, role: role, passwordHash: hash)
        }
    }

    func modifyUser(_ username: String, _ change: @escaping @Sendable (inout UserRecord) -> Void) async throws {
        try await store.update("Change a user") { state in
            let index = try #require(state.users.firstIndex { $0.username == username })
            change(&state.users[index])
        }
    }

    func token(name: String, access: TokenStore.Access, permissions: [String: [String]]? = nil, role: String? = nil, expiresAt: Date? = nil) async throws -> String {
        try await TokenStore(gitDirectory: base.repository.gitDirectory).create(
            name: name, access: access, permissions: permissions, role: role, expiresAt: expiresAt)
    }

    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        defer { base.remove() }
        let app = Application(router: buildRouter(site: base.site, authenticator: authenticator, options: base.options))
        try await app.test(.router, body)
    }
}

extension TestClientProtocol {
    /// Signs in through Strapi's route and returns the JWT.
    func strapiLogin(_ identifier: String, password: String = AuthSite.password) async throws -> String {
        let response = try await send(.post, "/api/auth/local", json: #"{"identifier":"\#(identifier)","password":"\#(password)"}"#)
        #expect(response.status == .ok, "\(response.text)")
        return try #require(try response.json["jwt"]?.stringValue)
    }

    /// Signs in through Apostrophe's route and returns the bearer token.
    func apostropheLogin(_ username: String, password: String = AuthSite.password) async throws -> String {
        let response = try await send(
            .post, "/api/v1/@apostrophecms/login/login", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        #expect(response.status == .ok, "\(response.text)")
        return try #require(try response.json["token"]?.stringValue)
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, apiKey: String, json: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.authorization] = "ApiKey \(apiKey)"
        return try await send(method, uri, json: json, headers: headers)
    }
}
