import Foundation
import QuireContent
import QuireIndex

/// A write body of an image or file piece: `title`, `slug`, `alt` (images) or `description`
/// (files), `credit`, `creditUrl`, `archived` and `attachment` (the upload answer, or any object
/// or string naming a file by `_id`). Keys a read answers (`_id`, `type`, times, `_urls`...) are
/// ignored, so a PUT of what GET gave works; `_tags` (tag pieces or ids) keeps the tags of the
/// matching tag type that exist, as Apostrophe's relationship does; any other key is a 400.
struct AposImageFileInput: Sendable {
    let kind: MediaPieceFields.Kind
    /// `nil`: not in the body; `.some(nil)`: emptied.
    var title: String??
    var slug: String??
    var text: String??
    var credit: String??
    var creditUrl: String??
    var archived: Bool?
    /// The documentId of the file the body's `attachment` names.
    var attachment: String?
    /// The aposDocIds `_tags` names, unchecked.
    var tags: [String]?

    static let answered: Set = [
        "aposDocId", "aposLocale", "aposMode", "type", "metaType", "titleSortified", "createdAt", "updatedAt",
        "cacheInvalidatedAt", "lastPublishedAt", "modified", "tagsFields", "highSearchText", "highSearchWords",
        "lowSearchText", "searchSummary", "updatedBy", "copyOfId", "visibility",
    ]

    /// Control keys the piece routes act on (or, for `_advisoryLock`, accept and ignore: a media
    /// piece is one small file saved in one commit, so there is nothing to lock for long).
    static let control: Set = ["_copyingId", "_newInstance", "_advisoryLock", "_publish", "_createId"]

    init(_ body: OrderedObject, kind: MediaPieceFields.Kind) throws(AposError) {
        self.kind = kind
        let textField = kind == .file ? "description" : "alt"
        var issues: [ValidationIssue] = []
        for (key, value) in body.pairs {
            switch key {
            case "title": title = try Self.text(value, key, into: &issues)
            case "slug":
                if let given = try Self.text(value, key, into: &issues) {
                    slug = .some(given.map { Self.slug($0, kind: kind) })
                }
            case textField: text = try Self.text(value, key, into: &issues)
            case "credit": credit = try Self.text(value, key, into: &issues)
            case "creditUrl":
                creditUrl = try Self.text(value, key, into: &issues)
                if case .some(.some(let url)) = creditUrl, !url.isEmpty, !Self.isURL(url) {
                    issues.append(ValidationIssue(path: [key], message: "creditUrl must be an http(s), mailto or site-relative URL"))
                }
            case "archived":
                switch value {
                case .bool(let flag): archived = flag
                case .null: archived = false
                default: issues.append(ValidationIssue(path: [key], message: "archived must be true or false"))
                }
            case "attachment":
                switch value {
                case .null: issues.append(ValidationIssue(path: [key], message: "attachment must be defined."))
                case .string(let id): attachment = AposListQuery.docId(id)
                case .object(let object):
                    guard case .string(let id)? = object["_id"] else {
                        issues.append(ValidationIssue(path: [key], message: "attachment needs the _id the upload answered"))
                        continue
                    }
                    attachment = id
                default: issues.append(ValidationIssue(path: [key], message: "attachment must be the object the upload answered"))
                }
            case "_tags":
                tags = try AposImageRelationship.related(value, path: key).map { AposListQuery.docId($0.id) }
            case "tagsIds":
                continue
            case "_patches":
                throw AposParameters.badValue(key, "media pieces take their fields at the top level of one patch")
            case "_id", "alt", "description":
                continue
            case _ where Self.answered.contains(key) || Self.control.contains(key):
                continue
            case _ where key.hasPrefix("_"):
                // Read-time keys (`_edit`, `_url`, `_urls`...) come back in a PUT of a GET.
                continue
            default:
                throw AposParameters.badValue(key, "not a field of \(kind.rawValue)")
            }
        }
        if !issues.isEmpty { throw AposError.validation(issues) }
    }

    /// A PUT: every piece field the body leaves out is emptied (the file stays).
    mutating func replacingAll() {
        if title == nil { title = .some(nil) }
        if tags == nil { tags = [] }
        if text == nil { text = .some(nil) }
        if credit == nil { credit = .some(nil) }
        if creditUrl == nil { creditUrl = .some(nil) }
        if archived == nil { archived = false }
    }

    /// The piece fields written onto `record` (the file's bytes are not touched here); tags
    /// the catalog does not hold (for this kind of piece) are dropped.
    func apply(to record: inout MediaRecord, catalog: MediaCatalog) {
        if let tags {
            let tagKind: MediaTag.Kind = kind == .file ? .file : .image
            var kept: [String] = []
            for id in tags where !kept.contains(id) && catalog.tag(documentId: id)?.kind == tagKind { kept.append(id) }
            record.piece.tags = kept
        }
        record.piece.kind = kind
        if let title { record.piece.title = title.flatMap { $0.isEmpty ? nil : $0 } }
        if let slug { record.piece.slug = slug.flatMap { $0.isEmpty ? nil : $0 } }
        if let text {
            if kind == .file { record.caption = text } else { record.alternativeText = text }
        }
        if let credit { record.piece.credit = credit }
        if let creditUrl { record.piece.creditUrl = creditUrl }
        if let archived { record.piece.archived = archived }
    }

    /// Another file's bytes under this piece (a PUT or PATCH with a new `attachment`): the
    /// piece keeps its id and fields; its file URLs change, as the file did.
    static func takeFile(of source: MediaRecord, into record: inout MediaRecord) {
        record.name = source.name
        record.hash = MediaNaming.hash(for: source.name)
        record.ext = source.ext
        record.mime = source.mime
        record.bytes = source.bytes
        record.sha256 = source.sha256
        record.width = source.width
        record.height = source.height
        record.formats = source.formats
        record.crops = source.crops
        record.focalPoint = source.focalPoint
    }

    private static func text(_ value: Value, _ key: String, into issues: inout [ValidationIssue]) throws(AposError) -> String?? {
        switch value {
        case .string(let text): return .some(text)
        case .null: return .some(nil)
        default:
            issues.append(ValidationIssue(path: [key], message: "\(key) must be a string"))
            return nil
        }
    }

    /// Apostrophe's slug field: slugified, with the type's prefix (`image-`, `file-`).
    static func slug(_ text: String, kind: MediaPieceFields.Kind) -> String {
        let slug = AposTypeMap.slugify(text)
        guard !slug.isEmpty else { return "" }
        let prefix = AposImageFileShape.prefix(kind)
        return slug.hasPrefix(prefix) ? slug : prefix + slug
    }

    static func isURL(_ text: String) -> Bool {
        if text.contains(where: \.isWhitespace) { return false }
        if text.hasPrefix("/") || text.hasPrefix("#") || text.hasPrefix("?") { return true }
        if text.hasPrefix("mailto:") || text.hasPrefix("tel:") { return text.count > 7 }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme) else { return false }
        return url.host?.isEmpty == false
    }
}
