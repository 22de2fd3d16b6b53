import Foundation
import Hummingbird
import HTTPTypes
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// ApostropheCMS's REST dialect on the same site: every content type is a piece type at
/// `/api/v1/<singularName>`, plus the workflow and i18n routes. Types are looked up per request.
struct AposRoutes: Sendable {
    let site: Site
    let authenticator: Authenticator
    let bodyLimit: Int
    /// Shared by every route of this router (see `AposLocks`).
    let locks = AposLocks()

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/@apostrophecms/i18n/locales", use: locales)
        router.post("/api/v1/@apostrophecms/i18n/locale", use: switchLocale)
        router.post("/api/v1/@apostrophecms/i18n/exist-in-locale", use: existInLocale)
        addPages(to: router)
        addGlobal(to: router)
        addUsers(to: router)
        addLoginContext(to: router)
        addPageActions(to: router)
        addURLMetadata(to: router)
        addSchemaChoices(to: router)
        router.get("/api/v1/:type", use: list)
        router.post("/api/v1/:type", use: create)
        router.get("/api/v1/:type/:id", use: findOne)
        router.put("/api/v1/:type/:id", use: replace)
        router.patch("/api/v1/:type/:id", use: patch)
        router.delete("/api/v1/:type/:id", use: delete)
        router.post("/api/v1/:type/:id/publish", use: publish)
        router.post("/api/v1/:type/:id/unpublish", use: unpublish)
        router.post("/api/v1/:type/:id/localize", use: localize)
        router.get("/api/v1/:type/:id/locales", use: documentLocales)
        router.post("/api/v1/:type/:id/revert-draft-to-published", use: revertDraft)
        router.post("/api/v1/:type/:id/revert-published-to-previous", use: revertPublished)
    }

    // MARK: Access

    /// The one place this dialect asks who is calling: `Authorization: Bearer <token>`, or
    /// Apostrophe's API key forms (`Authorization: ApiKey <key>`, `?apikey=`, `?apiKey=`) checked
    /// against the same token store. Swap this helper when auth changes.
    /// Every way in (API keys by header or `?apiKey=`, bearer tokens, users' tokens, the session
    /// cookie with its CSRF rule), answered in Apostrophe's own bodies when refused.
    private func caller(_ request: Request, query: QueryNode) async throws -> Principal {
        do {
            return try await RequestScope.caller { try await authenticator.principal(for: request, config: site.pinned.config) }
        } catch let failure as AuthFailure {
            let answer = failure.apostrophe
            throw AposError(status: answer.status, body: .object(answer.body))
        }
    }

    /// Apostrophe is closed by default: a caller who may not read a type gets 404 for every
    /// route of it; one who may read but not write gets 403 on writes. Drafts need a token.
    func authorize(_ request: Request, _ action: Action, type: ContentType, scope: AposScope, query: QueryNode) async throws -> Principal {
        let principal = try await caller(request, query: query)
        let config = site.pinned.config
        let canRead = authenticator.isAllowed(principal, action: .find, type: type, config: config)
            || authenticator.isAllowed(principal, action: .findOne, type: type, config: config)
        guard canRead else { throw AposError.notFound }
        // Apostrophe refuses draft mode to the public on every type, and to a user without
        // `view-draft` where drafts exist.
        if scope.mode == .draft, principal == .anonymous || (type.draftAndPublish
            && !authenticator.isAllowed(principal, action: .viewDraft, type: type, config: config)) {
            throw Self.draftForbidden
        }
        guard authenticator.isAllowed(principal, action: action, type: type, config: config) else {
            throw action.isRead ? AposError.notFound : AposError.forbidden
        }
        // A write in published mode puts the document live: that is the `publish` permission.
        if !action.isRead, scope.mode == .published { try requirePublish(principal, type: type) }
        return principal
    }

    /// The types `principal` may `find`, in the draft view only those whose drafts it may see:
    /// the only documents a read shows it, related or embedded (as Strapi's populate).
    func readableTypes(_ principal: Principal, snapshot: SiteSnapshot, view: View) -> Set<String> {
        authenticator.readableTypes(principal, view: view, snapshot: snapshot)
    }

    /// Publishing, unpublishing and published-mode writes of a draft & publish type.
    func requirePublish(_ principal: Principal, type: ContentType) throws {
        guard type.draftAndPublish else { return }
        guard authenticator.isAllowed(principal, action: .publish, type: type, config: site.pinned.config) else {
            throw AposError.forbidden
        }
    }

    /// What `i18n/index.js` answers when the caller may not see drafts.
    static let draftForbidden = AposError(status: .forbidden, body: .object(["name": .string("forbidden")]))

    func isLoggedIn(_ request: Request, query: QueryNode) async throws -> Principal? {
        let principal = try await caller(request, query: query)
        return principal == .anonymous ? nil : principal
    }

    // MARK: Shared

    /// The content type a `:type` path segment names (singular name), or 404.
    func type(_ context: BasicRequestContext) throws -> ContentType {
        if context.parameters.get("type") == AposGlobal.apostropheName { return AposGlobal.type(in: site.pinned.schema) }
        guard let type = site.pinned.schema.contentType(singular: context.parameters.get("type") ?? "") else { throw AposError.notFound }
        return type
    }

    func write(_ request: WriteRequest) async throws -> WriteResult {
        try await site.writeHashingPasswords(request)
    }

    /// 200 with the value as JSON; `Cache-Control: no-store` for authenticated callers.
    func respond(_ value: Value, principal: Principal) -> Response {
        respond(bytes: JSON.encode(value), principal: principal)
    }

    /// A read's answer with a weak `ETag` of its bytes: a GET whose `If-None-Match` still
    /// matches gets 304 and no body, as the Strapi routes answer.
    func respond(read bytes: [UInt8], principal: Principal, request: Request) -> Response {
        let etag = ETag.weak(bytes)
        var response: Response
        if request.method == .get, let match = request.headers[.ifNoneMatch], ETag.matches(match, etag) {
            response = Response(status: .notModified)
            if principal != .anonymous { response.headers[.cacheControl] = "no-store" }
        } else {
            response = respond(bytes: bytes, principal: principal)
        }
        response.headers[.eTag] = etag
        return response
    }

    /// The same, for JSON already encoded.
    func respond(bytes: [UInt8], principal: Principal) -> Response {
        var headers = HTTPFields()
        if principal != .anonymous { headers[.cacheControl] = "no-store" }
        return Response.json(bytes, headers: headers)
    }

    /// A JSON object body, within the size limit; an empty body is no fields.
    func body(_ request: Request) async throws -> OrderedObject {
        try await RequestBody.object(of: request, limit: bodyLimit, emptyAs: [:])
    }
}
