import HashTreeCollections
import QuireContent
import QuireGit
import QuireIndex

/// A document's draft branch as the review routes show it.
public struct DraftBranch: Sendable {
    public var key: DocumentKey
    /// `refs/heads/drafts/<locale>/<type>/<documentId>`.
    public var reference: String
    public var path: String
    public var blob: ObjectID
    public var fields: OrderedObject
    public var tip: ObjectID
    /// main's commit when the branch was made; nil when unknown.
    public var base: ObjectID?
    /// Seconds since 1970 of the branch's last commit.
    public var updatedAt: Int64
}

extension Site {
    /// Every valid draft branch, by reference name.
    public func draftBranches() -> [DraftBranch] {
        state.drafts.keys.map { draftBranch($0)! }.sorted { $0.reference < $1.reference }
    }

    public func draftBranch(_ key: DocumentKey) -> DraftBranch? {
        guard let draft = state.drafts[key] else { return nil }
        return DraftBranch(
            key: key, reference: SiteLayout.draftReference(for: key), path: draft.path, blob: draft.blob,
            fields: draft.fields, tip: draft.tip, base: draft.base, updatedAt: draft.times.updated)
    }
}
