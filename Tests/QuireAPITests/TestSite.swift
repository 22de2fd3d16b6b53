import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QuireAPI
import QuireContent
import QuireGit
import QuireIndex
import QuireSite
import Testing

/// A real site repository in a temporary folder, served through the real router.
struct TestSite {
    let path: String
    let repository: Repository
    let site: Site
    let fullToken: String
    let readToken: String
    let options: ServerOptions

    static let schemas: [String: String] = [
        "quire.yaml": """
            locales: [en, fr]
            defaultLocale: en
            permissions:
              public:
                tag: [find, findOne]
            """,
        "schemas/article.yaml": """
            kind: collectionType
            info: { singularName: article, pluralName: articles, displayName: Article }
            options: { draftAndPublish: true }
            pluginOptions: { i18n: { localized: true } }
            attributes:
              title: { type: string, required: true, maxLength: 40 }
              slug: { type: uid, targetField: title }
              body: { type: richtext }
              views: { type: integer, min: 0 }
              category: { type: enumeration, enum: [news, review, guide] }
              secret: { type: password }
              author: { type: relation, relation: manyToOne, target: api::author.author }
              tags: { type: relation, relation: manyToMany, target: tag }
            """,
        "schemas/author.yaml": """
            kind: collectionType
            info: { singularName: author, pluralName: authors, displayName: Author }
            attributes:
              name: { type: string, required: true }
            """,
        "schemas/tag.yaml": """
            kind: collectionType
            info: { singularName: tag, pluralName: tags, displayName: Tag }
            pluginOptions: { i18n: { localized: true } }
            attributes:
              name: { type: string, required: true }
            """,
        "schemas/homepage.yaml": """
            kind: singleType
            info: { singularName: homepage, pluralName: homepages, displayName: Homepage }
            options: { draftAndPublish: true }
            pluginOptions: { i18n: { localized: true } }
            attributes:
              title: { type: string, required: true }
            """,
        "content/en/author/ada.yaml": "name: Ada Lovelace\n",
        "content/en/tag/travel.yaml": "name: Travel\n",
        "content/en/tag/no.yaml": "name: NO\n",
        "content/en/article/first-post.yaml": """
            title: First post
            slug: first-post
            views: 3
            author: ada
            """,
    ]

    /// The standard test schemas and documents, plus (or replaced by) `extra`.
    static func make(files extra: [String: String] = [:], bodyLimit: Int = 1 << 16) async throws -> TestSite {
        try await make(exactly: schemas.merging(extra) { $1 }, bodyLimit: bodyLimit)
    }

    /// A site holding exactly `files`, with a full-access and a read-only token.
    static func make(exactly files: [String: String], bodyLimit: Int = 1 << 16) async throws -> TestSite {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quire-test-\(UUID().uuidString)").path
        try await SiteCreator.create(
            at: path, files: files.map { ($0.key, Array($0.value.utf8)) },
            author: Signature(name: "Test", email: "test@example.com"), message: "Test site\n")
        let repository = try Repository.open(at: path)
        let site = try await Site.open(repository: repository, renderer: StrapiRenderer())
        let tokens = TokenStore(gitDirectory: repository.gitDirectory)
        return TestSite(
            path: path, repository: repository, site: site,
            fullToken: try await tokens.create(name: "editor", access: .fullAccess),
            readToken: try await tokens.create(name: "reader", access: .readOnly),
            options: ServerOptions(bodyLimit: bodyLimit))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Runs `body` against the real router, then removes the repository.
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        defer { remove() }
        let authenticator = Authenticator(store: TokenStore(gitDirectory: repository.gitDirectory))
        let app = Application(router: buildRouter(site: site, authenticator: authenticator, options: options))
        try await app.test(.router, body)
    }

    func mainTip() async throws -> ObjectID? {
        try await repository.resolveReference(SiteLayout.mainReference)
    }

    /// Runs the git command line in the site (the way a human or a reviewer would look at it).
    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try TestSite.run(["git", "-C", path] + arguments)
    }

    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("\(arguments.joined(separator: " ")) failed: \(output)")
        }
        return output
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension TestClientProtocol {
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The body parsed as JSON, for assertions.
    var json: Value {
        get throws { try JSON.parse(Array(body.readableBytesView)) }
    }

    var text: String { String(buffer: body) }
}

extension Value {
    subscript(key: String) -> Value? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    subscript(index: Int) -> Value? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var count: Int {
        switch self {
        case .array(let items): items.count
        case .object(let object): object.count
        default: 0
        }
    }
}
