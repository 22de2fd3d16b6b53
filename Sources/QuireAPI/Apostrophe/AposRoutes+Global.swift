import Hummingbird
import QuireContent
import QuireIndex

/// `/api/v1/@apostrophecms/global[/:_id[/action]]`: the piece routes of the `global` single
/// type (see `AposGlobal`), with what a singleton changes: there is no second one to insert
/// and none to delete or unpublish (Apostrophe forbids unpublishing it), and before the first
/// write a read answers the unsaved global.
extension AposRoutes {
    func addGlobal(to router: Router<BasicRequestContext>) {
        let base = AposGlobal.path
        let one = base + "/:id"
        router.get(RouterPath(stringLiteral: base)) { try await globalList($0, context: $1) }
        router.post(RouterPath(stringLiteral: base)) { try await globalCreate($0, context: $1) }
        router.get(RouterPath(stringLiteral: one)) { try await globalFindOne($0, context: $1) }
        router.put(RouterPath(stringLiteral: one)) { try await globalWrite($0, $1, replace) }
        router.patch(RouterPath(stringLiteral: one)) { try await globalWrite($0, $1, patch) }
        router.delete(RouterPath(stringLiteral: one)) { try await globalRefuse($0, $1, "deleted") }
        router.post(RouterPath(stringLiteral: one + "/publish")) { try await globalWrite($0, $1, publish) }
        router.post(RouterPath(stringLiteral: one + "/unpublish")) { try await globalRefuse($0, $1, "unpublished") }
        router.post(RouterPath(stringLiteral: one + "/localize")) { try await globalWrite($0, $1, localize) }
        router.post(RouterPath(stringLiteral: one + "/revert-draft-to-published")) { try await globalWrite($0, $1, revertDraft) }
        router.post(RouterPath(stringLiteral: one + "/revert-published-to-previous")) { try await globalWrite($0, $1, revertPublished) }
        router.get(RouterPath(stringLiteral: one + "/locales")) { try await documentLocales($0, context: Self.onGlobal($1)) }
    }

    /// The request routed as the global type's (`type(_:)` knows the name).
    static func onGlobal(_ context: BasicRequestContext) -> BasicRequestContext {
        var routed = context
        routed.coreContext.parameters["type"] = Substring(AposGlobal.apostropheName)
        return routed
    }

    /// The list of one: the stored global, or the unsaved one. A filter over the unsaved global
    /// is refused rather than answered as if it had been applied to a document that is not there.
    private func globalList(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let routed = Self.onGlobal(context)
        let type = try type(routed)
        let node = QueryString.parse(request.uri.query)
        let snapshot = site.pinned
        let scope = AposScope(node, config: snapshot.config)
        let locale = scope.locale(for: type, config: snapshot.config)
        let view: View = type.draftAndPublish ? scope.mode : .published
        if snapshot.document(view: view, key: globalKey(locale: locale)) != nil { return try await list(request, context: routed) }
        let principal = try await authorize(request, .find, type: type, scope: scope, query: node)
        let list = try AposListQuery(node, map: AposTypeMap(type), config: snapshot.config, rendersAreas: true)
        guard list.query.filter == .all, AposArchived(node["archived"]) != .only, try AposChoices(node, map: AposTypeMap(type)) == nil else {
            throw AposError.invalid("The global document of \(locale) has not been saved yet: filter it once it has")
        }
        if list.countOnly { return respond(read: JSON.encode(.object(["count": .int(1)])), principal: principal, request: request) }
        let shape = AposDocumentShape(snapshot: snapshot, view: view, readableTypes: readableTypes(principal, snapshot: snapshot, view: view))
        var unsaved = list.projection.apply(AposGlobal.renderUnsaved(type, locale: locale, shape: shape))
        list.renderAreas?.apply(&unsaved)
        let results: [Value] = list.page == 1 ? [.object(unsaved)] : []
        let body: Value = .object(["pages": .int(1), "currentPage": .int(Int64(list.page)), "results": .array(results)])
        return respond(read: JSON.encode(body), principal: principal, request: request)
    }

    private func globalFindOne(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let routed = Self.onGlobal(context)
        let type = try type(routed)
        let node = QueryString.parse(request.uri.query)
        try AposParameters.check(node, map: nil, rendersAreas: true)
        let renderAreas = try AposRenderAreas(node)
        let (identity, principal) = try await resolve(request, context: routed, type: type, action: .findOne, query: node)
        guard identity.documentId == AposGlobal.singularName else { throw AposError.notFound }
        if site.pinned.document(view: identity.mode, key: key(identity, type: type)) != nil { return try await findOne(request, context: routed) }
        guard AposArchived(node["archived"]) != .only else { throw AposError.notFound }
        let snapshot = site.pinned
        let shape = AposDocumentShape(snapshot: snapshot, view: identity.mode, readableTypes: readableTypes(principal, snapshot: snapshot, view: identity.mode))
        var unsaved = AposProjection(node["project"]).apply(AposGlobal.renderUnsaved(type, locale: identity.locale, shape: shape))
        renderAreas?.apply(&unsaved)
        return respond(read: JSON.encode(.object(unsaved)), principal: principal, request: request)
    }

    /// A POST-as-GET and `_newInstance` are answered; inserting a second global is refused.
    private func globalCreate(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let routed = Self.onGlobal(context)
        let body = try await body(request)
        if body["__aposGetWithQuery"] != nil || body["_newInstance"] == .bool(true) {
            return try await create(request, context: routed, body: body)
        }
        let type = try type(routed)
        let node = QueryString.parse(request.uri.query)
        let scope = AposScope(node, config: site.pinned.config)
        _ = try await authorize(request, .update, type: type, scope: scope, query: node)
        throw AposError("forbidden", message: "The global document is a singleton: change it with PATCH or PUT on its _id")
    }

    /// Writes check the schema first: without `schemas/global.yaml` there is nowhere to put fields.
    private func globalWrite(
        _ request: Request, _ context: BasicRequestContext,
        _ handler: (Request, BasicRequestContext) async throws -> Response
    ) async throws -> Response {
        let routed = Self.onGlobal(context)
        let type = try type(routed)
        let node = QueryString.parse(request.uri.query)
        let (identity, _) = try await resolve(request, context: routed, type: type, action: .update, query: node)
        guard identity.documentId == AposGlobal.singularName else { throw AposError.notFound }
        guard AposGlobal.isDefined(in: site.pinned.schema) else { throw AposGlobal.undefined }
        return try await handler(request, routed)
    }

    /// Apostrophe gives singletons no delete permission and forbids unpublishing them.
    private func globalRefuse(_ request: Request, _ context: BasicRequestContext, _ what: String) async throws -> Response {
        let routed = Self.onGlobal(context)
        let type = try type(routed)
        let node = QueryString.parse(request.uri.query)
        let (identity, _) = try await resolve(request, context: routed, type: type, action: .update, query: node)
        guard identity.documentId == AposGlobal.singularName else { throw AposError.notFound }
        throw AposError("forbidden", message: "The global document is a singleton: it cannot be \(what)")
    }

    private func globalKey(locale: String) -> DocumentKey {
        DocumentKey(locale: locale, type: AposGlobal.singularName, documentId: AposGlobal.singularName)
    }
}
