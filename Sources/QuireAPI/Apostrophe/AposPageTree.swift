import QuireContent
import QuireIndex

/// The pages of one locale and view as Apostrophe's tree: every page type's documents, hung by
/// their `parent` and ordered by `rank` (then title). The first root is the home page; pages
/// whose parent is missing, or that sit in a cycle a human made, hang under home so that every
/// page stays reachable. Full slugs, `path`, `level` and `rank` are computed here.
///
/// The archive is Apostrophe's `@apostrophecms/archive-page`, last child of home. It has no
/// file: a page is archived by `parent: _archive` (and its subtree with it), which a human can
/// write as easily as the API. Archived pages are part of the draft view only, as Apostrophe
/// shows them to editors and never to the public.
struct AposPageTree {
    static let archiveID = "_archive"
    /// The documentId of the home page Quire parks (see `unsavedHome`).
    static let homeID = "home"

    struct Page {
        let version: DocumentVersion
        let type: ContentType
    }

    let snapshot: SiteSnapshot
    let view: View
    let locale: String
    /// How pages are rendered: related documents only of the types the caller may read.
    let shape: AposDocumentShape
    private(set) var pages: [String: Page] = [:]
    private(set) var parents: [String: String] = [:]
    private(set) var children: [String: [String]] = [:]
    private(set) var home: String?
    /// Pages inside the archive (at any depth).
    private(set) var archived: Set<String> = []
    /// The same, kept in the published view too, where those pages leave the tree: piece
    /// lists hide them unless asked (`AposArchived`).
    private(set) var archivedPages: Set<String> = []
    /// Apostrophe parks a home page in every locale at startup. When a locale has no page yet,
    /// the tree holds an unsaved one (`home`, titled "Home", of `homeType`), which the first
    /// write that needs it commits (`AposRoutes.parkHome`).
    private(set) var unsavedHome: String?

    /// `readable`: the types the caller may read in this view (`AposRoutes.readableTypes`):
    /// the tree holds only those page types, and pages show related documents only of those
    /// types. nil: every type, for the tree's own bookkeeping where nothing is shown.
    init(snapshot: SiteSnapshot, view: View, locale: String, readable: Set<String>?) {
        self.snapshot = snapshot
        self.view = view
        self.locale = locale
        shape = AposDocumentShape(snapshot: snapshot, view: view, readableTypes: readable)
        let canRead = { (type: ContentType) in readable?.contains(type.singularName) ?? true }
        for type in snapshot.schema.contentTypes.values where type.isPageType && canRead(type) {
            let typeView: View = type.draftAndPublish ? view : .published
            let typeLocale = type.localized ? locale : snapshot.config.defaultLocale
            for version in snapshot.collection(view: typeView, locale: typeLocale, type: type.singularName).documents {
                pages[version.key.documentId] = Page(version: version, type: type)
            }
        }
        if pages.isEmpty, let type = Self.homeType(snapshot.schema.contentTypes.values.filter { $0.isPageType && canRead($0) }) {
            let typeLocale = type.localized ? locale : snapshot.config.defaultLocale
            var fields = AposUnsaved.defaults(of: type)
            if let title = AposTypeMap(type).titleField { fields[title] = .string("Home") }
            let key = DocumentKey(locale: typeLocale, type: type.singularName, documentId: Self.homeID)
            pages[Self.homeID] = Page(version: AposUnsaved.version(type, key: key, fields: fields), type: type)
            unsavedHome = Self.homeID
        }
        var roots: [String] = []
        for (id, page) in pages {
            if case .string(let parent)? = page.version.fields[ContentType.parentAttribute], parent != id,
               pages[parent] != nil || parent == Self.archiveID {
                parents[id] = parent
            } else {
                roots.append(id)
            }
        }
        roots = sorted(roots)
        home = roots.first
        guard let home else { return }
        for root in roots.dropFirst() { parents[root] = home }
        parents[Self.archiveID] = home
        // A cycle never reaches home: cut it there.
        for id in pages.keys where id != home {
            var seen: Set<String> = [id]
            var current = id
            while let parent = parents[current], parent != home {
                if seen.contains(parent) {
                    parents[id] = home
                    break
                }
                seen.insert(parent)
                current = parent
            }
        }
        for id in pages.keys where ancestors(of: id).contains(Self.archiveID) { archived.insert(id) }
        archivedPages = archived
        if view != .draft {
            for id in archived {
                pages[id] = nil
                parents[id] = nil
            }
            parents[Self.archiveID] = nil
            archived = []
        }
        for (id, parent) in parents { children[parent, default: []].append(id) }
        for (parent, list) in children { children[parent] = sorted(list) }
    }

    /// The type a parked home page gets: `home-page` (Apostrophe's name), `home` or `page` when
    /// the schema has one, else the first page type by name.
    static func homeType(_ types: [ContentType]) -> ContentType? {
        let sorted = types.sorted { $0.singularName < $1.singularName }
        for name in ["home-page", "home", "page"] {
            if let type = sorted.first(where: { $0.singularName == name }) { return type }
        }
        return sorted.first
    }

    /// A page of this tree, or the archive when the view has it.
    func contains(_ id: String) -> Bool {
        pages[id] != nil || (id == Self.archiveID && parents[id] != nil)
    }

