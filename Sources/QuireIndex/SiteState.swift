import HashTreeCollections
import QuireContent
import QuireGit

/// A document's current file on main.
package struct PublishedEntry: Sendable {
    package var path: String
    package var blob: ObjectID
    package var fields: OrderedObject
    package var times: DocumentTimes

    package init(path: String, blob: ObjectID, fields: OrderedObject, times: DocumentTimes) {
        (self.path, self.blob, self.fields, self.times) = (path, blob, fields, times)
    }
}

/// A document's file on its draft branch.
package struct DraftEntry: Sendable {
    package var path: String
    package var blob: ObjectID
    package var fields: OrderedObject
    package var tip: ObjectID
    package var tree: ObjectID
    package var times: DocumentTimes
    /// main's commit when the branch was made (see `DraftBase`); nil when unknown.
    package var base: ObjectID?

    package init(path: String, blob: ObjectID, fields: OrderedObject, tip: ObjectID, tree: ObjectID, times: DocumentTimes, base: ObjectID?) {
        (self.path, self.blob, self.fields, self.tip, self.tree, self.times, self.base) = (path, blob, fields, tip, tree, times, base)
    }
}

/// What the writer and the syncer know of the repository: the source every snapshot is made from.
/// Owned by the `Site` actor; a value type so a failed batch can be rolled back by assignment.
/// Its maps are persistent hash tries: a copy (a rollback point, the saved-index writer) costs
/// nothing, and the next write into either copies only the path to the changed entry.
package struct SiteState: Sendable {
    package var definition: SiteDefinition
    package var mainTip: ObjectID?
    package var mainTree: ObjectID?
    /// Main's tip when the times cache on disk was written for exactly it (nothing to save again).
    package var timesCachedFor: ObjectID?
    /// What the saved index on disk holds, when it holds exactly this state (nothing to save again).
    package var savedFor: SavedPoint?
    /// Where the saved index's files stood when this state was read from them; handed to the
    /// `Site` at its start (which then owns it) and nil afterwards.
    package var savedMark: SavedJournal.Mark?
    package var published: TreeDictionary<DocumentKey, PublishedEntry> = [:]
    package var drafts: TreeDictionary<DocumentKey, DraftEntry> = [:]
    /// Every draft ref seen, valid or not, so a sync can tell which ones moved.
    package var draftTips: TreeDictionary<DocumentKey, ObjectID> = [:]
    /// Bad files by path: reported once, skipped, their last good version kept.
    var badFiles: TreeDictionary<String, [Problem]> = [:]

    package init(definition: SiteDefinition, mainTip: ObjectID?, mainTree: ObjectID?) {
        (self.definition, self.mainTip, self.mainTree) = (definition, mainTip, mainTree)
    }

    package var problems: [Problem] {
        definition.problems + badFiles.keys.sorted().flatMap { badFiles[$0]! }
    }

    func hasDraftAndPublish(_ type: String) -> Bool {
        definition.schema.contentType(singular: type)?.draftAndPublish ?? false
    }

    func publishedData(_ key: DocumentKey) -> DocumentData? {
        guard let entry = published[key] else { return nil }
        return DocumentData(
            key: key, path: entry.path, blob: entry.blob, fields: entry.fields,
            createdAt: entry.times.created, updatedAt: entry.times.updated, publishedAt: entry.times.updated)
    }

    /// Strapi's draft view: the draft if there is one, else the published content; never a publishedAt.
    func draftData(_ key: DocumentKey) -> DocumentData? {
        if let draft = drafts[key] {
            let created = min(draft.times.created, published[key]?.times.created ?? draft.times.created)
            return DocumentData(
                key: key, path: draft.path, blob: draft.blob, fields: draft.fields,
                createdAt: created, updatedAt: draft.times.updated, publishedAt: nil)
        }
        guard var data = publishedData(key) else { return nil }
        data.publishedAt = nil
        return data
    }

    /// Every key with a version in either view.
    var allKeys: Set<DocumentKey> {
        Set(published.keys).union(drafts.keys)
    }
}

/// Main's tip and every draft tip: all of a `SiteState` follows from them (and the code that
/// read them), so two states with the same point hold the same documents.
package struct SavedPoint: Equatable, Sendable {
    var mainTip: ObjectID?
    var draftTips: TreeDictionary<DocumentKey, ObjectID>

    package init(_ state: SiteState) {
        mainTip = state.mainTip
        draftTips = state.draftTips
    }
}
