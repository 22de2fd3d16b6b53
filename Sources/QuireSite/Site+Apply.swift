import Foundation
import HashTreeCollections
import QuireContent
import QuireGit
import QuireIndex

extension Site {
    /// Applies one write to `state`, writing its blob, trees and commit; the refs move later, for
    /// the whole batch. Throws `WriteError` (the caller restores `state`) when the write is refused.
    func apply(_ request: WriteRequest, to batch: inout WriteBatch) async throws -> (commit: ObjectID?, key: DocumentKey?) {
        if case .release(let keys, let message) = request.operation {
            return (try await release(keys, message: message, author: request.author, batch: &batch), nil)
        }
        if case .media(let change) = request.operation {
            return (try await applyMedia(change, author: request.author, batch: &batch), nil)
        }
        let definition = state.definition
        guard let type = definition.schema.contentType(singular: request.type) else {
            throw WriteError.unknownType(request.type)
        }
        if type.localized, !definition.config.locales.contains(request.locale) {
            throw WriteError.unknownLocale(request.locale)
        }
        let locale = type.localized ? request.locale : definition.config.defaultLocale
        let status: View = type.draftAndPublish ? request.status : .published
        switch request.operation {
        case .create(let requested):
            let documentId = type.kind == .singleType ? type.singularName : (requested ?? DocumentID.generate())
            guard DocumentID.isValid(documentId) else { throw WriteError.invalidDocumentId(documentId) }
            let key = DocumentKey(locale: locale, type: type.singularName, documentId: documentId)
            if type.kind == .collectionType || request.createOnly, state.published[key] != nil || state.drafts[key] != nil {
                throw WriteError.alreadyExists
            }
            return (try await put(key, type: type, request: request, status: status, batch: &batch), key)
        case .update(let documentId):
            guard DocumentID.isValid(documentId) else { throw WriteError.notFound }
            let key = DocumentKey(locale: locale, type: type.singularName, documentId: documentId)
            let exists = state.published[key] != nil || state.drafts[key] != nil
            if !exists, type.kind == .collectionType, !existsInAnyLocale(type: type.singularName, documentId: documentId) {
                throw WriteError.notFound
            }
            try checkPrecondition(request.ifMatch, key: key)
            return (try await put(key, type: type, request: request, status: status, batch: &batch), key)
        case .delete(let documentId):
            guard DocumentID.isValid(documentId) else { return (nil, nil) }
            let key = DocumentKey(locale: locale, type: type.singularName, documentId: documentId)
            try checkPrecondition(request.ifMatch, key: key)
            var author = request.author
            author.time = Int64(Date().timeIntervalSince1970)
            return (try await delete(key, author: author, batch: &batch), nil)
        case .publish(let documentId), .unpublish(let documentId), .discard(let documentId), .restore(let documentId, _):
            guard DocumentID.isValid(documentId) else { throw WriteError.notFound }
            let key = DocumentKey(locale: locale, type: type.singularName, documentId: documentId)
            return (try await review(request.operation, key: key, type: type, status: status, author: request.author, batch: &batch), key)
        case .release, .media:
            return (nil, nil)
        }
    }

    private func existsInAnyLocale(type: String, documentId: String) -> Bool {
        state.definition.config.locales.contains { locale in
            let key = DocumentKey(locale: locale, type: type, documentId: documentId)
            return state.published[key] != nil || state.drafts[key] != nil
        }
    }

    /// `If-Match` holds for either version the client may have read (draft or published).
    private func checkPrecondition(_ ifMatch: String?, key: DocumentKey) throws {
        guard let ifMatch, ifMatch != "*" else { return }
        let current = [state.drafts[key]?.blob, state.published[key]?.blob].compactMap { $0?.hex }
        guard current.contains(ifMatch) else { throw WriteError.preconditionFailed }
    }

