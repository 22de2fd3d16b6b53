import Hummingbird
import QuireContent
import QuireIndex

/// `GET /api/v1/@apostrophecms/url` (`url/index.js`): every page URL of a locale, which an
/// external front's static build (apostrophe-astro's `getAllStaticPaths`) renders one by one.
/// Only for external fronts, as in Apostrophe (403 otherwise); Apostrophe also wants its
/// `static: true` option, which Quire needs not: a site with an external front key has it.
extension AposRoutes {
    static let urlMetadataPath = "/api/v1/@apostrophecms/url"

    func addURLMetadata(to router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: Self.urlMetadataPath), use: urlMetadata)
    }

    /// `{pages: [{url, i18nId, type, aposDocId, _id}], attachments: null}` in tree order (home
    /// first), URLs with the locale prefix and without origin, for the pages the caller may read.
    func urlMetadata(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard AposExternalFrontMiddleware.isExternalFront(request) else { throw AposError.forbidden }
        let query = QueryString.parse(request.uri.query)
        // Copying attachments into a static build is not served: say so rather than answer none.
        if let flag = query["attachments"]?.string, ["1", "true", "yes", "on"].contains(flag) {
            throw AposError.invalid(
                "attachments=1 is not served: build with staticBuild: { attachments: false } and keep /uploads on the Quire server",
                data: ["param": .string("attachments")])
        }
        let snapshot = site.pinned
        let scope = AposScope(query, config: snapshot.config)
        let principal = try await isLoggedIn(request, query: query) ?? .anonymous
        if scope.mode == .draft, principal == .anonymous { throw Self.draftForbidden }
        let readable = readableTypes(principal, snapshot: snapshot, view: scope.mode)
        let tree = AposPageTree(snapshot: snapshot, view: scope.mode, locale: scope.locale, readable: readable)
        let pages = tree.preorder.filter { !tree.isArchived($0) }.compactMap { id -> Value? in
            guard let page = tree.pages[id] else { return nil }
            let identity = AposIdentity(documentId: id, locale: page.version.key.locale, mode: page.type.draftAndPublish ? scope.mode : .published)
            return .object([
                "url": .string(tree.url(of: id)), "i18nId": .string(id), "type": .string(page.type.singularName),
                "aposDocId": .string(id), "_id": .string(identity.id(for: page.type)),
            ])
        }
        return respond(.object(["pages": .array(pages), "attachments": .null]), principal: principal)
    }
}
