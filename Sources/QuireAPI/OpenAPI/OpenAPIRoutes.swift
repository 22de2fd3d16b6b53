import Hummingbird
import HTTPTypes
import QuireContent
import QuireIndex
import QuireSite
import Synchronization

/// `GET /api/openapi.json`. Public, like Strapi's documentation plugin: it reveals the schema,
/// never content, and clients need it before they have a token.
struct OpenAPIRoutes: Sendable {
    static let path = "/api/openapi.json"

    let site: Site
    private let cache = OpenAPICache()

    init(site: Site) {
        self.site = site
    }

    func add(to router: Router<BasicRequestContext>) {
        // A constant segment: the router prefers it to `/api/:name`, so no type can shadow it.
        router.get(RouterPath(Self.path), use: document)
    }

    func document(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let entry = cache.entry(for: site.pinned.definition)
        var headers = HTTPFields()
        headers[.eTag] = entry.etag
        if let match = request.headers[.ifNoneMatch], ETag.matches(match, entry.etag) {
            return Response(status: .notModified, headers: headers)
        }
        return Response.json(entry.bytes, headers: headers)
    }
}

/// The encoded document of the last definition seen. Schemas change rarely (a commit to
/// `schemas/` or `quire.yaml`), while the document takes milliseconds to build: comparing
/// the definition is far cheaper than generating.
final class OpenAPICache: Sendable {
    struct Key: Equatable, Sendable {
        var contentTypes: [String: ContentType]
        var components: [String: Component]
        var config: SiteConfig
    }

    struct Entry: Sendable {
        var key: Key
        var bytes: [UInt8]
        var etag: String
    }

    private let current = Mutex<Entry?>(nil)

    func entry(for definition: SiteDefinition) -> Entry {
        let key = Key(contentTypes: definition.schema.contentTypes, components: definition.schema.components, config: definition.config)
        if let entry = current.withLock({ $0 }), entry.key == key { return entry }
        // Built outside the lock; two racing requests may both build, and either result is right.
        let bytes = JSON.encode(OpenAPIDocument.generate(schema: definition.schema, config: definition.config))
        let entry = Entry(key: key, bytes: bytes, etag: ETag.weak(bytes))
        current.withLock { $0 = entry }
        return entry
    }
}
