import QuireContent
import QuireIndex

/// The record whose names a part of a query string uses: a content type's documents, a
/// component's items, or upload file objects (media fields).
enum StrapiShape {
    case type(ContentType)
    case component(Component)
    case media

    /// Upload file fields (Strapi's `plugin::upload.file`), for filters on media.
    static let fileFields: Set<String> = [
        "id", "documentId", "name", "alternativeText", "caption", "width", "height", "formats", "hash", "ext",
        "mime", "size", "url", "previewUrl", "provider", "provider_metadata", "createdAt", "updatedAt", "publishedAt",
    ]

    enum Field {
        /// `id`, `documentId` and the timestamps and `locale` of documents; `id` of items.
        case system
        case attribute(Attribute)
    }

    func field(_ name: String) -> Field? {
        switch self {
        case .type(let type):
            if SystemField(rawValue: name) != nil { return .system }
            return type.attribute(named: name).map(Field.attribute)
        case .component(let component):
            if name == "id" { return .system }
            return component.attributes.first { $0.name == name }.map(Field.attribute)
        case .media:
            return Self.fileFields.contains(name) ? .system : nil
        }
    }

    var attributes: [Attribute] {
        switch self {
        case .type(let type): type.attributes
        case .component(let component): component.attributes
        case .media: []
        }
    }
}

extension Attribute {
    /// Never exposed through queries: private and password attributes.
    var isHidden: Bool {
        if case .password = type { return true }
        return isPrivate
    }

    /// Relations, media, components and dynamic zones: what `populate` accepts.
    var isPopulatable: Bool { !type.isScalar }
}

/// Boolean text as Strapi's `parseType({type: 'boolean'})` reads it; nil if not boolean-like.
func strapiBoolean(_ text: String?) -> Bool? {
    switch text {
    case "true", "t", "1": true
    case "false", "f", "0": false
    default: nil
    }
}
