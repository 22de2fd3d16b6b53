import Hummingbird
import QuireContent
import QuireIndex

/// The two flat lists `GET /api/v1/@apostrophecms/page` gives instead of the tree
/// (`page/index.js` `getAll`): `autocomplete=x` (the 10 best title matches, optionally of one
/// `type`, for relationship pickers) and `type=x` alone (that type's pages, paginated and
/// filtered as a piece list, in tree order, with `choices`/`counts`). Pages carry their tree place (full `slug`,
/// `path`, `level`, `rank`, `_url`) and no `_children`.
extension AposRoutes {
    static let autocompleteLimit = 10

    /// nil when the request asks for the tree.
    func pageList(_ request: Request, query: QueryNode) async throws -> Response? {
        let prefix = query["autocomplete"]?.string ?? ""
        let typeName = query["type"]?.string ?? ""
        guard !prefix.isEmpty || !typeName.isEmpty else { return nil }
        let (tree, scope, principal) = try await tree(request, query: query)
        var pageType: ContentType?
        if !typeName.isEmpty {
            guard let type = site.pinned.schema.contentType(singular: typeName), type.isPageType else {
                throw AposParameters.badValue("type", "\(typeName) is not a page type")
            }
            // Apostrophe: forbidden when the caller may not view that type.
            guard authenticator.isAllowed(principal, action: .find, type: type, config: site.pinned.config) else { throw AposError.forbidden }
            pageType = type
        }
        let archived = AposArchived(query["archived"])
        func listed(_ id: String) -> Bool {
            guard let page = tree.pages[id], id != tree.unsavedHome else { return false }
            return (pageType == nil || page.type.singularName == pageType?.singularName) && archived.admits(id, archived: tree.archivedPages)
        }
        if !prefix.isEmpty {
            let folded = prefix.lowercased()
            let ids = tree.preorder.filter { id in
                listed(id) && Self.title(of: id, in: tree).lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { $0.hasPrefix(folded) }
            }
            let results = ids.prefix(Self.autocompleteLimit).map { Value.object(flatPage($0, tree: tree)) }
            return respond(read: JSON.encode(.object(["results": .array(Array(results))])), principal: principal, request: request)
        }
        guard let pageType else { return nil }
        let (snapshot, map) = (site.pinned, AposTypeMap(pageType))
        let view: View = pageType.draftAndPublish ? scope.mode : .published
        let readable = readableTypes(principal, snapshot: snapshot, view: view)
        let list = try AposListQuery(query, map: map, config: snapshot.config, schema: snapshot.schema, readable: readable)
        let locale = scope.locale(for: pageType, config: snapshot.config)
        /// The listed pages the filters of `node` keep, in tree order.
        func pages(_ node: QueryNode) throws -> [String] {
            let query = try AposListQuery(node, map: map, config: snapshot.config, schema: snapshot.schema, readable: readable).query
            let result = try snapshot.query(query, type: pageType, view: view, locale: locale)
            let matching = Set(result.documents(in: 0..<result.total).map(\.key.documentId))
            return tree.preorder.filter { listed($0) && matching.contains($0) }
        }
        let ids = try pages(query)
        if list.countOnly { return respond(read: JSON.encode(.object(["count": .int(Int64(ids.count))])), principal: principal, request: request) }
        let start = (list.page - 1) * list.perPage
        let shown = ids[min(start, ids.count)..<min(start + list.perPage, ids.count)]
        var body: OrderedObject = [
            "results": .array(shown.map { .object(list.projection.apply(flatPage($0, tree: tree))) }),
            "pages": .int(Int64((ids.count + list.perPage - 1) / list.perPage)), "currentPage": .int(Int64(list.page)),
        ]
        if let choices = try AposChoices(query, map: map) {
            var object = OrderedObject()
            for name in choices.fields {
                let versions = try pages(AposChoices.without(name, in: query, map: map)).compactMap { tree.pages[$0]?.version }
                object[name] = choices.values(of: name, in: versions, map: map, snapshot: snapshot, view: view, readable: tree.shape.readableTypes)
            }
            body[choices.param] = .object(object)
        }
        return respond(read: JSON.encode(.object(body)), principal: principal, request: request)
    }

    private func flatPage(_ id: String, tree: AposPageTree) -> OrderedObject {
        var page = tree.render(id, depth: 0, withAncestors: false) ?? [:]
        page["_children"] = nil
        return page
    }

    private static func title(of id: String, in tree: AposPageTree) -> String {
        guard let page = tree.pages[id], let field = AposTypeMap(page.type).titleField, case .string(let text)? = page.version.fields[field] else { return "" }
        return text
    }
}
