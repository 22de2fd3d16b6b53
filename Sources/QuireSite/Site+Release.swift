import Foundation
import HashTreeCollections
import QuireContent
import QuireGit
import QuireIndex

extension Site {
    /// Publishes every listed draft in one merge commit on main (main plus each branch tip as
    /// parents), or nothing: every document is merged and checked before any ref moves, and a
    /// refusal of one refuses the release. Blobs written before a refusal stay unreferenced.
    func release(_ keys: [DocumentKey], message: String?, author: Signature, batch: inout WriteBatch) async throws -> ObjectID? {
        guard !keys.isEmpty else { throw WriteError.invalid([ValidationIssue(path: ["documents"], message: "A release needs at least one document")]) }
        var seen = Set<DocumentKey>()
        var merges: [DraftMerge] = []
        for key in keys where seen.insert(key).inserted {
            do {
                guard let type = state.definition.schema.contentType(singular: key.type) else { throw WriteError.unknownType(key.type) }
                guard state.definition.config.locales.contains(key.locale) else { throw WriteError.unknownLocale(key.locale) }
                let merge = try await mergeDraft(key, type: type, changed: batch.changed.union(merges.map(\.key)))
                if merge.kind != .alreadyMerged { try await checkWorkTree(merge.path) }
                merges.append(merge)
            } catch let error as WriteError {
                throw WriteError.inRelease(key, error)
            }
        }
        var author = author
        author.time = Int64(Date().timeIntervalSince1970)
        let published = merges.filter { $0.kind != .alreadyMerged }
        var commit: ObjectID?
        if !published.isEmpty {
            var changes: [String: ObjectID?] = [:]
            for merge in published { changes[merge.path] = merge.blob }
            commit = try await commitOnMain(
                changes, merging: published.map(\.draft.tip), author: author,
                message: CommitMessage.release(message, published: published.map(\.key)), batch: &batch).commit
        }
        for merge in merges {
            accept(merge, updated: merge.kind == .alreadyMerged ? (state.published[merge.key]?.times.updated ?? author.time) : author.time,
                   batch: &batch)
        }
        return commit
    }
}
