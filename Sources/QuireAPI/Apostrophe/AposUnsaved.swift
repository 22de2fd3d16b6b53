import QuireContent
import QuireGit
import QuireIndex

/// A document Apostrophe would have parked at startup (the global, the home page) that Quire
/// has not written yet: reads show it as it will be saved, with no times, and the first write
/// that needs it commits it. A read never writes.
enum AposUnsaved {
    /// A version of `fields` that no commit holds (its blob id is all zeros).
    static func version(_ type: ContentType, key: DocumentKey, fields: OrderedObject) -> DocumentVersion {
        let data = DocumentData(
            key: key, path: SiteLayout.newDocumentPath(for: key, shard: nil), blob: ObjectID(hex: String(repeating: "0", count: 40))!,
            fields: fields, createdAt: 0, updatedAt: 0, publishedAt: nil)
        return DocumentVersion(data, type: type, renderer: StrapiRenderer())
    }

    /// The schema's defaults, as Apostrophe's `newInstance` fills them.
    static func defaults(of type: ContentType) -> OrderedObject {
        OrderedObject(type.attributes.compactMap { attribute in attribute.defaultValue.map { (attribute.name, $0) } })
    }

    /// An unsaved document has no history and nothing waiting to be published.
    static func clearTimes(_ object: inout OrderedObject) {
        for key in ["createdAt", "updatedAt", "lastPublishedAt"] where object[key] != nil { object[key] = .null }
        if object["modified"] != nil { object["modified"] = .bool(false) }
    }
}
