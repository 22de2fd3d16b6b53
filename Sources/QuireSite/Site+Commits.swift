import HashTreeCollections
import QuireContent
import QuireGit
import QuireIndex

extension Site {
    /// Main as the state knows it.
    var mainHead: BranchHead {
        BranchHead(commit: state.mainTip, tree: state.mainTree)
    }

    /// A commit on main in this batch (made by the store): main's move noted in the batch,
    /// its new tip and tree in the state.
    func commitOnMain(
        _ changes: [String: ObjectID?], merging: [ObjectID] = [], author: Signature, message: String, batch: inout WriteBatch
    ) async throws -> (commit: ObjectID, tree: ObjectID) {
        let made = try await store.commits.onMain(mainHead, changes: changes, merging: merging, author: author, message: message)
        batch.move(SiteLayout.mainReference, from: state.mainTip, to: made.commit)
        state.mainTip = made.commit
        state.mainTree = made.tree
        return made
    }

    /// A commit on the document's draft branch in this batch (made from main when it has none
    /// yet): the branch's move noted in the batch, its tip in the state. The caller records the
    /// draft's entry.
    func commitOnDraft(
        _ key: DocumentKey, changes: [String: ObjectID?], author: Signature, subject: String, batch: inout WriteBatch
    ) async throws -> DraftHead {
        let draft = state.drafts[key]
        let head = draft.map { DraftHead(tip: $0.tip, tree: $0.tree, base: $0.base) }
        let made = try await store.commits.onDraft(head, main: mainHead, changes: changes, author: author, subject: subject)
        batch.move(SiteLayout.draftReference(for: key), from: draft?.tip, to: made.tip)
        state.draftTips[key] = made.tip
        return made
    }
}
