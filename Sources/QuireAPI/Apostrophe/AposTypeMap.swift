import Foundation
import QuireContent

/// Where Apostrophe's fixed `title` and `slug` live in a Quire schema. `title` is the attribute
/// named `title`, else the `targetField` of the first uid attribute, else the first string
/// attribute. `slug` is the first uid attribute, else the attribute named `slug` (none: the
/// documentId stands in, read-only).
/// A to-one or to-many relation `author` is `authorIds` plus `_author` (the related documents).
struct AposTypeMap: Sendable {
    let type: ContentType
    let titleField: String?
    let slugField: String?

    init(_ type: ContentType) {
        self.type = type
        let uid = type.attributes.first { if case .uid = $0.type { true } else { false } }
        // Page types keep a plain string `slug`: a URL segment is unique among siblings only.
        slugField = uid?.name ?? type.attribute(named: "slug").map(\.name)
        if AposGlobal.isGlobal(type) {
            // Apostrophe's global has no title field: only one named so stands in.
            titleField = type.attribute(named: "title").flatMap { Self.isText($0.type) ? $0.name : nil }
        } else if let named = type.attribute(named: "title"), Self.isText(named.type) {
            titleField = named.name
        } else if case .uid(let target?)? = uid?.type, type.attribute(named: target) != nil {
            titleField = target
        } else {
            titleField = type.attributes.first { Self.isText($0.type) }?.name
        }
    }

    static func isText(_ type: AttributeType) -> Bool {
        switch type {
        case .string, .text, .email: true
        default: false
        }
    }

    /// The Quire attribute an Apostrophe field name stands for: `title`/`slug` aliases,
    /// `_author` and `authorIds` for a relation `author`, else the attribute of that name.
    func attribute(forField name: String) -> Attribute? {
        if name == "title", let titleField { return type.attribute(named: titleField) }
        if name == "slug", let slugField { return type.attribute(named: slugField) }
        if let attribute = type.attribute(named: name) { return attribute }
        if name.hasPrefix("_"), let relation = type.attribute(named: String(name.dropFirst())), relation.isRelation { return relation }
        // A media attribute is an image relationship (`AposImageRelationship`).
        if name.hasPrefix("_"), let media = type.attribute(named: String(name.dropFirst())), case .media = media.type { return media }
        if name.hasSuffix("Ids"), let relation = type.attribute(named: String(name.dropLast(3))), relation.isRelation { return relation }
        return nil
    }

    /// Apostrophe's `slugify`: lowercase words joined by `-`, accents folded.
    static func slugify(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en")).lowercased()
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug
    }
}

extension Attribute {
    var isRelation: Bool {
        if case .relation = type { return true }
        return false
    }

    var isToMany: Bool {
        if case .relation(let kind, _, _, _) = type { return kind.isToMany }
        return false
    }

    /// The inverse side of a relation (`mappedBy`, Apostrophe's `relationshipReverse`): computed
    /// from the documents that link here, never stored on this side.
    var isReverseRelation: Bool {
        if case .relation(_, _, _, let mappedBy) = type { return mappedBy != nil }
        return false
    }

    var relationTarget: String? {
        if case .relation(_, let target, _, _) = type { return target }
        return nil
    }
}
