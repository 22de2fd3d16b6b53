import HashTreeCollections
import QuireContent
import QuireGit
import QuireIndex

extension Site {
    /// Writes the document as it was at `commit`: a new commit on main (`.published`) or on
    /// its draft branch (`.draft`, made from main if needed). Nothing is written when the
    /// version is already the current one.
    func restore(_ key: DocumentKey, type: ContentType, commit: ObjectID, status: View,
                 author: Signature, batch: inout WriteBatch) async throws -> ObjectID? {
        let published = state.published[key]
        let draft = state.drafts[key]
        let candidates = [published?.path, draft?.path].compactMap { $0 }
            + [SiteLayout.newDocumentPath(for: key, shard: type.shard), SiteLayout.newDocumentPath(for: key, shard: nil)]
        let revision: DocumentRevision?
        do {
            revision = try await store.revision(of: key, type: type, schema: state.definition.schema, at: commit, candidates: candidates)
        } catch GitError.notFound {
            throw WriteError.versionNotFound
        }
        guard let revision else { throw WriteError.versionNotFound }
        guard let old = revision.fields else {
            throw WriteError.invalid(revision.problems.map { ValidationIssue(path: [], message: "\($0.message) (in the version at \(commit))") })
        }
        let fields = try DocumentEdit(definition: state.definition, state: state, snapshot: snapshot, changed: batch.changed, uniqueIndex: uniqueIndex)
            .apply([:], to: old, key: key, type: type, view: status, isNew: false)
        let subject = CommitMessage.restore(key, to: commit)
        switch status {
        case .published:
            guard fields != published?.fields else { return nil }
            return try await restoreOnMain(key, fields: fields, path: published?.path ?? revision.path, type: type,
                                           subject: subject, author: author, batch: &batch)
        case .draft:
            guard fields != (draft?.fields ?? published?.fields) else { return nil }
            return try await restoreOnDraft(key, fields: fields, path: draft?.path ?? published?.path ?? revision.path, type: type,
                                            subject: subject, author: author, batch: &batch)
        }
    }

    private func restoreOnMain(_ key: DocumentKey, fields: OrderedObject, path: String, type: ContentType,
                               subject: String, author: Signature, batch: inout WriteBatch) async throws -> ObjectID {
        try await checkWorkTree(path)
        let (blob, bytes) = try await writeFile(fields, type: type, path: path)
        let commit = try await commitOnMain([path: blob], author: author, message: subject, batch: &batch).commit
        batch.mainFiles[path] = bytes
        batch.changed.insert(key)
        let created = state.published[key]?.times.created ?? state.drafts[key]?.times.created ?? author.time
        state.published[key] = PublishedEntry(path: path, blob: blob, fields: fields, times: DocumentTimes(created: created, updated: author.time))
        return commit
    }

    private func restoreOnDraft(_ key: DocumentKey, fields: OrderedObject, path: String, type: ContentType,
                                subject: String, author: Signature, batch: inout WriteBatch) async throws -> ObjectID {
        let draft = state.drafts[key]
        if draft == nil, state.draftTips[key] != nil {
            throw WriteError.conflict("the draft branch \(SiteLayout.draftReference(for: key)) holds a file that does not read; fix or delete it first")
        }
        let (blob, _) = try await writeFile(fields, type: type, path: path)
        let made = try await commitOnDraft(key, changes: [path: blob], author: author, subject: subject, batch: &batch)
        batch.changed.insert(key)
        let created = draft?.times.created ?? state.published[key]?.times.created ?? author.time
        state.drafts[key] = DraftEntry(
            path: path, blob: blob, fields: fields, tip: made.tip, tree: made.tree,
            times: DocumentTimes(created: created, updated: author.time), base: made.base)
        return made.tip
    }

    private func writeFile(_ fields: OrderedObject, type: ContentType, path: String) async throws -> (ObjectID, [UInt8]) {
        let bytes = DocumentCodec(schema: state.definition.schema).encode(fields, type: type, format: DocumentFormat(path: path) ?? .yaml)
        return (try await store.repository.writeBlob(bytes), bytes)
    }
}
