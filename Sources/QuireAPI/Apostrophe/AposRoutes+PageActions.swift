import Hummingbird
import QuireContent
import QuireIndex

/// The per-page routes at the paths Apostrophe documents them (`/api/v1/@apostrophecms/page/
/// :_id/publish`, …) and page `PUT`: each runs its page type's piece route, the type found from
/// the page's file, so both paths behave the same.
extension AposRoutes {
    func addPageActions(to router: Router<BasicRequestContext>) {
        let page = Self.pagePath + "/:id"
        router.put(RouterPath(stringLiteral: page)) { try await onPageType($0, $1, replacePage) }
        router.post(RouterPath(stringLiteral: page + "/publish")) { try await onPageType($0, $1, publish) }
        router.post(RouterPath(stringLiteral: page + "/unpublish")) { try await onPageType($0, $1, unpublish) }
        router.post(RouterPath(stringLiteral: page + "/localize")) { try await onPageType($0, $1, localize) }
        router.get(RouterPath(stringLiteral: page + "/locales")) { try await onPageType($0, $1, documentLocales) }
        router.post(RouterPath(stringLiteral: page + "/revert-draft-to-published")) { try await onPageType($0, $1, revertDraft) }
        router.post(RouterPath(stringLiteral: page + "/revert-published-to-previous")) { try await onPageType($0, $1, revertPublished) }
    }

    /// A whole-page replace; moving is PATCH's (`_targetId`, `_position`), which Quire does not
    /// fold into PUT: such a body is refused rather than half applied.
    private func replacePage(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await body(request)
        for key in ["_targetId", "_position"] where body[key] != nil {
            throw AposParameters.badValue(key, "move a page with PATCH")
        }
        return try await replace(request, context: context, body: body)
    }

    /// A page answered by a document route (insert, replace, publish, unpublish, revert) carries
    /// its place in the tree (path, level, rank, full slug), as every page does in Apostrophe;
    /// the file alone has only its parent and an optional rank.
    func placeInTree(_ object: inout OrderedObject, version: DocumentVersion, snapshot: SiteSnapshot, view: View, principal: Principal) {
        let tree = AposPageTree(snapshot: snapshot, view: view, locale: version.key.locale, readable: readableTypes(principal, snapshot: snapshot, view: view))
        guard tree.contains(version.key.documentId) else { return }
        tree.place(version.key.documentId, in: &object)
    }

    /// Runs `handler` as the route of the page type that holds `:id` (in any locale, draft or
    /// published); 404 when no page type holds it, 400 for an id outside the documentId rule.
    private func onPageType(
        _ request: Request, _ context: BasicRequestContext,
        _ handler: (Request, BasicRequestContext) async throws -> Response
    ) async throws -> Response {
        let raw = context.parameters.get("id") ?? ""
        let documentId = String(raw.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        guard DocumentID.isValid(documentId) else { throw AposError.invalidDocumentId }
        let snapshot = site.pinned
        let pageTypes = snapshot.schema.contentTypes.values.filter(\.isPageType).sorted { $0.singularName < $1.singularName }
        let holder = pageTypes.first { type in
            snapshot.config.locales.contains { locale in
                snapshot.document(view: .draft, key: DocumentKey(locale: locale, type: type.singularName, documentId: documentId)) != nil
            }
        }
        // The home page of the request's locale may be unsaved, even where another locale has it.
        guard let type = try await parkedHomeType(raw, request: request) ?? holder else { throw AposError.notFound }
        var routed = context
        routed.coreContext.parameters["type"] = Substring(type.singularName)
        return try await handler(request, routed)
    }
}
