import Foundation
import QuireContent
import QuireIndex

/// A media file as an Apostrophe `@apostrophecms/image` or `@apostrophecms/file` piece. One
/// file is one piece, its `aposDocId` the file's documentId: `title`, `slug`, `credit`,
/// `creditUrl` and `archived` are the file's piece fields; `alt` is its `alternativeText` and a
/// file piece's `description` its `caption` (what Strapi calls them); `attachment` is the file
/// itself, annotated with `_urls` as Apostrophe's `attachment.all(…, {annotate: true})` does.
/// Both types are `autopublish` in Apostrophe, so draft and published are the same record.
enum AposImageFileShape {
    static func kind(of record: MediaRecord) -> MediaPieceFields.Kind {
        if let kind = record.piece.kind { return kind }
        return isImageGroup(record) ? .image : .file
    }

    /// Apostrophe's `images` file group: gif, jpg, png, svg, webp.
    static func isImageGroup(_ record: MediaRecord) -> Bool {
        ["image/jpeg", "image/png", "image/gif", "image/webp", "image/svg+xml"].contains(record.mime)
    }

    static func title(_ record: MediaRecord) -> String {
        if let title = record.piece.title { return title }
        let base = record.name.hasSuffix(record.ext) && record.name.count > record.ext.count
            ? String(record.name.dropLast(record.ext.count)) : record.name
        return base
    }

    static func prefix(_ kind: MediaPieceFields.Kind) -> String {
        kind == .file ? "file-" : "image-"
    }

    /// The slug a piece would get from its title: `image-` or `file-` and the slugged title.
    static func defaultSlug(_ record: MediaRecord, kind: MediaPieceFields.Kind) -> String {
        let slug = AposTypeMap.slugify(title(record))
        return prefix(kind) + (slug.isEmpty ? record.documentId : slug)
    }

    static func unique(_ slug: String, taken: Set<String>) -> String {
        guard taken.contains(slug) else { return slug }
        var number = 2
        while taken.contains("\(slug)-\(number)") { number += 1 }
        return "\(slug)-\(number)"
    }

    static func render(_ record: MediaRecord, slug: String, locale: String, mode: View, config: MediaConfig,
                       tags tagCatalog: MediaCatalog? = MediaContext.catalog) -> OrderedObject {
        let kind = kind(of: record)
        let updated = Value.string(MediaRecord.dateTime(record.updatedAt))
        var object: OrderedObject = [
            "_id": .string("\(record.documentId):\(locale):\(mode.rawValue)"),
            "aposDocId": .string(record.documentId),
            "aposLocale": .string("\(locale):\(mode.rawValue)"),
            "aposMode": .string(mode.rawValue),
            "type": .string(kind.rawValue),
            "metaType": .string("doc"),
            "title": .string(title(record)),
            "slug": .string(slug),
            "archived": .bool(record.piece.archived),
            "attachment": attachment(record, config: config),
        ]
        if kind == .file {
            // The file module's `addUrls`: the attachment's URL (its `full` size for an image).
            object["_url"] = .string(AposAttachment.url(record, crop: nil, size: AposAttachment.sized(record) ? "full" : nil))
            object["description"] = .string(record.caption ?? "")
        } else {
            object["alt"] = .string(record.alternativeText ?? "")
        }
        object["credit"] = .string(record.piece.credit ?? "")
        object["creditUrl"] = .string(record.piece.creditUrl ?? "")
        // Tags the catalog no longer holds are left out, as Apostrophe drops missing related documents.
        let tags = record.piece.tags.compactMap { tagCatalog?.tag(documentId: $0) }
        object["tagsIds"] = .array(tags.map { .string($0.documentId) })
        object["tagsFields"] = .object(OrderedObject(tags.map { ($0.documentId, Value.object([:])) }))
        object["_tags"] = .array(tags.map {
            .object(AposMediaTagShape.render($0, identity: AposIdentity(documentId: $0.documentId, locale: locale, mode: mode)))
        })
        object["titleSortified"] = .string(AposTypeMap.slugify(title(record)).replacingOccurrences(of: "-", with: " "))
        object["createdAt"] = .string(MediaRecord.dateTime(record.createdAt))
        object["updatedAt"] = updated
        object["cacheInvalidatedAt"] = updated
        // Autopublished: every save is published at once, so the draft never differs.
        object["lastPublishedAt"] = updated
        object["modified"] = .bool(false)
        return object
    }

    /// The file as the piece's `attachment` field: with `_alt`, `_credit`, `_creditUrl` and
    /// `_isCroppable` lifted from the piece, as `attachment.all` walks them in.
    static func attachment(_ record: MediaRecord, config: MediaConfig) -> Value {
        guard case .object(var object) = AposAttachment.value(record, config: config) else { return .null }
        if let alt = record.alternativeText, !alt.isEmpty { object["_alt"] = .string(alt) }
        if let credit = record.piece.credit, !credit.isEmpty { object["_credit"] = .string(credit) }
        if let url = record.piece.creditUrl, !url.isEmpty { object["_creditUrl"] = .string(url) }
        return .object(object)
    }
}
