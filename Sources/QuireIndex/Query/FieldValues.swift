import Foundation
import QuireContent

/// Reading query fields out of documents and component items.
enum FieldValues {
    /// The comparable key of a scalar or system field of a document.
    static func key(_ field: QueryField, of version: DocumentVersion, type: ContentType) -> ScalarKey? {
        switch field {
        case .system(.id): .integer(version.numericID)
        case .system(.documentId): .text(version.key.documentId)
        case .system(.createdAt): timestamp(version.createdAt)
        case .system(.updatedAt): timestamp(version.updatedAt)
        case .system(.publishedAt): version.publishedAt.flatMap(timestamp)
        case .system(.locale): type.localized ? .text(version.key.locale) : nil
        case .scalar(let attribute): ScalarKey(stored: version.fields[attribute.name], type: attribute.type)
        case .loose(let name): looseKey(version.fields[name])
        case .itemID, .relation, .component, .media, .dynamicZone: nil
        }
    }

    /// The key of a field of a component item (`position` is 1-based) or a media object.
    static func key(_ field: QueryField, ofItem item: OrderedObject, position: Int) -> ScalarKey? {
        switch field {
        case .itemID: .integer(Int64(position))
        case .scalar(let attribute): ScalarKey(stored: item[attribute.name], type: attribute.type)
        case .loose(let name): looseKey(item[name])
        default: nil
        }
    }

    static func extractor(_ field: QueryField, type: ContentType) -> @Sendable (DocumentVersion) -> ScalarKey? {
        { key(field, of: $0, type: type) }
    }

    /// A key as a folded sort orders it (`SortTerm.folded`): its text without case or
    /// accents, and a missing value as empty text.
    static func folded(_ key: ScalarKey?) -> ScalarKey {
        .text((key?.text ?? "").folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil))
    }

    /// The target documentIds a relation field stores (a string, or a list for to-many).
    static func links(_ value: Value?) -> [String] {
        switch value {
        case .string(let id)?: [id]
        case .array(let items)?: items.compactMap { if case .string(let id) = $0 { id } else { nil } }
        default: []
        }
    }

    static func linkExtractor(_ name: String) -> @Sendable (DocumentVersion) -> [String] {
        { links($0.fields[name]) }
    }

    /// The items of a component, repeatable component or media field: objects, each with its
    /// 1-based position. A media reference stored as a bare id reads as `{id: …}`.
    static func items(_ value: Value?) -> [OrderedObject] {
        switch value {
        case .object(let object)?: [object]
        case .array(let list)?: list.compactMap(item)
        case let other?: item(other).map { [$0] } ?? []
        case nil: []
        }
    }

    private static func item(_ value: Value) -> OrderedObject? {
        switch value {
        case .object(let object): object
        case .null: nil
        default: ["id": value]
        }
    }

    /// Untyped values (media objects) compare by their text.
    static func looseKey(_ value: Value?) -> ScalarKey? {
        ScalarKey(stored: value, type: .json).map { .text($0.text) }
    }

    /// Commit times come from git objects anyone can write: an absurd one must not trap.
    private static func timestamp(_ seconds: Int64) -> ScalarKey {
        let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        return .text(ScalarText.dateTime(milliseconds: overflow ? (seconds < 0 ? .min : .max) : milliseconds))
    }
}
