import QuireContent
import QuireIndex

/// Apostrophe's `archived` query builder: archived documents are hidden unless asked for.
/// `archived=true` (or `1`) gives only them, `false` (the default) none, `any` (or any other
/// value, as `launder.booleanOrNull` reads it) both. Pages are archived by `parent: _archive`
/// in their file or an ancestor's (see `AposPageTree`); pieces by a boolean attribute named
/// `archived` that their schema declares (`PATCH {"archived": true}`). A piece type without
/// one cannot be archived: `archived: true` in a write is refused (`AposFieldInput`).
enum AposArchived: Sendable, Equatable {
    case hidden, only, any

    init(_ node: QueryNode?) {
        guard let node else {
            self = .hidden
            return
        }
        switch node.string {
        case "true", "1", "on": self = .only
        case "false", "0", "off": self = .hidden
        default: self = .any
        }
    }

    /// The documentIds of `type` that are archived in this view and locale.
    static func documentIds(of type: ContentType, snapshot: SiteSnapshot, view: View, locale: String) -> Set<String> {
        guard type.isPageType else { return [] }
        let slot = AposSnapshotCache.ArchiveSlot(view: view, locale: locale)
        return AposSnapshotCache.of(snapshot).archived(slot) {
            AposPageTree(snapshot: snapshot, view: view, locale: locale, readable: nil).archivedPages
        }
    }

    /// The piece attribute that archives, if the type has one.
    static func field(of type: ContentType) -> String? {
        guard !type.isPageType, let attribute = type.attribute(named: "archived"), attribute.type == .boolean else { return nil }
        return attribute.name
    }

    /// Whether one document is archived.
    static func isArchived(_ version: DocumentVersion, type: ContentType, snapshot: SiteSnapshot, view: View) -> Bool {
        if let field = field(of: type) { return version.fields[field] == .bool(true) }
        return documentIds(of: type, snapshot: snapshot, view: view, locale: version.key.locale).contains(version.key.documentId)
    }

    /// The list filter that applies this choice, nil when it keeps everything: by the type's
    /// `archived` attribute when it has one, else by the archived pages' ids.
    func filter(_ archived: Set<String>, field: String? = nil) -> Filter? {
        if let field {
            let flagged = Filter.field(field, .eq, ["true"])
            return switch self {
            case .any: nil
            // A document that never set the field is not archived (`$ne: true`); a plain `not`
            // would leave such null rows out.
            case .hidden: .or([.not(flagged), .field(field, .null, ["true"])])
            case .only: flagged
            }
        }
        return switch self {
        case .any: nil
        case .hidden: archived.isEmpty ? nil : .not(.field("documentId", .in, archived.sorted()))
        case .only: archived.isEmpty ? .not(.all) : .field("documentId", .in, archived.sorted())
        }
    }

    func admits(_ documentId: String, archived: Set<String>) -> Bool {
        switch self {
        case .any: true
        case .hidden: !archived.contains(documentId)
        case .only: archived.contains(documentId)
        }
    }
}
