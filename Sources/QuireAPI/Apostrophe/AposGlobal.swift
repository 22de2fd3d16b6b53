import QuireContent
import QuireIndex

/// Apostrophe's `@apostrophecms/global`: the site-wide settings every frontend reads. In
/// Quire it is the single type named `global` (`schemas/global.yaml`, one file per locale at
/// `content/<locale>/global/global.yaml`, aposDocId `global`), so it is edited, reviewed and
/// published like any single type, and also answers at `/api/v1/global` and `/api/global`.
///
/// Apostrophe inserts its global document at startup (`singletonAuto`). Quire writes nothing
/// on a read: until the first write, reads answer the unsaved global (the schema's defaults,
/// no times), and the first write of a locale commits it ("parks" it) before applying itself.
/// A site without `schemas/global.yaml` answers Apostrophe's fieldless global and refuses
/// writes with a message saying where the fields go.
enum AposGlobal {
    static let apostropheName = "@apostrophecms/global"
    static let singularName = "global"
    static let path = "/api/v1/@apostrophecms/global"

    static func isGlobal(_ type: ContentType) -> Bool {
        type.kind == .singleType && type.singularName == singularName
    }

    /// The schema's `global` single type, or Apostrophe's fieldless one when the site has none.
    static func type(in schema: SiteSchema) -> ContentType {
        if let type = schema.contentType(singular: singularName), isGlobal(type) { return type }
        return ContentType(
            kind: .singleType, singularName: singularName, pluralName: "globals", displayName: "Global",
            draftAndPublish: true, localized: true, shard: nil, attributes: [], sourcePath: "")
    }

    static func isDefined(in schema: SiteSchema) -> Bool {
        schema.contentType(singular: singularName).map(isGlobal) ?? false
    }

    static let undefined = AposError.invalid(
        "This site defines no global settings: add schemas/global.yaml (kind: singleType) with their fields")

    /// What a new global holds: the schema's defaults, as Apostrophe's `newInstance`.
    static func defaults(of type: ContentType) -> OrderedObject {
        AposUnsaved.defaults(of: type)
    }

    /// The unsaved global in Apostrophe's shape (its defaults may name related documents: `shape`
    /// shows only those the caller may read).
    static func renderUnsaved(_ type: ContentType, locale: String, shape: AposDocumentShape) -> OrderedObject {
        let key = DocumentKey(locale: locale, type: type.singularName, documentId: singularName)
        var object = shape.render(AposUnsaved.version(type, key: key, fields: defaults(of: type)), type: type)
        AposUnsaved.clearTimes(&object)
        return object
    }
}
