import QuireContent
import QuireIndex

/// Apostrophe's `archived` query builder: archived documents are hidden unless asked for.
/// `archived=true` (or `1`) gives only them, `false` (the default) none, `any` (or any other
/// value, as `launder.booleanOrNull` reads it) both. In Quire only pages are archived: by
/// `parent: _archive` in their file or an ancestor's (see `AposPageTree`).
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
            AposPageTree(snapshot: snapshot, view: view, locale: locale) { _ in true }.archivedPages
        }
    }

    /// The list filter that applies this choice, nil when it keeps everything.
    func filter(_ archived: Set<String>) -> Filter? {
        switch self {
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
