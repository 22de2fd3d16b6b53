import Foundation
import Hummingbird
import HTTPTypes
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// `/api/v1/@apostrophecms/page`: the tree of every page type's documents (see `AposPageTree`).
/// Publishing, localizing and the other per-document routes of a page are its type's piece
/// routes (`/api/v1/<page-type>/:_id/publish`).
extension AposRoutes {
    static let pagePath = "/api/v1/@apostrophecms/page"

    func addPages(to router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: Self.pagePath), use: pageTree)
        router.post(RouterPath(stringLiteral: Self.pagePath), use: createPage)
        router.get(RouterPath(stringLiteral: Self.pagePath + "/:id"), use: findPage)
        router.patch(RouterPath(stringLiteral: Self.pagePath + "/:id"), use: patchPage)
        router.delete(RouterPath(stringLiteral: Self.pagePath + "/:id"), use: deletePage)
        router.get(RouterPath(stringLiteral: Self.pagePath + "/:id/locale/:toLocale"), use: pageInLocale)
    }

    /// A plain redirect (not JSON) to the page's URL in another locale, as Apostrophe answers it.
    func pageInLocale(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = QueryString.parse(request.uri.query)
        let toLocale = context.parameters.get("toLocale") ?? ""
        guard site.pinned.config.locales.contains(toLocale) else { return Self.text("invalid locale name", status: .badRequest) }
        let (tree, scope, _) = try await tree(request, query: query)
        let id: String
        do {
            id = try pageId(context.parameters.get("id") ?? "", tree: tree)
        } catch let error as AposError where error.status == .notFound {
            // A plain Express route in Apostrophe: a page it cannot find is answered in text too.
            return Self.text("not found", status: .notFound)
        }
        guard let url = pageURL(id, locale: toLocale, mode: scope.mode, request: request, query: query) else { return Self.text("not found", status: .notFound) }
        return Response(status: .found, headers: [.location: url])
    }

    /// The page's `_url` in `locale`, falling back to its draft there; nil when it has none.
    func pageURL(_ id: String, locale: String, mode: View, request: Request, query: QueryNode) -> String? {
        for view in mode == .draft ? [View.draft] : [.published, .draft] {
            let tree = AposPageTree(snapshot: site.pinned, view: view, locale: locale, readable: nil)
            if tree.pages[id] != nil { return tree.url(of: id) }
        }
        return nil
    }

    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The tree as the caller may see it, in the request's locale and mode.
    func tree(_ request: Request, query: QueryNode, action: Action = .find) async throws -> (AposPageTree, AposScope, Principal) {
        let (snapshot, scope, principal, readable) = try await treeAccess(request, query: query, action: action)
        let tree = AposPageTree(snapshot: snapshot, view: scope.mode, locale: scope.locale, readable: readable)
        return (tree, scope, principal)
    }

    /// Who asks, and which types they may read in the request's view (the tree is made of those
    /// page types, and its pages show related documents only of those types).
    private func treeAccess(_ request: Request, query: QueryNode, action: Action = .find, rendersAreas: Bool = false) async throws -> (SiteSnapshot, AposScope, Principal, Set<String>) {
        try AposParameters.check(query, map: nil, listing: !(query["type"]?.string ?? "").isEmpty && (query["autocomplete"]?.string ?? "").isEmpty,
                                 rendersAreas: rendersAreas)
        let snapshot = site.pinned
        let scope = AposScope(query, config: snapshot.config)
        let pageTypes = snapshot.schema.contentTypes.values.filter(\.isPageType).sorted { $0.singularName < $1.singularName }
        guard let first = pageTypes.first else { throw AposError.notFound }
        let principal = try await authorize(request, action == .find ? .find : action, type: first, scope: scope, query: query)
        return (snapshot, scope, principal, readableTypes(principal, snapshot: snapshot, view: scope.mode))
    }

    /// A tree read, rendered once per snapshot for the same view, locale, readable types
    /// and question (`asking`): building the tree and encoding it is the whole cost of a read.
    private func treeAnswer(_ request: Request, query: QueryNode, asking: [String], rendersAreas: Bool = false,
                            render: (AposPageTree) throws -> Value) async throws -> Response {
        let (snapshot, scope, principal, readable) = try await treeAccess(request, query: query, rendersAreas: rendersAreas)
        let slot = AposSnapshotCache.TreeSlot(view: scope.mode, locale: scope.locale, readable: readable.sorted(), request: asking,
                                              media: MediaContext.catalog?.commit)
        let bytes = try AposSnapshotCache.of(snapshot).tree(slot) {
            let tree = AposPageTree(snapshot: snapshot, view: scope.mode, locale: scope.locale, readable: readable)
            return JSON.encode(try render(tree))
        }
        return respond(read: bytes, principal: principal, request: request)
    }

    /// The home page with `_children` (`children[depth]`, default 1); `all=1` the whole tree in
    /// the light projection; `all=1&flat=1` `{results}` in depth-first order, children as ids.
    func pageTree(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = QueryString.parse(request.uri.query)
        if let list = try await pageList(request, query: query) { return list }
        let (all, flat, depth) = (Self.flag(query["all"]), Self.flag(query["flat"]), Self.depth(query))
        let asking = all ? (flat ? ["all", "flat"] : ["all"]) : ["depth", String(depth)]
        return try await treeAnswer(request, query: query, asking: asking) { tree in
            guard let home = tree.home else { throw AposError.notFound }
            if all, flat {
                let results = tree.preorder.map { id -> Value in
                    var page = tree.summary(id)
                    page["_children"] = .array((tree.children[id] ?? []).map { .string(tree.summary($0)["_id"]?.stringValue ?? $0) })
                    return .object(page)
                }
                return .object(["results": .array(results)])
            }
            return .object(tree.render(home, depth: all ? 1000 : depth, light: all) ?? [:])
        }
    }

    func findPage(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = QueryString.parse(request.uri.query)
        let (raw, depth) = (context.parameters.get("id") ?? "", Self.depth(query))
        let renderAreas = try AposRenderAreas(query)
        let asking = ["page", raw, String(depth), renderAreas.map { "\($0)" } ?? ""]
        return try await treeAnswer(request, query: query, asking: asking, rendersAreas: true) { tree in
            let id = try pageId(raw, tree: tree)
            guard var page = tree.render(id, depth: depth) else { throw AposError.notFound }
            renderAreas?.apply(&page)
            return .object(page)
        }
    }

    /// A new page of body `type` under `_targetId` (default `_home`) at `_position`.
    func createPage(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = QueryString.parse(request.uri.query)
        let body = try await body(request)
        var (tree, scope, _) = try await tree(request, query: query)
        guard case .string(let typeName)? = body["type"], let type = site.pinned.schema.contentType(singular: typeName), type.isPageType else {
            throw AposError.invalid("type must name a page type")
        }
        let principal = try await authorize(request, .create, type: type, scope: scope, query: query)
        // A new page hangs under home (or in the archive, home's child): home must be a file first.
        if try await parkHome(tree, request: request, query: query) { tree = try await self.tree(request, query: query).0 }
        let target = try pageId(body["_targetId"]?.stringValue ?? "_home", tree: tree)
        let (parent, rank) = try placement(target: target, position: body["_position"], moving: nil, tree: tree)
        let locale = scope.locale(for: type, config: site.pinned.config)
        var input = AposFieldInput(map: AposTypeMap(type), snapshot: site.pinned, locale: locale)
        input.readable = readableTypes(principal, snapshot: site.pinned, view: type.draftAndPublish ? scope.mode : .published)
        input.draftsReadable = readableTypes(principal, snapshot: site.pinned, view: .draft)
        var fields = OrderedObject()
        for (name, value) in body.pairs where !name.hasPrefix("_") && name != "type" {
            for (attribute, stored) in try input.convert(name, Self.lastSegment(name, value, map: input.map)) { fields[attribute] = stored }
        }
        fields[ContentType.parentAttribute] = .string(parent)
        fields[ContentType.rankAttribute] = .double(rank)
        if let slugField = input.map.slugField {
            fields[slugField] = .string(uniqueSegment(fields[slugField]?.stringValue, fields: fields, map: input.map, parent: parent, except: nil, tree: tree))
        }
        let mode: View = type.draftAndPublish ? scope.mode : .published
        let result = try await write(WriteRequest(
            operation: .create(documentId: nil), type: type.singularName, locale: locale, status: mode,
            data: input.writeData(fields), author: principal.signature))
        return try await renderedPage(result.version, request: request, query: query, principal: principal)
    }

    /// Fields as in a piece PATCH; `_targetId` and `_position` move the page (and so its subtree).
    func patchPage(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = QueryString.parse(request.uri.query)
        let body = try await body(request)
        var (tree, scope, _) = try await tree(request, query: query)
        let id = try pageId(context.parameters.get("id") ?? "", tree: tree)
        if id == tree.unsavedHome, try await parkHome(tree, request: request, query: query) { tree = try await self.tree(request, query: query).0 }
        guard let page = tree.pages[id] else { throw AposError.notFound }
        if body["_targetId"] == nil { try keepsArchiveState(body, version: page.version, type: page.type, snapshot: site.pinned, view: tree.view) }
        let principal = try await authorize(request, .update, type: page.type, scope: scope, query: query)
        let identity = AposIdentity(documentId: id, locale: page.version.key.locale, mode: page.type.draftAndPublish ? scope.mode : .published)
        var input = AposFieldInput(map: AposTypeMap(page.type), snapshot: site.pinned, locale: identity.locale)
        input.readable = readableTypes(principal, snapshot: site.pinned, view: identity.mode)
        input.draftsReadable = readableTypes(principal, snapshot: site.pinned, view: .draft)
        input.before = page.version.fields
        var fields = input.editable(page.version.fields, documentId: id)
        var patchBody = body
        for key in ["_targetId", "_position"] { patchBody[key] = nil }
        if let slug = patchBody["slug"] { patchBody["slug"] = Self.lastSegment("slug", slug, map: input.map) }
        try AposPatch(input: input).apply(patchBody, to: &fields)
        if case .string(let targetId)? = body["_targetId"] {
            guard id != tree.home else { throw AposError.invalid("Cannot move the home page") }
            let target = try pageId(targetId, tree: tree)
            let (parent, rank) = try placement(target: target, position: body["_position"], moving: id, tree: tree)
            fields[ContentType.parentAttribute] = .string(parent)
            fields[ContentType.rankAttribute] = .double(rank)
        }
        if let slugField = input.map.slugField, id != tree.home, case .string(let parent)? = fields[ContentType.parentAttribute] {
            fields[slugField] = .string(uniqueSegment(fields[slugField]?.stringValue, fields: fields, map: input.map, parent: parent, except: id, tree: tree))
        }
        var update = WriteRequest(
            operation: .update(documentId: id), type: page.type.singularName, locale: identity.locale, status: identity.mode,
            data: input.writeData(fields), ifMatch: page.version.blob.hex, author: principal.signature)
        update.keepsDraft = true
        return try await locks.around(lockKey(identity, type: page.type), body: body, principal: principal) {
            let result = try await write(update)
            return try await renderedPage(result.version, request: request, query: query, principal: principal)
        }
    }

    func deletePage(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = QueryString.parse(request.uri.query)
        let (tree, scope, _) = try await tree(request, query: query)
        let id = try pageId(context.parameters.get("id") ?? "", tree: tree)
        guard let page = tree.pages[id] else { throw AposError.notFound }
        let principal = try await authorize(request, .delete, type: page.type, scope: scope, query: query)
        guard id != tree.home else { throw AposError.invalid("The home page may not be removed.") }
        guard tree.children[id]?.isEmpty ?? true else { throw AposError.invalid("You must delete the children of this page first.") }
        let unpublishOnly = scope.mode == .published && page.type.draftAndPublish
        _ = try await write(WriteRequest(
            operation: unpublishOnly ? .unpublish(documentId: id) : .delete(documentId: id),
            type: page.type.singularName, locale: page.version.key.locale, status: scope.mode, author: principal.signature))
        return respond(.null, principal: principal).withEmptyBody
    }

    // MARK: Helpers

    /// `_home`, `_archive` (draft mode), a full `_id` or an aposDocId, as a page of this tree.
    private func pageId(_ raw: String, tree: AposPageTree) throws -> String {
        if raw == "_home", let home = tree.home { return home }
        let id = String(raw.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        // The archive is a virtual page of the tree, not a file: its id is outside the documentId rule.
        guard DocumentID.isValid(id) || id == AposPageTree.archiveID else { throw AposError.invalidDocumentId }
        guard tree.contains(id) else { throw AposError.notFound }
        return id
    }

    /// The parent and stored rank a page gets at `position` relative to `target`: ranks
    /// between neighbours' (midpoints), so no sibling's file changes.
    private func placement(target: String, position: Value?, moving: String?, tree: AposPageTree) throws -> (parent: String, rank: Double) {
        let parent: String
        var index: Int
        let named = position?.stringValue ?? (position.flatMap { if case .int(let n) = $0 { String(n) } else { nil } }) ?? "lastChild"
        // The archive stays home's last child whatever the ranks: it takes no part in them.
        func siblings(of parent: String) -> [String] {
            (tree.children[parent] ?? []).filter { $0 != moving && $0 != AposPageTree.archiveID }
        }
        switch named {
        case "before", "after":
            guard let targetParent = tree.parents[target] else { throw AposError.invalid("The home page has no siblings") }
            parent = targetParent
            let list = siblings(of: parent)
            index = (list.firstIndex(of: target) ?? list.count) + (named == "after" ? 1 : 0)
        case "firstChild": parent = target; index = 0
        case "lastChild": parent = target; index = siblings(of: target).count
        default:
            guard let number = Int(named), number >= 0 else { throw AposError.invalid("_position must be before, after, firstChild, lastChild or an index") }
            parent = target
            index = min(number, siblings(of: target).count)
        }
        if let moving, moving == parent || tree.isDescendant(parent, of: moving) {
            throw AposError("forbidden", message: "Cannot move a page under itself")
        }
        let ranks = siblings(of: parent).map(tree.storedRank)
        let rank: Double
        if ranks.isEmpty { rank = 0 }
        else if index == 0 { rank = ranks[0] - 1 }
        else if index >= ranks.count { rank = ranks[ranks.count - 1] + 1 }
        else { rank = (ranks[index - 1] + ranks[index]) / 2 }
        return (parent, rank)
    }

    /// A sibling may not share the URL segment: `-2`, `-3`… as for piece slugs.
    private func uniqueSegment(_ given: String?, fields: OrderedObject, map: AposTypeMap, parent: String, except: String?, tree: AposPageTree) -> String {
        var base = AposTypeMap.slugify(given ?? "")
        if base.isEmpty, let title = map.titleField, case .string(let text)? = fields[title] { base = AposTypeMap.slugify(text) }
        if base.isEmpty { base = "new-page" }
        let taken = Set((tree.children[parent] ?? []).filter { $0 != except }.map(tree.segment))
        var segment = base
        var suffix = 2
        while taken.contains(segment) {
            segment = "\(base)-\(suffix)"
            suffix += 1
        }
        return segment
    }

    /// Page slugs come as full paths (`/about/team`); the file keeps the last segment.
    private static func lastSegment(_ name: String, _ value: Value, map: AposTypeMap) -> Value {
        guard name == "slug" || name == map.slugField, case .string(let text) = value else { return value }
        return .string(String(text.split(separator: "/").last ?? ""))
    }

    private func renderedPage(_ version: DocumentVersion?, request: Request, query: QueryNode, principal: Principal) async throws -> Response {
        guard let version else { throw AposError.notFound }
        let (tree, _, _) = try await tree(request, query: query)
        guard let page = tree.render(version.key.documentId, depth: 1) else { throw AposError.notFound }
        return respond(.object(page), principal: principal)
    }

    static func depth(_ query: QueryNode) -> Int {
        query["children"]?["depth"]?.string.flatMap(Int.init).map { max(0, $0) } ?? 1
    }

    /// `1`, `true`: Apostrophe's boolean query flags.
    static func flag(_ node: QueryNode?) -> Bool {
        guard let text = node?.string else { return false }
        return text == "1" || text == "true"
    }
}

extension Value {
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
