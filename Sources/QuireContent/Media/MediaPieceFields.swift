import Foundation

/// What Apostrophe's `@apostrophecms/image` and `@apostrophecms/file` pieces hold beyond the
/// file itself. One media file is one piece: `alt` is the file's `alternativeText`, a file
/// piece's `description` its `caption`; the rest lives here. Absent fields take the defaults a
/// Strapi upload implies (title from the name, slug from the title, type from the file's kind).
public struct MediaPieceFields: Sendable, Equatable {
    /// Which piece type shows the file: nil means by its kind (images group → image, else file).
    public enum Kind: String, Sendable {
        case image = "@apostrophecms/image"
        case file = "@apostrophecms/file"
        /// Uploaded through Apostrophe's attachment route and not (yet) made a piece, as in
        /// Apostrophe, where an attachment becomes a piece only when a piece is inserted with it.
        case attachment
    }

    public var kind: Kind?
    public var title: String?
    public var slug: String?
    public var credit: String?
    public var creditUrl: String?
    public var archived = false
    /// The documentIds of its image-tag or file-tag pieces (`_tags`).
    public var tags: [String] = []

    public init() {}

    public var isEmpty: Bool { self == MediaPieceFields() }

    /// One flow mapping (JSON, which YAML reads), written only when something is set.
    func yamlLine() -> String? {
        guard !isEmpty else { return nil }
        var object = OrderedObject()
        if let kind { object["type"] = .string(kind.rawValue) }
        if let title { object["title"] = .string(title) }
        if let slug { object["slug"] = .string(slug) }
        if let credit { object["credit"] = .string(credit) }
        if let creditUrl { object["creditUrl"] = .string(creditUrl) }
        if archived { object["archived"] = .bool(true) }
        if !tags.isEmpty { object["tags"] = .array(tags.map(Value.string)) }
        return "piece: " + String(decoding: JSON.encode(.object(object)), as: UTF8.self)
    }

    static func parse(_ value: Any?) -> MediaPieceFields {
        var fields = MediaPieceFields()
        guard let map = value as? [String: Any] else { return fields }
        fields.kind = (map["type"] as? String).flatMap(Kind.init(rawValue:))
        fields.title = map["title"] as? String
        fields.slug = map["slug"] as? String
        fields.credit = map["credit"] as? String
        fields.creditUrl = map["creditUrl"] as? String
        fields.archived = map["archived"] as? Bool ?? false
        fields.tags = (map["tags"] as? [Any] ?? []).compactMap { $0 as? String }
        return fields
    }
}
