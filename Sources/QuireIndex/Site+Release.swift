import Foundation
import HashTreeCollections
import QuireContent
import QuireGit

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
            let repository = store.repository
            var changes: [String: ObjectID?] = [:]
            for merge in published { changes[merge.path] = merge.blob }
            let tree = try await repository.buildTree(base: state.mainTree, changes: changes)
            let subject = message.map { $0.isEmpty ? nil : $0 } ?? nil
            let lines = published.map { "- Publish \($0.key)" }.joined(separator: "\n")
            let made = try await repository.createCommit(
                tree: tree, parents: [state.mainTip].compactMap { $0 } + published.map(\.draft.tip),
                author: author, committer: author,
                message: "\(subject ?? "Release \(published.count) document\(published.count == 1 ? "" : "s")")\n\n\(lines)\n")
            batch.move(SiteLayout.mainReference, from: state.mainTip, to: made)
            state.mainTip = made
            state.mainTree = tree
            commit = made
        }
        for merge in merges {
            accept(merge, updated: merge.kind == .alreadyMerged ? (state.published[merge.key]?.times.updated ?? author.time) : author.time,
                   batch: &batch)
        }
        return commit
    }
}
