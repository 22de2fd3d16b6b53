import Foundation
import QuireContent
import QuireIndex

extension Site {
    /// Every document change from now on, once it is durable (API writes after they are
    /// acknowledged, and commits made outside the server once they are read in). At most
    /// `limit` events wait for a slow consumer; older ones are dropped and passed to `onDrop`.
    public nonisolated func events(
        bufferingNewest limit: Int = 1000, onDrop: @escaping @Sendable (SiteEvent) -> Void = { _ in }
    ) -> AsyncStream<SiteEvent> {
        eventHub.subscribe(bufferingNewest: limit, onDrop: onDrop)
    }

    /// Announces what changed between two snapshots for `keys`. Costs nothing without listeners.
    func announce(_ keys: Set<DocumentKey>, from before: SiteSnapshot, to after: SiteSnapshot) {
        guard !keys.isEmpty, !eventHub.isEmpty else { return }
        let time = Date().timeIntervalSince1970
        var events: [SiteEvent] = []
        for key in keys.sorted(by: { "\($0)" < "\($1)" }) {
            let draftAndPublish = after.schema.contentType(singular: key.type)?.draftAndPublish
                ?? before.schema.contentType(singular: key.type)?.draftAndPublish ?? false
            let old = DocumentSides(before, key, draftAndPublish: draftAndPublish)
            let new = DocumentSides(after, key, draftAndPublish: draftAndPublish)
            for (kind, entry) in Self.changes(from: old, to: new, draftAndPublish: draftAndPublish) {
                events.append(SiteEvent(kind: kind, key: key, entry: entry.rendered, commit: after.mainTip, time: time))
            }
        }
        eventHub.send(events)
    }

    /// Strapi 5's events for one document's change: creating or updating a published entry of a
    /// draft & publish type is also a publish, as with Strapi's REST API.
    static func changes(from old: DocumentSides, to new: DocumentSides, draftAndPublish: Bool) -> [(SiteEvent.Kind, DocumentVersion)] {
        switch (old.any, new.any) {
        case (nil, nil):
            return []
        case (nil, let created?):
            if draftAndPublish, let published = new.published { return [(.create, published), (.publish, published)] }
            return [(.create, created)]
        case (let gone?, nil):
            return [(.delete, gone)]
        case (_, let current?):
            if old.published != nil, new.published == nil { return [(.unpublish, new.draft ?? current)] }
            if let published = new.published, old.published?.blob != published.blob {
                if old.published == nil || (old.draft != nil && new.draft == nil) { return [(.publish, published)] }
                return draftAndPublish ? [(.update, published), (.publish, published)] : [(.update, published)]
            }
            if let draft = new.draft, old.draft?.blob != draft.blob { return [(.update, draft)] }
            if old.draft != nil, new.draft == nil { return [(.discardDraft, current)] }
            return []
        }
    }
}

/// One document's versions in a snapshot: published, and its own draft (not the published
/// content the draft view falls back to).
struct DocumentSides {
    var published: DocumentVersion?
    var draft: DocumentVersion?

    init(_ snapshot: SiteSnapshot, _ key: DocumentKey, draftAndPublish: Bool) {
        published = snapshot.document(view: .published, key: key)
        if draftAndPublish, let draft = snapshot.document(view: .draft, key: key), draft.blob != published?.blob {
            self.draft = draft
        }
    }

    var any: DocumentVersion? { published ?? draft }
}
