import Foundation
import Hummingbird
import QuireContent
import QuireIndex
import QuireSite

/// Writes of image and file pieces. Inserting a piece with an attachment uploaded through
/// `/attachment/upload` (not yet a piece) makes that file the piece; with a file that already
/// is a piece (or through `_copyingId`), a new media file sharing the same stored bytes is
/// made, as Apostrophe lets two pieces use one attachment. Edits compare-and-swap the file's
/// metadata: a concurrent edit is re-read and applied again, never overwritten.
extension AposImageFileRoutes {
    static let attempts = 16

    func create(_ request: Request, kind: MediaPieceFields.Kind) async throws -> Response {
        var node = QueryString.parse(request.uri.query)
        let body = try await body(request)
        if case .object(let extra)? = body["__aposGetWithQuery"] {
            node = AposRoutes.merge(node, extra)
            return try await list(request, kind: kind, query: node)
        }
        let scope = AposScope(node, config: site.snapshot.config)
        let principal = try await authorize(request, .create, scope: scope)
        let identity = AposIdentity(documentId: "", locale: scope.locale, mode: scope.mode)
        if body["_newInstance"] == .bool(true) { return respond(.object(Self.newInstance(kind, body: body)), principal: principal) }
        let input = try AposImageFileInput(body, kind: kind)
        for _ in 1...Self.attempts {
            let catalog = try await media.catalog()
            var source: MediaRecord?
            if let copying = body["_copyingId"] {
                guard case .string(let raw) = copying else { throw AposParameters.badValue("_copyingId", "expected an _id") }
                guard let copied = try? piece(AposListQuery.docId(raw), kind: kind, catalog: catalog) else {
                    throw AposParameters.badValue("_copyingId", "no \(kind.rawValue) piece \(raw)")
                }
                source = copied
            }
            guard let fileId = input.attachment ?? source?.documentId else {
                throw AposError.validation([ValidationIssue(path: ["attachment"], message: "attachment must be defined.")])
            }
            let file = try attachment(fileId, kind: kind, catalog: catalog)
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            if source == nil, file.piece.kind == .attachment {
                // The upload becomes the piece.
                var claimed = file
                input.apply(to: &claimed, catalog: catalog)
                claimed.piece.slug = uniqueSlug(claimed, catalog: catalog)
                claimed.updatedAt = now
                do {
                    _ = try await media.change(claimed, previous: file, author: principal.signature)
                } catch let error as StrapiError where error.status == .preconditionFailed {
                    continue
                } catch let error as StrapiError {
                    throw AposAttachmentRoutes.apostrophe(error)
                }
                return try await rendered(claimed.documentId, identity: identity, principal: principal)
            }
            var record = source ?? file
            AposImageFileInput.takeFile(of: file, into: &record)
            record.id = 0
            record.documentId = DocumentID.generate()
            record.createdAt = now
            record.updatedAt = now
            if source == nil {
                record.piece = MediaPieceFields()
                record.alternativeText = nil
                record.caption = nil
            } else {
                record.piece.slug = nil
            }
            input.apply(to: &record, catalog: catalog)
            record.piece.slug = uniqueSlug(record, catalog: catalog)
            do {
                _ = try await media.add(record, author: principal.signature)
            } catch let error as StrapiError {
                throw AposAttachmentRoutes.apostrophe(error)
            }
            return try await rendered(record.documentId, identity: identity, principal: principal)
        }
        throw AposError("conflict", message: "The file kept changing; try again")
    }

    /// PUT (`replacing`: fields left out are emptied) and PATCH (top-level fields only).
    func write(_ request: Request, context: BasicRequestContext, kind: MediaPieceFields.Kind, replacing: Bool) async throws -> Response {
        let node = QueryString.parse(request.uri.query)
        let (identity, principal) = try await resolve(request, context: context, action: .update, query: node)
        let body = try await body(request)
        var input = try AposImageFileInput(body, kind: kind)
        if replacing { input.replacingAll() }
        for _ in 1...Self.attempts {
            let catalog = try await media.catalog()
            let current = try piece(identity.documentId, kind: kind, catalog: catalog)
            var updated = current
            if let fileId = input.attachment, fileId != current.documentId {
                AposImageFileInput.takeFile(of: try attachment(fileId, kind: kind, catalog: catalog), into: &updated)
            }
            input.apply(to: &updated, catalog: catalog)
            if input.slug != nil { updated.piece.slug = uniqueSlug(updated, catalog: catalog) }
            if updated != current {
                updated.updatedAt = Int64(Date().timeIntervalSince1970 * 1000)
                do {
                    _ = try await media.change(updated, previous: current, author: principal.signature)
                } catch let error as StrapiError where error.status == .preconditionFailed {
                    continue
                } catch let error as StrapiError {
                    throw AposAttachmentRoutes.apostrophe(error)
                }
            }
            return try await rendered(identity.documentId, identity: identity, principal: principal)
        }
        throw AposError("conflict", message: "The file kept changing; try again")
    }

    /// Removes the piece, which is the file: Strapi's library loses it too.
    func delete(_ request: Request, context: BasicRequestContext, kind: MediaPieceFields.Kind) async throws -> Response {
        let node = QueryString.parse(request.uri.query)
        let (identity, principal) = try await resolve(request, context: context, action: .delete, query: node)
        let record = try piece(identity.documentId, kind: kind, catalog: try await media.catalog())
        do {
            try await media.delete(record, author: principal.signature, config: site.snapshot.config.media)
        } catch let error as StrapiError {
            throw AposAttachmentRoutes.apostrophe(error)
        }
        return respond(.null, principal: principal).withEmptyBody
    }

    /// The file an `attachment` names, which must exist (and, for an image, be one).
    private func attachment(_ id: String, kind: MediaPieceFields.Kind, catalog: MediaCatalog) throws -> MediaRecord {
        guard DocumentID.isValid(id), let file = catalog.record(documentId: id) else {
            throw AposError.validation([ValidationIssue(path: ["attachment"], message: "attachment: no file \(id) in the media library")])
        }
        if kind == .image, !AposImageFileShape.isImageGroup(file) {
            throw AposError.validation([ValidationIssue(
                path: ["attachment"], message: "attachment must be an image (gif, jpg, png, svg or webp), not \(file.mime)")])
        }
        return file
    }

    /// A slug the record asked for, made unique among the other pieces (`-2`, `-3`...); nil
    /// keeps the default one, which follows the title.
    private func uniqueSlug(_ record: MediaRecord, catalog: MediaCatalog) -> String? {
        guard let slug = record.piece.slug else { return nil }
        return AposMediaSlugs.of(catalog).unique(slug, for: record.documentId)
    }

    /// `_newInstance: true`: the defaults merged with the body, unsaved.
    static func newInstance(_ kind: MediaPieceFields.Kind, body: OrderedObject) -> OrderedObject {
        var object: OrderedObject = [
            "type": .string(kind.rawValue), "title": .string(""), "slug": .string(""), "archived": .bool(false), "attachment": .null,
        ]
        object[kind == .file ? "description" : "alt"] = .string("")
        for key in ["credit", "creditUrl"] { object[key] = .string("") }
        object["tagsIds"] = .array([])
        object["tagsFields"] = .object([:])
        for (key, value) in body.pairs where object[key] != nil { object[key] = value }
        object["_previewable"] = .bool(false)
        return object
    }
}
