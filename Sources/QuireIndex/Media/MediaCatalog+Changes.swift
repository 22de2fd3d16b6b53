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

/// One metadata file a catalog change touched: as it was (nil: new) and as it is (nil: gone).
public struct MediaRecordChange: Sendable {
    public var old: MediaRecord?
    public var new: MediaRecord?
}

/// A value of the catalog's memo that a change of some files can bring up to date, instead
/// of the next reader making it again from every file.
public protocol MediaCatalogCarried: Sendable {
    /// This value for `catalog`, which differs from the one it was made for by `changes`
    /// (tags aside); nil: it is made again.
    func carried(changes: [MediaRecordChange], to catalog: MediaCatalog) -> Self?
}

extension MediaLibrary {
    /// Brings the catalog to `filesTree` from the diff of the two `media/files` trees, so a
    /// media write or a sync costs the files it changed, not a reading of every file. Returns
    /// the records changed, or nil, changing nothing, where only a reading of every file
    /// decides: the catalog or the change holds a file that does not parse, a documentId that
    /// does not match its file name, a hash or an id two files claim.
    func applyChanges(_ catalog: inout MediaCatalog, filesTree: ObjectID?) async throws -> [MediaRecordChange]? {
        guard let oldTree = catalog.filesTree, let filesTree, catalog.problems.isEmpty, !catalog.renumbered else { return nil }
        let changes = try await repository.diffTrees(from: oldTree, to: filesTree)
        var updated = catalog
        var added: [(documentId: String, blob: ObjectID)] = []
        var touched: [String: MediaRecordChange] = [:]
        for change in changes {
            guard let documentId = MediaLayout.documentId(forMetadataPath: MediaLayout.filesFolder + "/" + change.path) else { continue }
            if let old = change.old {
                touched[documentId] = MediaRecordChange(old: updated.record(documentId: documentId), new: nil)
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
                return nil
            }
            guard record.documentId == documentId, updated.byHash[record.hash] == nil, updated.records[record.id] == nil else { return nil }
            updated.insert(record)
            updated.parsed[blob] = record
            touched[documentId, default: MediaRecordChange()].new = record
        }
        updated.filesTree = filesTree
        catalog = updated
        return touched.keys.sorted().map { touched[$0]! }
    }
}
