import HashTreeCollections
import QuireContent
import QuireGit

extension MediaCatalog {
    mutating func insert(_ record: MediaRecord) {
        records[record.id] = record
        byDocumentId[record.documentId] = record.id
        byHash[record.hash] = record.id
        bySHA256[record.sha256, default: []].insert(record.id)
        largestID = max(largestID, record.id)
    }

    mutating func remove(documentId: String) {
        guard let id = byDocumentId[documentId], let record = records[id] else { return }
        records[id] = nil
        byDocumentId[documentId] = nil
        byHash[record.hash] = nil
        bySHA256[record.sha256]?.remove(id)
        if bySHA256[record.sha256]?.isEmpty == true { bySHA256[record.sha256] = nil }
        // Only the newest file's removal looks for the next largest id.
        if id == largestID { largestID = records.keys.max() ?? 0 }
    }
}

extension MediaLibrary {
    /// Brings the catalog to `filesTree` from the diff of the two `media/files` trees, so a
    /// media write or a sync costs the files it changed, not a reading of every file. Returns
    /// false, changing nothing, where only a reading of every file decides: the catalog or the
    /// change holds a file that does not parse, a documentId that does not match its file
    /// name, a hash or an id two files claim.
    func applyChanges(_ catalog: inout MediaCatalog, filesTree: ObjectID?) async throws -> Bool {
        guard let oldTree = catalog.filesTree, let filesTree, catalog.problems.isEmpty, !catalog.renumbered else { return false }
        let changes = try await repository.diffTrees(from: oldTree, to: filesTree)
        var updated = catalog
        var added: [(documentId: String, blob: ObjectID)] = []
        for change in changes {
            guard let documentId = MediaLayout.documentId(forMetadataPath: MediaLayout.filesFolder + "/" + change.path) else { continue }
            if let old = change.old {
                updated.remove(documentId: documentId)
                updated.parsed[old] = nil
            }
            if let new = change.new { added.append((documentId, new)) }
        }
        let unread = added.filter { updated.parsed[$0.blob] == nil }
        var fresh: [ObjectID: [UInt8]] = [:]
        for (entry, bytes) in zip(unread, try await repository.readBlobs(unread.map(\.blob))) { fresh[entry.blob] = bytes }
        for (documentId, blob) in added {
            let record: MediaRecord
            if let known = updated.parsed[blob] {
                record = known
            } else if case .success(let read) = MediaRecord.parse(fresh[blob] ?? []) {
                record = read
            } else {
                return false
            }
            guard record.documentId == documentId, updated.byHash[record.hash] == nil, updated.records[record.id] == nil else { return false }
            updated.insert(record)
            updated.parsed[blob] = record
        }
        updated.filesTree = filesTree
        catalog = updated
        return true
    }
}
