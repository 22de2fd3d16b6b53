import Foundation
import Hummingbird
import HTTPTypes
import QuireContent
import QuireIndex
import QuireSite

/// Apostrophe's `@apostrophecms/image` and `@apostrophecms/file` piece types over the one media
/// library (`AposImageFileShape` says how a file is a piece): list, GET by `_id`, POST, PUT,
/// PATCH, DELETE and `/:_id/publish` (both types autopublish: it answers the piece as it is).
/// Permissions are the `upload` type's, as for Strapi's Upload plugin: closed by default (404
/// to a caller who may not read), `create`/`update`/`delete` for writes, and draft mode for
/// callers who may see drafts or edit files.
struct AposImageFileRoutes: Sendable {
    let site: Site
    let authenticator: Authenticator
    let media: MediaService
    let bodyLimit: Int

    static let kinds: [MediaPieceFields.Kind] = [.image, .file]

    func add(to router: Router<BasicRequestContext>) {
        for kind in Self.kinds {
            let base = "/api/v1/" + kind.rawValue
            router.get(RouterPath(stringLiteral: base)) { request, _ in try await list(request, kind: kind) }
            router.post(RouterPath(stringLiteral: base)) { request, _ in try await create(request, kind: kind) }
            let one = RouterPath(stringLiteral: base + "/:id")
            router.get(one) { request, context in try await findOne(request, context: context, kind: kind) }
            router.put(one) { request, context in try await write(request, context: context, kind: kind, replacing: true) }
            router.patch(one) { request, context in try await write(request, context: context, kind: kind, replacing: false) }
            router.delete(one) { request, context in try await delete(request, context: context, kind: kind) }
            router.post(RouterPath(stringLiteral: base + "/:id/publish")) { request, context in
                try await publish(request, context: context, kind: kind)
            }
        }
        router.post("/api/v1/@apostrophecms/image/autocrop") { request, _ in try await autocrop(request) }
        addWorkflow(to: router)
        addTags(to: router)
        router.get("/api/v1/@apostrophecms/image/:id/src") { request, context in try await source(request, context: context) }
    }

    // MARK: Reads

    func list(_ request: Request, kind: MediaPieceFields.Kind) async throws -> Response {
        try await list(request, kind: kind, query: QueryString.parse(request.uri.query))
    }

    func list(_ request: Request, kind: MediaPieceFields.Kind, query node: QueryNode) async throws -> Response {
        let scope = AposScope(node, config: site.snapshot.config)
        let principal = try await authorize(request, .find, scope: scope)
        let query = try AposImageFileQuery(node)
        let catalog = try await media.catalog()
        let slugs = AposMediaSlugs.of(catalog)
        let readable = MediaUses.readable(by: principal, authenticator: authenticator, snapshot: site.snapshot)
        let records = query.matches(catalog, kind: kind, slugs: slugs).filter { readable($0.documentId) }
        if query.countOnly { return respond(.object(["count": .int(Int64(records.count))]), principal: principal) }
        let start = min((query.page - 1) * query.perPage, records.count)
        let shown = records[start..<min(start + query.perPage, records.count)]
        let config = site.snapshot.config.media
        return respond(.object([
            "pages": .int(Int64((records.count + query.perPage - 1) / query.perPage)),
            "currentPage": .int(Int64(query.page)),
            "results": .array(shown.map { record in
                .object(query.projection.apply(AposImageFileShape.render(
                    record, slug: slugs[record.documentId] ?? "", locale: scope.locale, mode: scope.mode, config: config, tags: catalog)))
            }),
        ]), principal: principal)
    }

    func findOne(_ request: Request, context: BasicRequestContext, kind: MediaPieceFields.Kind) async throws -> Response {
        let node = QueryString.parse(request.uri.query)
        try AposParameters.check(node, map: nil)
        let (identity, principal) = try await resolve(request, context: context, action: .findOne, query: node)
        let catalog = try await media.catalog()
        let record = try piece(identity.documentId, kind: kind, catalog: catalog)
        guard MediaUses.readable(by: principal, authenticator: authenticator, snapshot: site.snapshot)(record.documentId) else { throw AposError.notFound }
        // An archived piece is found only when the query asks for archived ones too.
        if record.piece.archived, !["any", "true", "1", "null"].contains(node["archived"]?.string ?? "") { throw AposError.notFound }
        let shown = AposImageFileShape.render(
            record, slug: AposMediaSlugs.of(catalog)[record.documentId] ?? "", locale: identity.locale, mode: identity.mode,
            config: site.snapshot.config.media, tags: catalog)
        return respond(.object(AposProjection(node["project"]).apply(shown)), principal: principal)
    }

