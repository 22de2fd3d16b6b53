import Foundation
import QuireGit

/// Commits prepared documents onto main, one commit per batch. Per batch: the blobs go into one
/// pack, the trees and the commit are written (only the folders the batch touches, from the
/// last batch's trees, which the repository keeps as raw bytes), every object is made durable,
/// then main moves by compare-and-swap. A crash at any point leaves main at a whole batch.
struct ImportCommitter {
    let repository: Repository
    let options: BulkImport.Options
    private(set) var tip: ObjectID
    private var tree: ObjectID
    private(set) var commits = 0
    private var committed = 0
    let total: Int

    init(repository: Repository, options: BulkImport.Options, tip: ObjectID, tree: ObjectID, total: Int) {
        self.repository = repository
        self.options = options
        self.tip = tip
        self.tree = tree
        self.total = total
    }

    mutating func commit(_ documents: [PreparedDocument], progress: @Sendable (BulkImport.Progress) -> Void) async throws {
        let size = max(1, options.batchSize)
        let batches = (documents.count + size - 1) / size
        progress(BulkImport.Progress(phase: .committing, done: 0, total: total))
        for (number, start) in stride(from: 0, to: documents.count, by: size).enumerated() {
            let batch = documents[start..<min(documents.count, start + size)]
            _ = try repository.writePack(batch.map(\.blob))
            var changes: [String: ObjectID?] = [:]
            changes.reserveCapacity(batch.count)
            for document in batch { changes[document.path] = document.blob.id }
            let message = "Import \(batch.count) documents (batch \(number + 1) of \(batches))\n"
            try await commitBatch(changes, message: message)
            committed += batch.count
            progress(BulkImport.Progress(phase: .committing, done: committed, total: total))
        }
    }

    /// Writes the batch's commit on the current tip and moves main to it. When another writer
    /// moved main meanwhile, the batch is rebuilt on the new tip, unless that writer changed
    /// one of the batch's files: then the import stops (its earlier batches stay committed).
    private mutating func commitBatch(_ changes: [String: ObjectID?], message: String) async throws {
        while true {
            var author = options.author
            author.time = Int64(Date().timeIntervalSince1970)
            let newTree = try await repository.buildTree(base: tree, changes: changes)
            let commit = try await repository.createCommit(
                tree: newTree, parents: [tip], author: author, committer: author, message: message)
            do {
                try await repository.moveReferencesDurably([ReferenceMove(SiteLayout.mainReference, from: tip, to: commit, logMessage: "quire import")])
                tip = commit
                tree = newTree
                commits += 1
                return
            } catch GitError.referenceMoved {
                guard let moved = try await repository.resolveReference(SiteLayout.mainReference) else {
                    throw ImportFailure.mainMoved(path: SiteLayout.mainReference, committedDocuments: committed)
                }
                let movedTree = try await repository.commit(moved).tree
                for path in changes.keys {
                    let before = try await repository.entry(atPath: path, inTree: tree)?.id
                    let after = try await repository.entry(atPath: path, inTree: movedTree)?.id
                    if before != after { throw ImportFailure.mainMoved(path: path, committedDocuments: committed) }
                }
                tip = moved
                tree = movedTree
            }
        }
    }
}
