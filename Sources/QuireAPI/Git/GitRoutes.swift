import Hummingbird
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// Site-wide git views: pending drafts, the changes feed, and releases (several drafts
/// published in one merge).
struct GitRoutes: Sendable {
    let access: GitAccess
    let bodyLimit: Int

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/git/drafts", use: drafts)
        router.get("/api/git/changes", use: changes)
        router.post("/api/git/releases", use: release)
    }

    /// Every draft branch of the types the caller may list, with who wrote it, how far it is
    /// from main, and its diff against main's version of the document. `locale` narrows it;
    /// with `pagination` (as Strapi lists take it), only that page's drafts are diffed and
    /// walked, which is what makes a site with hundreds of drafts answer quickly.
    func drafts(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let snapshot = access.site.pinned
        let principal = try await access.principal(request)
        let node = QueryString.parse(request.uri.query)
        try StrapiParameters.check(node, allowed: ["locale", "pagination", "page", "pageSize", "start", "limit"])
        if let given = node["locale"], given.string == nil { throw StrapiError.validation("Invalid locale parameter: expected a single value") }
        let locale = node["locale"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        var visible: [(draft: DraftBranch, type: ContentType)] = []
        for draft in await access.site.draftBranches() where locale == nil || draft.key.locale == locale {
            guard let type = snapshot.schema.contentType(singular: draft.key.type),
                  access.isAllowed(principal, .find, type: type, snapshot: snapshot),
                  access.isAllowed(principal, .viewDraft, type: type, snapshot: snapshot) else { continue }
            visible.append((draft, type))
        }
        var meta = OrderedObject([("main", snapshot.mainTip.map { .string($0.hex) } ?? .null), ("total", .int(Int64(visible.count)))])
        var page = visible[...]
        if let paging = try StrapiQuery.paging(node) {
            let (pagination, withCount) = try StrapiQuery.pagination(paging)
            let (range, described) = StrapiQuery.window(pagination, withCount: withCount, total: visible.count)
            page = visible[range]
            meta["pagination"] = .object(described)
        }
        var items: [Value] = []
        for (draft, type) in page {
            items.append(try await describe(draft, type: type, snapshot: snapshot))
        }
        return Response.json(JSON.encode(.object(["data": .array(items), "meta": .object(meta)])))
    }

    private func describe(_ draft: DraftBranch, type: ContentType, snapshot: SiteSnapshot) async throws -> Value {
        let store = access.site.reader
        let distance = try await store.distance(ofDraft: draft.tip, fromMain: snapshot.mainTip)
        let own = distance.own
        var authors: [Value] = []
        for commit in own {
            let author = Value.object(["name": .string(commit.author.name), "email": .string(commit.author.email)])
            if !authors.contains(author) { authors.append(author) }
        }
        let published = snapshot.document(view: .published, key: draft.key)
        var old: [UInt8]?
        if let published { old = try await store.fileBytes(published.blob) }
        let new = try await store.fileBytes(draft.blob)
        let diff = UnifiedDiff.make(
            old: GitAccess.diffText(old, fields: published?.fields, path: published?.path, type: type, schema: snapshot.schema),
            new: GitAccess.diffText(new, fields: draft.fields, path: draft.path, type: type, schema: snapshot.schema),
            oldPath: published?.path ?? draft.path, newPath: draft.path)
        let conflicts = await DraftPreview.conflicts(draft, type: type, snapshot: snapshot, store: access.site.reader)
        return .object(OrderedObject(GitAccess.keyJSON(draft.key) + [
            ("title", DraftPreview.title(draft, type: type)),
            ("branch", .string(String(draft.reference.dropFirst("refs/heads/".count)))),
            ("tip", .string(draft.tip.hex)),
            ("base", draft.base.map { .string($0.hex) } ?? .null),
            ("authors", .array(authors)),
            ("updatedAt", .string(StrapiRenderer.timestamp(own.first?.committer.time ?? draft.updatedAt))),
            ("ahead", .int(Int64(own.count))),
            ("behind", .int(Int64(distance.behind))),
            ("published", .bool(published != nil)),
            ("conflicts", .array(conflicts.map(Value.string))),
            ("diff", .string(diff)),
        ]))
    }

    /// Documents created, changed or deleted on main since a commit, for frontends that
    /// rebuild incrementally: ask again with `meta.commit` as the next `since`.
    func changes(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let snapshot = access.site.pinned
        let principal = try await access.principal(request)
        let node = QueryString.parse(request.uri.query)
        let since = try GitAccess.commitID(node["since"]?.string, param: "since")
        guard let tip = snapshot.mainTip else { throw StrapiError.validation("Unknown commit in since: \(since)") }
        let found: (changes: [DocumentChange], schemaChanged: Bool)
        do {
            found = try await access.site.reader.documentChanges(from: since, to: tip)
        } catch GitError.notFound {
            throw StrapiError.validation("Unknown commit in since: \(since)")
        }
        var items: [Value] = []
        for change in found.changes {
            // Types the caller may not list are left out rather than refused: the feed is site-wide.
            guard let type = snapshot.schema.contentType(singular: change.key.type),
                  access.isAllowed(principal, .find, type: type, snapshot: snapshot) else { continue }
            items.append(.object(OrderedObject(GitAccess.keyJSON(change.key) + [
                ("change", .string(change.kind.rawValue)), ("path", .string(change.path)),
                ("blob", change.blob.map { .string($0.hex) } ?? .null),
            ])))
        }
        let meta: Value = .object([
            "since": .string(since.hex), "commit": .string(tip.hex), "schemaChanged": .bool(found.schemaChanged),
        ])
        return Response.json(JSON.encode(.object(["data": .array(items), "meta": meta])))
    }

    /// `{"data": {"documents": [{"type", "documentId", "locale"}], "message"}}`: every listed
    /// draft published in one merge commit, or none (the refusal names the document).
    func release(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let snapshot = access.site.pinned
        let principal = try await access.principal(request)
        let data = try await RequestBody.data(of: request, limit: bodyLimit)
        guard case .array(let documents)? = data["documents"], !documents.isEmpty else {
            throw StrapiError.validation(#"Expected "documents": a non-empty list of {type, documentId, locale}"#)
        }
        var keys: [DocumentKey] = []
        for (index, item) in documents.enumerated() {
            guard case .object(let document) = item, case .string(let name)? = document["type"],
                  case .string(let documentId)? = document["documentId"] else {
                throw StrapiError.validation("documents[\(index)] needs a type and a documentId")
            }
            guard let type = snapshot.schema.contentType(singular: name) ?? snapshot.schema.contentType(plural: name) else {
                throw StrapiError.validation("documents[\(index)]: no content type \(name)")
            }
            guard access.isAllowed(principal, .publish, type: type, snapshot: snapshot) else { throw StrapiError.forbidden }
            var locale = snapshot.config.defaultLocale
            if type.localized, case .string(let requested)? = document["locale"] {
                guard snapshot.config.locales.contains(requested) else { throw StrapiError.validation("This locale doesn't exist: \(requested)") }
                locale = requested
            }
            guard DocumentID.isValid(documentId) else { throw StrapiError.validation("documents[\(index)]: invalid documentId") }
            keys.append(DocumentKey(locale: locale, type: type.singularName, documentId: documentId))
        }
        let message: String? = if case .string(let text)? = data["message"] { text } else { nil }
        let result = try await access.write(WriteRequest(
            operation: .release(keys, message: message), type: "", locale: "", status: .published, author: principal.signature))
        let after = access.site.snapshot
        let published = keys.compactMap { after.document(view: .published, key: $0) }
        var body: [UInt8] = Array(#"{"data":{"commit":"#.utf8)
        JSON.write(result.commit.map { .string($0.hex) } ?? .null, into: &body)
        body.append(contentsOf: #","documents":["#.utf8)
        for (index, version) in published.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: version.rendered)
        }
        body.append(contentsOf: #"]},"meta":{}}"#.utf8)
        return Response.json(body)
    }
}
