import QuireContent

/// Fields every document has without declaring them (Strapi adds them to every content type).
public enum SystemField: String, Sendable, CaseIterable {
    case id, documentId, createdAt, updatedAt, publishedAt, locale
}

/// The shape of a record a filter or sort looks into: a document of a content type, an item of
/// a component, or an upload file object (stored as is, so its fields are untyped).
enum RecordShape: Sendable {
    case document(ContentType)
    case component(Component)
    case media
}

/// What a name means on a record shape.
enum QueryField: Sendable {
    case system(SystemField)
    /// A component item's position (1-based), which the API shows as its `id`.
    case itemID
    case scalar(Attribute)
    /// A media object's field, compared by its JSON value.
    case loose(String)
    case relation(Attribute, target: String, mappedBy: String?)
    case component(Attribute, uid: String, repeatable: Bool)
    case media(Attribute, multiple: Bool)
    case dynamicZone(Attribute)

    static func resolve(_ name: String, on shape: RecordShape) -> QueryField? {
        let attributes: [Attribute]
        switch shape {
        case .media: return fileField(name)
        case .component(let component):
            if name == "id" { return .itemID }
            attributes = component.attributes
        case .document(let type):
            if let system = SystemField(rawValue: name) { return .system(system) }
            attributes = type.attributes
        }
        guard let attribute = attributes.first(where: { $0.name == name }) else { return nil }
        switch attribute.type {
        case .relation(_, let target, _, let mappedBy):
            return .relation(attribute, target: target, mappedBy: mappedBy)
        case .component(let uid, let repeatable): return .component(attribute, uid: uid, repeatable: repeatable)
        case .media(let multiple, _): return .media(attribute, multiple: multiple)
        case .dynamiczone: return .dynamicZone(attribute)
        default: return .scalar(attribute)
        }
    }

    /// A file object's field: numbers and times typed as Strapi's upload file declares them, so
    /// `filters[cover][width][$gt]=500` compares numbers; `formats`, `focalPoint` and
    /// `provider_metadata` (objects) compare by their JSON text.
    private static func fileField(_ name: String) -> QueryField {
        let type: AttributeType? = switch name {
        case "id", "width", "height": .integer
        case "size": .decimal
        case "createdAt", "updatedAt", "publishedAt": .datetime
        case "documentId", "name", "alternativeText", "caption", "hash", "ext", "mime", "url", "previewUrl", "provider": .string
        default: nil
        }
        return type.map { .scalar(Attribute(name: name, type: $0)) } ?? .loose(name)
    }

    /// The type operands are cast to; nil for untyped fields.
    var scalarType: AttributeType? {
        switch self {
        case .system(.id), .itemID: .integer
        case .system(.documentId), .system(.locale): .string
        case .system: .datetime
        case .scalar(let attribute): attribute.type
        default: nil
        }
    }

    var name: String {
        switch self {
        case .system(let field): field.rawValue
        case .itemID: "id"
        case .loose(let name): name
        case .scalar(let attribute), .relation(let attribute, _, _), .component(let attribute, _, _),
             .media(let attribute, _), .dynamicZone(let attribute): attribute.name
        }
    }
}

extension AttributeType {
    /// Text types `_q` searches (Strapi's string types, less passwords).
    var isSearchableText: Bool {
        switch self {
        case .string, .text, .richtext, .email, .uid, .enumeration: true
        default: false
        }
    }

    var isNumeric: Bool {
        switch self {
        case .integer, .biginteger, .float, .decimal: true
        default: false
        }
    }
}
