import Foundation
import HashTreeCollections
import QuireContent
import QuireGit
import QuireIndex

extension Site {
    /// Publish, unpublish, discard and restore: one document, at most one commit or merge on main.
    func review(
        _ operation: WriteRequest.Operation, key: DocumentKey, type: ContentType, status: View,
        author: Signature, batch: inout WriteBatch
    ) async throws -> ObjectID? {
        var author = author
        // The commit's time is the document's updatedAt: stamp it now, not when the request came.
        author.time = Int64(Date().timeIntervalSince1970)
        switch operation {
        case .publish: return try await publish(key, type: type, author: author, batch: &batch)
        case .unpublish: return try await unpublish(key, type: type, author: author, batch: &batch)
        case .discard: return try discard(key, batch: &batch)
        case .restore(_, let commit): return try await restore(key, type: type, commit: commit, status: status, author: author, batch: &batch)
        default: return nil
        }
    }

    private func publish(_ key: DocumentKey, type: ContentType, author: Signature, batch: inout WriteBatch) async throws -> ObjectID? {
        let merge = try await mergeDraft(key, type: type, changed: batch.changed)
        switch merge.kind {
        case .alreadyMerged:
            accept(merge, updated: state.published[key]?.times.updated ?? author.time, batch: &batch)
            return nil
        case .fastForward:
            try await checkWorkTree(merge.path)
            batch.move(SiteLayout.mainReference, from: state.mainTip, to: merge.draft.tip)
            state.mainTip = merge.draft.tip
            state.mainTree = merge.draft.tree
            // The served work tree follows main (without this, `git status` showed every
            // publish as a local edit, and a plain `git commit -a` would have undone it).
            batch.mainFiles[merge.path] = .some(merge.bytes)
            accept(merge, updated: merge.draft.times.updated, batch: &batch)
            return merge.draft.tip
        case .merge:
            try await checkWorkTree(merge.path)
            let commit = try await commitOnMain(
                [merge.path: merge.blob], merging: [merge.draft.tip], author: author, message: CommitMessage.publish(key), batch: &batch).commit
            batch.mainFiles[merge.path] = .some(merge.bytes)
            accept(merge, updated: author.time, batch: &batch)
            return commit
        }
    }

    /// main loses the file in one commit; the content stays as the draft. Without a draft yet,
    /// a branch is made on top of that commit, so publishing again is a plain fast-forward.
    private func unpublish(_ key: DocumentKey, type: ContentType, author: Signature, batch: inout WriteBatch) async throws -> ObjectID? {
        guard type.draftAndPublish, let published = state.published[key] else { throw WriteError.notFound }
        if state.drafts[key] == nil, state.draftTips[key] != nil {
            throw WriteError.conflict("the draft branch \(SiteLayout.draftReference(for: key)) holds a file that does not read; fix or delete it first")
        }
        try await checkWorkTree(published.path)
        let commit = try await commitOnMain([published.path: nil], author: author, message: CommitMessage.unpublish(key), batch: &batch).commit
        batch.mainFiles[published.path] = .some(nil)
        batch.changed.insert(key)
        state.published[key] = nil
        guard state.drafts[key] == nil else { return commit }

        let made = try await commitOnDraft(
            key, changes: [published.path: published.blob], author: author, subject: CommitMessage.keepAsDraft(key), batch: &batch)
        state.drafts[key] = DraftEntry(
            path: published.path, blob: published.blob, fields: published.fields, tip: made.tip, tree: made.tree,
            times: DocumentTimes(created: published.times.created, updated: author.time), base: made.base)
        return commit
    }

    private func discard(_ key: DocumentKey, batch: inout WriteBatch) throws -> ObjectID? {
        guard let draft = state.drafts[key] else { throw WriteError.noDraft }
        batch.move(SiteLayout.draftReference(for: key), from: draft.tip, to: nil)
        batch.changed.insert(key)
        state.drafts[key] = nil
        state.draftTips[key] = nil
        return nil
    }
}