    private func put(_ key: DocumentKey, type: ContentType, request: WriteRequest, status: View, batch: inout WriteBatch) async throws -> ObjectID? {
        let definition = state.definition
        let keepsDraft = request.keepsDraft && status == .published
        // With `keepsDraft` the draft is left out of the write: main changes, the branch stays.
        let draft = keepsDraft ? nil : state.drafts[key]
        let published = state.published[key]
        let isNew = draft == nil && published == nil && state.drafts[key] == nil
        var fields = try DocumentEdit(definition: definition, state: state, snapshot: snapshot, changed: batch.changed, uniqueIndex: uniqueIndex,
                                    visibility: request.visibility)
            .apply(request.data, to: draft?.fields ?? published?.fields ?? OrderedObject(), key: key, type: type, view: status, isNew: isNew)
        if status == .published, let draft, let published {
            fields = try await mergeWithMain(fields, draft: draft, published: published, key: key, type: type, changed: batch.changed)
        }

        let unchanged = (draft?.fields ?? published?.fields) == fields
        if unchanged, status == .draft || draft == nil { return nil }

        let path = published?.path ?? draft?.path ?? state.drafts[key]?.path ?? SiteLayout.newDocumentPath(for: key, shard: type.shard)
        let codec = DocumentCodec(schema: definition.schema)
        let repository = store.repository
        let bytes = codec.encode(fields, type: type, format: DocumentFormat(path: path) ?? .yaml)
        if status == .published { try await checkWorkTree(path) }
        let blob = try await repository.writeBlob(bytes)
        let now = Int64(Date().timeIntervalSince1970)
        let created = published?.times.created ?? state.drafts[key]?.times.created ?? now
        // The commit's time is the document's updatedAt: stamp it now, not when the request was made.
        var author = request.author
        author.time = now

        switch status {
        case .published:
            let message = CommitMessage.write(key, isNew: published == nil, publishesDraft: draft != nil)
            let commit = try await commitOnMain([path: blob], merging: [draft?.tip].compactMap { $0 }, author: author, message: message, batch: &batch).commit
            batch.mainFiles[path] = bytes
            state.published[key] = PublishedEntry(
                path: path, blob: blob, fields: fields, times: DocumentTimes(created: created, updated: now))
            if let draft {
                batch.move(SiteLayout.draftReference(for: key), from: draft.tip, to: nil)
                state.drafts[key] = nil
                state.draftTips[key] = nil
            }
            batch.changed.insert(key)
            return commit
        case .draft:
            let made = try await commitOnDraft(
                key, changes: [path: blob], author: author, subject: CommitMessage.draftWrite(key, isNew: isNew), batch: &batch)
            state.drafts[key] = DraftEntry(
                path: path, blob: blob, fields: fields, tip: made.tip, tree: made.tree,
                times: DocumentTimes(created: created, updated: now), base: made.base)
            batch.changed.insert(key)
            return made.tip
        }
    }

    /// A human's uncommitted edit of a file in a work tree that has main checked out would be
    /// overwritten (or later committed over the API's change): refuse, naming the file.
    func checkWorkTree(_ path: String) async throws {
        let repository = store.repository
        guard try await repository.isCheckedOut(SiteLayout.mainReference) else { return }
        // The work tree holds main as this batch found it; the batch's own files come after.
        let committed = try await workTreeBase.asyncMap { try await repository.entry(atPath: path, inTree: $0)?.id } ?? nil
        if try await !repository.workTreeFileMatches(path, committed: committed) {
            throw WriteError.conflict("\(path) has uncommitted changes in the work tree: commit or discard them first")
        }
    }

    /// Strapi deletes both versions; a never-published draft only has a branch to remove.
    private func delete(_ key: DocumentKey, author: Signature, batch: inout WriteBatch) async throws -> ObjectID? {
        var commit: ObjectID?
        if let published = state.published[key] {
            try await checkWorkTree(published.path)
            commit = try await commitOnMain([published.path: nil], author: author, message: CommitMessage.delete(key), batch: &batch).commit
            batch.mainFiles[published.path] = .some(nil)
            state.published[key] = nil
        }
        if let draft = state.drafts[key] {
            batch.move(SiteLayout.draftReference(for: key), from: draft.tip, to: nil)
            state.drafts[key] = nil
            state.draftTips[key] = nil
        }
        batch.changed.insert(key)
        return commit
    }
}
