import Foundation
import QuireContent
import QuireIndex

/// An image or file tag as Apostrophe's piece routes answer it, and what a write may set.
enum AposMediaTagShape {
    static func render(_ tag: MediaTag, identity: AposIdentity) -> OrderedObject {
        let updated = Value.string(MediaRecord.dateTime(tag.updatedAt))
        return [
            "_id": .string("\(tag.documentId):\(identity.locale):\(identity.mode.rawValue)"),
            "aposDocId": .string(tag.documentId),
            "aposLocale": .string("\(identity.locale):\(identity.mode.rawValue)"),
            "aposMode": .string(identity.mode.rawValue),
            "type": .string(tag.kind.rawValue),
            "metaType": .string("doc"),
            "title": .string(tag.title),
            "slug": .string(tag.slug),
            "archived": .bool(tag.archived),
            "titleSortified": .string(AposTypeMap.slugify(tag.title).replacingOccurrences(of: "-", with: " ")),
            "createdAt": .string(MediaRecord.dateTime(tag.createdAt)),
            "updatedAt": updated,
            "cacheInvalidatedAt": updated,
            "lastPublishedAt": updated,
            "modified": .bool(false),
        ]
    }

    /// `title` (required), `slug` (slugified; from the title when empty), `archived`. Keys a
    /// read answers are ignored, so a PUT of what GET gave works; others are a 400.
    struct Input {
        var title: String?
        var slug: String?
        var archived: Bool?

        static let answered: Set = [
            "_id", "aposDocId", "aposLocale", "aposMode", "type", "metaType", "titleSortified", "createdAt", "updatedAt",
            "cacheInvalidatedAt", "lastPublishedAt", "modified", "visibility",
        ]

        init(_ body: OrderedObject) throws(AposError) {
            for (key, value) in body.pairs {
                switch (key, value) {
                case ("title", .string(let text)): title = text
                case ("slug", .string(let text)): slug = text
                case ("archived", .bool(let flag)): archived = flag
                case ("title", .null), ("slug", .null): continue
                case ("title", _), ("slug", _), ("archived", _):
                    throw AposError.validation([ValidationIssue(path: [key], message: "\(key) must be a \(key == "archived" ? "boolean" : "string")")])
                case _ where Self.answered.contains(key) || key.hasPrefix("_"):
                    continue
                default:
                    throw AposParameters.badValue(key, "not a field of a tag (title, slug, archived)")
                }
            }
        }

        func apply(to tag: inout MediaTag, replacing: Bool) throws(AposError) {
            if let title { tag.title = title.trimmingCharacters(in: .whitespacesAndNewlines) } else if replacing { tag.title = "" }
            guard !tag.title.isEmpty else {
                throw AposError("invalid", data: ["errors": .array([.object([
                    "name": .string("required"), "message": .string("required"), "path": .string("title"), "code": .int(400), "data": .object([:]),
                ])])])
            }
            if let archived { tag.archived = archived } else if replacing { tag.archived = false }
            let given = slug.map(AposTypeMap.slugify) ?? (replacing ? "" : tag.slug)
            tag.slug = given.isEmpty ? AposTypeMap.slugify(tag.title) : given
        }
    }
}
