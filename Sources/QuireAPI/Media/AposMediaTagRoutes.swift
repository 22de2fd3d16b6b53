import Foundation
import Hummingbird
import QuireContent
import QuireIndex
import QuireSite

/// `@apostrophecms/image-tag` and `@apostrophecms/file-tag`: plain autopublished piece types
/// (title, slug, archived) that image and file pieces point at with `_tags`. List, GET, POST,
/// PUT, PATCH, DELETE and `/:_id/publish` (answers the tag), under the `upload` permissions as
/// the media pieces. Deleting a tag leaves the pieces that named it; reads drop the dangling id,
/// as Apostrophe drops related documents it cannot find.
extension AposImageFileRoutes {
    func addTags(to router: Router<BasicRequestContext>) {
        for kind in MediaTag.Kind.allCases {
            let base = "/api/v1/" + kind.rawValue
            router.get(RouterPath(stringLiteral: base)) { request, _ in try await listTags(request, kind: kind) }
            router.post(RouterPath(stringLiteral: base)) { request, _ in try await writeTag(request, id: nil, kind: kind, replacing: true) }
            let one = RouterPath(stringLiteral: base + "/:id")
            router.get(one) { request, context in
                let (identity, principal) = try await resolve(request, context: context, action: .findOne, query: QueryString.parse(request.uri.query))
                let tag = try existingTag(identity.documentId, kind: kind, catalog: try await media.catalog())
                return respond(.object(AposMediaTagShape.render(tag, identity: identity)), principal: principal)
            }
            router.put(one) { request, context in try await writeTag(request, id: context.parameters.get("id"), kind: kind, replacing: true) }
            router.patch(one) { request, context in try await writeTag(request, id: context.parameters.get("id"), kind: kind, replacing: false) }
            router.delete(one) { request, context in
                let (identity, principal) = try await resolve(request, context: context, action: .delete, query: QueryString.parse(request.uri.query))
                let tag = try existingTag(identity.documentId, kind: kind, catalog: try await media.catalog())
                try await apostrophe {
                    try await media.editTags(author: principal.signature, summary: "Delete \(kind.rawValue) \(tag.title)") { tags in
                        (tags.filter { $0.documentId != tag.documentId }, ())
                    }
                }
                return respond(.null, principal: principal).withEmptyBody
            }
            router.post(RouterPath(stringLiteral: base + "/:id/publish")) { request, context in
                var (identity, principal) = try await resolve(request, context: context, action: .update, query: QueryString.parse(request.uri.query))
                let tag = try existingTag(identity.documentId, kind: kind, catalog: try await media.catalog())
                identity.mode = .draft
                return respond(.object(AposMediaTagShape.render(tag, identity: identity)), principal: principal)
            }
        }
    }

    func listTags(_ request: Request, kind: MediaTag.Kind) async throws -> Response {
        let node = QueryString.parse(request.uri.query)
        let scope = AposScope(node, config: site.snapshot.config)
        let principal = try await authorize(request, .find, scope: scope)
        try AposParameters.check(node, map: nil, listing: true)
        for name in ["choices", "counts"] where node[name] != nil { throw AposParameters.refusal(name, reason: "tags have no filters to count") }
        let page = try AposListQuery.count(node, "page") ?? 1
        let perPage = try AposListQuery.count(node, "perPage") ?? AposListQuery.defaultPerPage
        let search = (node["search"] ?? node["autocomplete"])?.string?.lowercased() ?? ""
        let archived: Bool? = switch node["archived"]?.string {
        case nil, "false", "0": false
        case "true", "1": true
        case "any", "null", "": nil
        default: throw AposParameters.badValue("archived", "expected true, false or any")
        }
        var tags = try await media.catalog().tags.filter { tag in
            tag.kind == kind && (archived == nil || tag.archived == archived) && (search.isEmpty || tag.title.lowercased().contains(search))
        }
        if let raw = node["_ids"] {
            let ids = AposListQuery.strings(raw).map(AposListQuery.docId)
            tags = ids.compactMap { id in tags.first { $0.documentId == id } }
        } else {
            // Apostrophe's default order for pieces without a `sort` option: by title, folded.
            tags.sort { $0.title.compare($1.title, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedAscending }
        }
        if try AposListQuery.countOnly(node) == true { return respond(.object(["count": .int(Int64(tags.count))]), principal: principal) }
        let start = min((page - 1) * perPage, tags.count)
        let projection = AposProjection(node["project"])
        let identity = { (tag: MediaTag) in AposIdentity(documentId: tag.documentId, locale: scope.locale, mode: scope.mode) }
        return respond(.object([
            "pages": .int(Int64((tags.count + perPage - 1) / perPage)),
            "currentPage": .int(Int64(page)),
            "results": .array(tags[start..<min(start + perPage, tags.count)].map {
                .object(projection.apply(AposMediaTagShape.render($0, identity: identity($0))))
            }),
        ]), principal: principal)
    }

    /// POST (no id), PUT (fields left out are emptied) or PATCH, compare-and-swap on the list.
    func writeTag(_ request: Request, id: String?, kind: MediaTag.Kind, replacing: Bool) async throws -> Response {
        let node = QueryString.parse(request.uri.query)
        var scope = AposScope(node, config: site.snapshot.config)
        let principal = try await authorize(request, id == nil ? .create : .update, scope: scope)
        var documentId = DocumentID.generate()
        if let id {
            let identity = scope.identity(of: id, config: site.snapshot.config)
            guard DocumentID.isValid(identity.documentId) else { throw AposError.invalidDocumentId }
            scope.mode = identity.mode
            documentId = identity.documentId
            _ = try existingTag(documentId, kind: kind, catalog: try await media.catalog())
        }
        let input = try AposMediaTagShape.Input(try await body(request))
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let summary = (id == nil ? "Create " : "Update ") + kind.rawValue
        let saved: MediaTag = try await apostrophe {
            try await media.editTags(author: principal.signature, summary: summary) { tags in
                var tags = tags
                let index = tags.firstIndex { $0.documentId == documentId }
                if id != nil, index == nil { throw AposError.notFound }
                var tag = index.map { tags[$0] } ?? MediaTag(documentId: documentId, kind: kind, title: "", slug: "", createdAt: now, updatedAt: now)
                try input.apply(to: &tag, replacing: replacing || id == nil)
                let taken = Set(tags.filter { $0.documentId != documentId && $0.kind == kind }.map(\.slug))
                tag.slug = AposImageFileShape.unique(tag.slug, taken: taken)
                tag.updatedAt = now
                if let index { tags[index] = tag } else { tags.append(tag) }
                return (tags, tag)
            }
        }
        return respond(.object(AposMediaTagShape.render(saved, identity: AposIdentity(documentId: saved.documentId, locale: scope.locale,
                                                                                         mode: scope.mode))), principal: principal)
    }

    func existingTag(_ documentId: String, kind: MediaTag.Kind, catalog: MediaCatalog) throws -> MediaTag {
        guard let tag = catalog.tag(documentId: documentId), tag.kind == kind else { throw AposError.notFound }
        return tag
    }

    /// A media write's Strapi-style refusal in Apostrophe's words.
    private func apostrophe<T>(_ work: () async throws -> T) async throws -> T {
        do { return try await work() } catch let error as StrapiError { throw AposAttachmentRoutes.apostrophe(error) }
    }
}
