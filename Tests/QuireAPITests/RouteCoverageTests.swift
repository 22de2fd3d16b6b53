import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// The router and `/api/openapi.json` say the same thing: every route the router holds is
/// documented, and every documented operation is served (answers something other than 404
/// when called on a document that exists, with a full-access token).
@Suite struct RouteCoverageTests {
    static let files = aposPageFiles.merging([
        "content/en/homepage/homepage.yaml": "title: Welcome\n",
    ]) { $1 }

    /// `/api/articles/{documentId}` as segments; `{…}` marks a parameter.
    static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// Whether a router path (`/api/{name}/{documentId}`, as the router prints its captures)
    /// takes a documented path: a capture takes any segment, a constant only itself.
    static func matches(route: String, path: String) -> Bool {
        let (routeParts, pathParts) = (segments(route), segments(path))
        guard routeParts.count == pathParts.count else { return false }
        return zip(routeParts, pathParts).allSatisfy { part, concrete in
            part.hasPrefix("{") || part.hasPrefix(":") || part == concrete
        }
    }

    /// Documented, and served only by a server started with `--remote` (its description says so).
    static let remoteOnly = "/api/git/webhook/push"
    /// Documented, and served only when quire.yaml has `email:` (`PasswordResetTests` calls them).
    static let emailOnly: Set = [
        "/api/auth/forgot-password", "/api/auth/reset-password", "/api/auth/send-email-confirmation", "/api/auth/email-confirmation",
        // …and Apostrophe's `passwordReset` in `apostrophe.login` (`AposPasswordResetTests`).
        "/api/v1/@apostrophecms/login/reset-request", "/api/v1/@apostrophecms/login/reset",
    ]
    /// An event stream answers 200 and then never ends: `DeskAPITests` and the browser tests
    /// follow it; here it would hold the probe forever.
    static let stream = "/api/git/events"

    static func operations(_ document: Value) throws -> [(method: String, path: String)] {
        guard case .object(let paths)? = document["paths"] else { throw TestFailure("no paths") }
        return paths.pairs.flatMap { path, item -> [(method: String, path: String)] in
            guard case .object(let methods) = item else { return [] }
            return methods.keys.filter { ["get", "head", "post", "put", "patch", "delete"].contains($0) }.map { ($0, path) }
        }
    }

    @Test func everyRouteOfTheRouterIsDocumented() async throws {
        let site = try await TestSite.make(files: Self.files)
        defer { site.remove() }
        let authenticator = Authenticator(store: TokenStore(gitDirectory: site.repository.gitDirectory))
        let router = buildRouter(site: site.site, authenticator: authenticator, options: site.options)
        let app = Application(router: router)
        let document = try await app.test(.router) { client in
            try await client.send(.get, "/api/openapi.json").json
        }
        let documented = try Self.operations(document)
        var missing: [String] = []
        for route in router.routes {
            let method = route.method.rawValue.lowercased()
            let path = "\(route.path)"
            if !documented.contains(where: { $0.method == method && Self.matches(route: path, path: $0.path) }) {
                missing.append("\(route.method) \(path)")
            }
        }
        #expect(missing == [], "routes missing from /api/openapi.json: \(missing)")
    }

    @Test func everyDocumentedOperationIsServed() async throws {
        let probe = try await TestSite.make(files: Self.files)
        let probeApp = Application(router: buildRouter(
            site: probe.site, authenticator: Authenticator(store: TokenStore(gitDirectory: probe.repository.gitDirectory)), options: probe.options))
        let documented = try Self.operations(try await probeApp.test(.router) { client in
            try await client.send(.get, "/api/openapi.json").json
        })
        #expect(documented.count > 50)
        var unserved: [String] = []
        // Each operation on a fresh site: a DELETE or an unpublish must not take the next one's document away.
        // Uploaded files: a 404 is the right answer for a file the fresh site does not have
        // (`UploadTests`, `UploadServingTests` and `AposImageFilePieceTests` serve real ones).
        let fileRoutes = ["/uploads/", "/api/upload/files/{id}", "/api/v1/@apostrophecms/image/{_id}", "/api/v1/@apostrophecms/file/{_id}",
                          "/api/v1/@apostrophecms/image-tag/{_id}", "/api/v1/@apostrophecms/file-tag/{_id}"]
        for (method, path) in documented
        where path != Self.remoteOnly && path != Self.stream && !Self.emailOnly.contains(path) && !fileRoutes.contains(where: path.hasPrefix) {
            let signedIn = try await AuthSite.make(files: Self.files)
            try await signedIn.addUser("root", role: "admin")
            let site = signedIn.base
            let fullToken = site.fullToken
            let commit = try await site.mainTip()?.hex ?? ""
            let uri = Self.concrete(path, site: site, commit: commit)
            defer { site.remove() }
            let app = Application(router: buildRouter(
                site: site.site, authenticator: Authenticator(store: TokenStore(gitDirectory: site.repository.gitDirectory)), options: site.options))
            let answer: String? = try await app.test(.router) { client in
                // `whoami` is about a signed-in person: an API token is nobody there.
                let token = path.contains("/login/") ? try await client.apostropheLogin("root") : fullToken
                // Operations on drafts need one: every document gets a draft change first.
                _ = try await client.send(.put, "/api/articles/first-post?status=draft", token: token, json: #"{"data":{"views":4}}"#)
                _ = try await client.send(.put, "/api/homepage?status=draft", token: token, json: #"{"data":{"title":"Draft"}}"#)
                _ = try await client.apos(.patch, "/api/v1/page/about:en:draft", token: token, json: #"{"title":"About us"}"#)
                let body: String? = switch method {
                case "get", "head", "delete": nil
                case _ where path.hasPrefix("/api/v1/"): path.hasSuffix("/localize") ? #"{"toLocale":"fr"}"# : "{}"
                default: #"{"data":{}}"#
                }
                let response = try await client.send(HTTPRequest.Method(method.uppercased())!, uri, token: token, json: body)
                return response.status == .notFound ? "\(method.uppercased()) \(uri): \(response.text)" : nil
            }
            if let answer { unserved.append(answer) }
        }
        probe.remove()
        #expect(unserved == [], "documented but answered 404: \(unserved)")
    }

    /// `path` with every parameter replaced by something that exists in the site.
    static func concrete(_ path: String, site: TestSite, commit: String) -> String {
        let parts = segments(path)
        var result: [String] = []
        for (index, part) in parts.enumerated() {
            switch part {
            case "{documentId}":
                result.append(Self.documentId(forCollection: String(parts[index - 1])))
            case "{_id}":
                result.append(Self.documentId(forSingular: String(parts[index - 1])) + ":en:draft")
            case "{commit}":
                result.append(commit)
            case "{id}":
                // Users and roles by number: the site's first user (`root`) and role.
                result.append("1")
            case "{toLocale}":
                result.append("fr")
            case "{file}":
                result.append("desk.js")
            default:
                result.append(String(part))
            }
        }
        return "/" + result.joined(separator: "/")
    }

    static func documentId(forCollection plural: String) -> String {
        ["articles": "first-post", "authors": "ada", "tags": "travel", "pages": "about"][plural] ?? "missing-\(plural)"
    }

    static func documentId(forSingular singular: String) -> String {
        ["article": "first-post", "author": "ada", "tag": "travel", "page": "about", "homepage": "homepage", "global": "global", "user": "root"][singular] ?? "missing-\(singular)"
    }
}
