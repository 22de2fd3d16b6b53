import QuireGit

/// A document file as it was in some commit.
public struct DocumentRevision: Sendable {
    public var path: String
    public var blob: ObjectID
    public var bytes: [UInt8]
    /// nil when the file does not read under the current schema.
    public var fields: OrderedObject?
    public var problems: [Problem]
}

/// A document created, changed or deleted on main between two commits.
public struct DocumentChange: Sendable, Equatable {
    public enum Kind: String, Sendable { case created, updated, deleted }
    public var key: DocumentKey
    public var kind: Kind
    public var path: String
    /// The file's blob now (nil once deleted).
    public var blob: ObjectID?
}

extension SiteStore {
    /// A document's file in a tree: at one of the `candidates` paths (where the caller knows it
    /// lives), else anywhere below its type's folder (a human may have moved it).
    public func documentFile(_ key: DocumentKey, inTree tree: ObjectID, candidates: [String]) async throws -> DocumentFile? {
        for path in candidates {
            if let entry = try await repository.entry(atPath: path, inTree: tree), entry.kind != .tree,
               SiteLayout.documentKey(forPath: path)?.key == key, let format = DocumentFormat(path: path) {
                return DocumentFile(key: key, format: format, path: path, blob: entry.id)
            }
        }
        return try await documentFiles(tree: tree, under: SiteLayout.folder(locale: key.locale, type: key.type)).first { $0.key == key }
    }

    /// The document as of `commit`, decoded with today's schema; nil when it had no file there.
    /// Throws `GitError.notFound` for an unknown commit.
    public func revision(of key: DocumentKey, type: ContentType, schema: SiteSchema, at commit: ObjectID,
                         candidates: [String]) async throws -> DocumentRevision? {
        let tree = try await repository.commit(commit).tree
        guard let file = try await documentFile(key, inTree: tree, candidates: candidates) else { return nil }
        let bytes = try await repository.readBlob(file.blob)
        // Old versions are read with draft rules: a version may predate a newly required field.
        let decoded = DocumentCodec(schema: schema).decode(bytes, format: file.format, type: type, path: file.path, isDraft: true)
        return DocumentRevision(path: file.path, blob: file.blob, bytes: bytes, fields: decoded.fields, problems: decoded.problems)
    }

    /// Every document file that differs between two commits' trees, by key: a file moved within
    /// its type's folder is one update. Identical subtrees are skipped, so the cost follows the change.
    /// `schemaChanged`: schemas/ or quire.yaml differ too (a frontend should rebuild everything).
    public func documentChanges(from old: ObjectID, to new: ObjectID) async throws -> (changes: [DocumentChange], schemaChanged: Bool) {
        let oldTree = try await repository.commit(old).tree
        let newTree = try await repository.commit(new).tree
        var byKey: [DocumentKey: DocumentChange] = [:]
        var order: [DocumentKey] = []
        var schemaChanged = false
        for entry in try await repository.diffTrees(from: oldTree, to: newTree) {
            if SiteLayout.isSchemaPath(entry.path) || entry.path == SiteLayout.configPath { schemaChanged = true }
            guard let (key, _) = SiteLayout.documentKey(forPath: entry.path) else { continue }
            let kind: DocumentChange.Kind = entry.old == nil ? .created : entry.new == nil ? .deleted : .updated
            guard var change = byKey[key] else {
                byKey[key] = DocumentChange(key: key, kind: kind, path: entry.path, blob: entry.new)
                order.append(key)
                continue
            }
            // The two halves of a move: one removal and one addition of the same document.
            change.kind = .updated
            if let blob = entry.new { (change.path, change.blob) = (entry.path, blob) }
            byKey[key] = change
        }
        return (order.map { byKey[$0]! }, schemaChanged)
    }
}
