import Hummingbird
import QuireContent
import QuireIndex
import QuireSite

/// Apostrophe's parked pages. The archive needs no file (see `AposPageTree`); the home page of
/// a locale without pages is committed by the first write that needs it: inserting a page,
/// or changing, moving under, publishing or localizing the home page itself.
extension AposRoutes {
    /// Commits the tree's unsaved home page, in `main` (a parked page is live at once, as in
    /// Apostrophe, whatever the mode of the write that needed it); true when it did. Two
    /// requests parking at once: one commits, the other finds it done.
    @discardableResult
    func parkHome(_ tree: AposPageTree, request: Request, query: QueryNode) async throws -> Bool {
        guard let id = tree.unsavedHome, let page = tree.pages[id] else { return false }
        let scope = AposScope(query, config: site.pinned.config)
        let principal = try await authorize(request, .create, type: page.type, scope: scope, query: query)
        let input = AposFieldInput(map: AposTypeMap(page.type), snapshot: site.pinned, locale: page.version.key.locale)
        var write = WriteRequest(
            operation: .create(documentId: id), type: page.type.singularName, locale: page.version.key.locale,
            status: .published, data: input.writeData(page.version.fields), author: principal.signature)
        write.createOnly = true
        do {
            _ = try await self.write(write)
        } catch WriteError.alreadyExists {
            return false
        }
        return true
    }

    /// For the per-page routes: parks the home page when the `:_id` segment `raw` names the
    /// unsaved one of its locale, and answers the type that now holds it.
    func parkedHomeType(_ raw: String, request: Request) async throws -> ContentType? {
        let query = QueryString.parse(request.uri.query)
        let config = site.pinned.config
        let identity = AposScope(query, config: config).identity(of: raw, config: config)
        let documentId = identity.documentId
        // A read never writes: `locales` of an unsaved home page is a 404, as for any missing page.
        guard documentId == AposPageTree.homeID, request.method != .get else { return nil }
        let locale = identity.locale
        let tree = AposPageTree(snapshot: site.pinned, view: .draft, locale: locale, readable: nil)
        guard tree.unsavedHome == documentId, let type = tree.pages[documentId]?.type else { return nil }
        try await parkHome(tree, request: request, query: query)
        return type
    }
}
