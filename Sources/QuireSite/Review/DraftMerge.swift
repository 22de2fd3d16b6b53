import HashTreeCollections
import QuireContent
import QuireGit
import QuireIndex

/// What publishing one draft puts on main, worked out before anything is written, so that a
/// release can check every document first and write all or nothing.
struct DraftMerge {
    enum Kind {
        /// main is still at the branch's base: main can move to the branch's tip.
        case fastForward
        /// main moved: a merge commit is needed, holding `blob` at `path`.
        case merge
        /// The branch has no commit of its own (it is already in main): only delete it.
        case alreadyMerged
    }

    var key: DocumentKey
    var kind: Kind
    var draft: DraftEntry
    /// Where the file goes on main (main's own path when a human moved it there).
    var path: String
    var blob: ObjectID
    var bytes: [UInt8]
    var fields: OrderedObject
}

extension Site {
    /// Merges a draft with main's version of the document field by field against the branch's
    /// recorded base; throws `fieldConflicts` when both sides changed a field differently.
    func mergeDraft(_ key: DocumentKey, type: ContentType, changed: Set<DocumentKey>) async throws -> DraftMerge {
        guard type.draftAndPublish, let draft = state.drafts[key] else { throw WriteError.noDraft }
        let repository = store.repository
        let published = state.published[key]
        let path = published?.path ?? draft.path
        if draft.base == draft.tip {
            return DraftMerge(key: key, kind: .alreadyMerged, draft: draft, path: path, blob: draft.blob, bytes: [], fields: draft.fields)
        }
        let baseTree = try await draft.base.asyncMap { try await repository.commit($0).tree }
        let others = try await repository.diffTrees(from: baseTree, to: draft.tree).map(\.path).filter { $0 != draft.path }
        if !others.isEmpty {
            // Publishing moves one document; a branch carrying more is a job for `git merge`.
            throw WriteError.conflict("the draft branch also changes \(others.prefix(3).joined(separator: ", ")); merge it with git")
        }

        var fields = draft.fields
        var kind = DraftMerge.Kind.merge
        if state.mainTip == draft.base {
            kind = .fastForward
        } else if let published, published.blob != draft.blob {
            let baseBlob = try await baseTree.asyncMap { try await repository.entry(atPath: draft.path, inTree: $0)?.id } ?? nil
            if published.blob != baseBlob {
                let base = try await baseFields(baseBlob, path: draft.path, type: type)
                let outcome = FieldMerge.merge(base: base, published: published.fields, draft: draft.fields, type: type)
                guard outcome.conflicts.isEmpty else { throw WriteError.fieldConflicts(outcome.conflicts) }
                fields = outcome.fields
            }
        }
        // Drafts may lack what publishing requires (Strapi's rules): check as a published write.
        fields = try DocumentEdit(definition: state.definition, state: state, snapshot: snapshot, changed: changed, uniqueIndex: uniqueIndex)
            .apply([:], to: fields, key: key, type: type, view: .published, isNew: false)

        let blob: ObjectID
        let bytes: [UInt8]
        if fields == draft.fields {
            (blob, bytes) = (draft.blob, try await repository.readBlob(draft.blob))
        } else if let published, fields == published.fields {
            (blob, bytes) = (published.blob, try await repository.readBlob(published.blob))
        } else {
            let codec = DocumentCodec(schema: state.definition.schema)
            bytes = codec.encode(fields, type: type, format: DocumentFormat(path: path) ?? .yaml)
            blob = try await repository.writeBlob(bytes)
        }
        if kind == .fastForward, blob != draft.blob || path != draft.path { kind = .merge }
        return DraftMerge(key: key, kind: kind, draft: draft, path: path, blob: blob, bytes: bytes, fields: fields)
    }

    /// The document as it was when the branch was made; empty when it did not exist (or no
    /// longer reads), so every field either side set counts as a change.
    func baseFields(_ blob: ObjectID?, path: String, type: ContentType) async throws -> OrderedObject {
        guard let blob else { return OrderedObject() }
        let bytes = try await store.repository.readBlob(blob)
        let codec = DocumentCodec(schema: state.definition.schema)
        return codec.decode(bytes, format: DocumentFormat(path: path) ?? .yaml, type: type, path: path, isDraft: true).fields ?? OrderedObject()
    }

    /// Publishing by PUT (Strapi's `status=published` on a document with a draft) writes the
    /// draft plus the request's changes over main. If main changed the document since the draft
    /// branched, that change is merged in field by field, exactly as `POST .../publish` does,
    /// instead of being silently overwritten; the same field changed on both sides is a 409.
    func mergeWithMain(
        _ fields: OrderedObject, draft: DraftEntry, published: PublishedEntry, key: DocumentKey, type: ContentType,
        changed: Set<DocumentKey>
    ) async throws -> OrderedObject {
        let repository = store.repository
        let baseTree = try await draft.base.asyncMap { try await repository.commit($0).tree }
        let baseBlob = try await baseTree.asyncMap { try await repository.entry(atPath: draft.path, inTree: $0)?.id } ?? nil
        guard published.blob != baseBlob else { return fields }
        let base = try await baseFields(baseBlob, path: draft.path, type: type)
        let outcome = FieldMerge.merge(base: base, published: published.fields, draft: fields, type: type)
        guard outcome.conflicts.isEmpty else { throw WriteError.fieldConflicts(outcome.conflicts) }
        return try DocumentEdit(definition: state.definition, state: state, snapshot: snapshot, changed: changed, uniqueIndex: uniqueIndex)
            .apply([:], to: outcome.fields, key: key, type: type, view: .published, isNew: false)
    }

    /// Records a merged draft in the state: main's entry, the branch gone, the work tree file.
    func accept(_ merge: DraftMerge, updated: Int64, batch: inout WriteBatch) {
        let key = merge.key
        batch.move(SiteLayout.draftReference(for: key), from: merge.draft.tip, to: nil)
        state.drafts[key] = nil
        state.draftTips[key] = nil
        batch.changed.insert(key)
        guard merge.kind != .alreadyMerged else { return }
        let created = min(state.published[key]?.times.created ?? merge.draft.times.created, merge.draft.times.created)
        state.published[key] = PublishedEntry(
            path: merge.path, blob: merge.blob, fields: merge.fields, times: DocumentTimes(created: created, updated: updated))
        batch.mainFiles[merge.path] = merge.bytes
    }
}