    func publish(_ request: Request, context: BasicRequestContext, kind: MediaPieceFields.Kind) async throws -> Response {
        let node = QueryString.parse(request.uri.query)
        var (identity, principal) = try await resolve(request, context: context, action: .update, query: node)
        _ = try piece(identity.documentId, kind: kind, catalog: try await media.catalog())
        // Publishing answers the draft, as Apostrophe's route does.
        identity.mode = .draft
        return try await rendered(identity.documentId, identity: identity, principal: principal)
    }

    // MARK: Shared


    /// The piece of `kind` a documentId names, or 404.
    func piece(_ documentId: String, kind: MediaPieceFields.Kind, catalog: MediaCatalog) throws -> MediaRecord {
        guard let record = catalog.record(documentId: documentId), AposImageFileShape.kind(of: record) == kind else {
            throw AposError.notFound
        }
        return record
    }

    /// The piece as the library holds it now (after a write: as committed).
    func rendered(_ documentId: String, identity: AposIdentity, principal: Principal) async throws -> Response {
        let catalog = try await media.catalog()
        guard let record = catalog.record(documentId: documentId) else { throw AposError.notFound }
        let shown = AposImageFileShape.render(
            record, slug: AposMediaSlugs.of(catalog)[record.documentId] ?? "", locale: identity.locale, mode: identity.mode,
            config: site.snapshot.config.media, tags: catalog)
        return respond(.object(shown), principal: principal)
    }

    /// The `:id` segment (`x`, `x:en:draft`), its locale and mode completed by the query.
    func resolve(_ request: Request, context: BasicRequestContext, action: Action, query: QueryNode) async throws -> (AposIdentity, Principal) {
        let config = site.snapshot.config
        var scope = AposScope(query, config: config)
        let identity = scope.identity(of: context.parameters.get("id") ?? "", config: config)
        scope.mode = identity.mode
        let principal = try await authorize(request, action, scope: scope)
        guard DocumentID.isValid(identity.documentId) else { throw AposError.invalidDocumentId }
        return (identity, principal)
    }

    /// Closed by default, as Apostrophe's piece routes are: 404 to whoever may not read files;
    /// 403 `{"name":"forbidden"}` for draft mode without the right to see drafts or edit files.
    func authorize(_ request: Request, _ action: Action, scope: AposScope) async throws -> Principal {
        let config = site.snapshot.config
        let principal: Principal
        do {
            principal = try await RequestScope.caller { try await authenticator.principal(for: request, config: config) }
        } catch let failure as AuthFailure {
            let answer = failure.apostrophe
            throw AposError(status: answer.status, body: .object(answer.body))
        }
        let type = UploadRoutes.permissionType
        let canRead = authenticator.isAllowed(principal, action: .find, type: type, config: config)
            || authenticator.isAllowed(principal, action: .findOne, type: type, config: config)
        guard canRead else { throw AposError.notFound }
        if scope.mode == .draft, principal == .anonymous || !(authenticator.isAllowed(principal, action: .viewDraft, type: type, config: config)
            || authenticator.isAllowed(principal, action: .update, type: type, config: config)) {
            throw AposRoutes.draftForbidden
        }
        guard authenticator.isAllowed(principal, action: action, type: type, config: config) else {
            throw action.isRead ? AposError.notFound : AposError.forbidden
        }
        return principal
    }

    func respond(_ value: Value, principal: Principal) -> Response {
        var headers = HTTPFields()
        if principal != .anonymous { headers[.cacheControl] = "no-store" }
        return Response.json(JSON.encode(value), headers: headers)
    }

    func body(_ request: Request) async throws -> OrderedObject {
        try await RequestBody.object(of: request, limit: bodyLimit, emptyAs: [:])
    }
}