    func isArchived(_ id: String) -> Bool {
        id == Self.archiveID || archived.contains(id)
    }

    private func sorted(_ ids: [String]) -> [String] {
        ids.sorted { a, b in
            let (ra, rb) = (storedRank(a), storedRank(b))
            if ra != rb { return ra < rb }
            let (ta, tb) = (title(a), title(b))
            return ta != tb ? ta < tb : a < b
        }
    }

    func storedRank(_ id: String) -> Double {
        if id == Self.archiveID { return .infinity }
        return switch pages[id]?.version.fields[ContentType.rankAttribute] {
        case .int(let number)?: Double(number)
        case .double(let number)?: number
        default: 0
        }
    }

    private func title(_ id: String) -> String {
        guard let page = pages[id], let field = AposTypeMap(page.type).titleField, case .string(let text)? = page.version.fields[field] else { return "" }
        return text.lowercased()
    }

    /// Home first, down to the parent.
    func ancestors(of id: String) -> [String] {
        var chain: [String] = []
        var current = id
        while let parent = parents[current] {
            chain.insert(parent, at: 0)
            current = parent
        }
        return chain
    }

    func isDescendant(_ id: String, of ancestor: String) -> Bool {
        ancestors(of: id).contains(ancestor)
    }

    /// The page's own URL segment: its `slug` attribute, else its documentId.
    func segment(_ id: String) -> String {
        if id == Self.archiveID { return "archive" }
        guard let page = pages[id] else { return id }
        if let field = AposTypeMap(page.type).slugField, case .string(let text)? = page.version.fields[field], !text.isEmpty { return text }
        return id
    }

    func slug(of id: String) -> String {
        guard id != home else { return "/" }
        return "/" + (ancestors(of: id).dropFirst() + [id]).map(segment).joined(separator: "/")
    }

    func url(of id: String) -> String {
        let prefix = locale == snapshot.config.defaultLocale ? "" : "/\(locale)"
        let slug = slug(of: id)
        return prefix.isEmpty ? slug : (slug == "/" ? prefix + "/" : prefix + slug)
    }

    func rank(of id: String) -> Int {
        guard let parent = parents[id] else { return 0 }
        return children[parent]?.firstIndex(of: id) ?? 0
    }

    /// The page in Apostrophe's shape, with `_ancestors` (light) and `_children` to `depth`.
    func render(_ id: String, depth: Int, light: Bool = false, withAncestors: Bool = true) -> OrderedObject? {
        guard contains(id) else { return nil }
        var object = light || pages[id] == nil ? summary(id)
            : shape.render(pages[id]!.version, type: pages[id]!.type)
        object[ContentType.parentAttribute] = nil
        if id == unsavedHome { AposUnsaved.clearTimes(&object) }
        place(id, in: &object)
        if withAncestors { object["_ancestors"] = .array(ancestors(of: id).map { .object(summary($0)) }) }
        let kids = depth > 0 ? (children[id] ?? []) : []
        object["_children"] = .array(kids.compactMap { child in
            render(child, depth: depth - 1, light: true, withAncestors: false).map(Value.object)
        })
        return object
    }

    /// Apostrophe's light projection for tree listings.
    func summary(_ id: String) -> OrderedObject {
        var object = OrderedObject()
        if id == Self.archiveID, contains(id) {
            object = archivePage
        } else if let page = pages[id] {
            let full = shape.render(page.version, type: page.type)
            for key in ["_id", "aposDocId", "aposLocale", "aposMode", "type", "title", "metaType", "visibility", "archived", "updatedAt", "lastPublishedAt", "modified"] {
                if let value = full[key] { object[key] = value }
            }
            if id == unsavedHome { AposUnsaved.clearTimes(&object) }
        } else {
            return [:]
        }
        place(id, in: &object)
        return object
    }

    /// What the tree, not the file, says of a page: where it is and what its URL is.
    func place(_ id: String, in object: inout OrderedObject) {
        let chain = ancestors(of: id)
        object["archived"] = .bool(isArchived(id))
        object["slug"] = .string(slug(of: id))
        object["path"] = .string((chain + [id]).joined(separator: "/"))
        object["level"] = .int(Int64(chain.count))
        object["rank"] = .int(Int64(rank(of: id)))
        object["_url"] = .string(url(of: id))
    }

    /// The archive as Apostrophe lists it; it has no file, so no times.
    private var archivePage: OrderedObject {
        let mode = view == .draft ? "draft" : "published"
        return [
            "_id": .string("\(Self.archiveID):\(locale):\(mode)"), "aposDocId": .string(Self.archiveID),
            "aposLocale": .string("\(locale):\(mode)"), "aposMode": .string(mode),
            "type": .string("@apostrophecms/archive-page"), "title": .string("Archive"), "metaType": .string("doc"),
            "visibility": .string("public"),
        ]
    }

    /// Depth-first, home first.
    var preorder: [String] {
        guard let home else { return [] }
        var order: [String] = []
        func visit(_ id: String) {
            order.append(id)
            for child in children[id] ?? [] { visit(child) }
        }
        visit(home)
        return order
    }
}
