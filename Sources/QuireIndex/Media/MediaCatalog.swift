import HashTreeCollections
import Synchronization
import QuireContent
import QuireGit

/// Every media file of main at one commit, looked up by id, documentId or hash. Immutable:
/// readers take the current one without waiting for anything.
public struct MediaCatalog: Sendable {
    /// The commit of main this catalog was read from (nil: an empty or unread repository).
    public internal(set) var commit: ObjectID?
    /// `media/files`'s tree at that commit: when it has not changed, nothing needs re-reading.
    var filesTree: ObjectID?
    /// The maps are persistent: a refresh after a media write copies only what it changed.
    public internal(set) var records: TreeDictionary<Int, MediaRecord> = [:]
    var byDocumentId: TreeDictionary<String, Int> = [:]
    var byHash: TreeDictionary<String, Int> = [:]
    /// The ids of the files that share an original.
    var bySHA256: TreeDictionary<String, Set<Int>> = [:]
    public internal(set) var largestID = 0
    /// Metadata blob → record, so a refresh parses only files that changed.
    var parsed: TreeDictionary<ObjectID, MediaRecord> = [:]
    /// Some file is served under another id than its metadata says (see `numbered`): only a
    /// reading of every file can say which, so refreshes read every file while it is so.
    var renumbered = false
    /// Metadata files that could not be read, with why (reported by `quire doctor` and logs).
    public internal(set) var problems: [Problem] = []
    /// Apostrophe's image and file tags (`media/tags.yaml`), and that file's blob.
    public internal(set) var tags: [MediaTag] = []
    var tagsBlob: ObjectID?
    /// Values readers derive from this catalog once (the id order, Apostrophe's slugs), kept
    /// when only documents change, carried or made again when the files or tags do.
    public internal(set) var memo = SnapshotMemo()

    public init() {}

    public func record(id: Int) -> MediaRecord? { records[id] }

    public func record(documentId: String) -> MediaRecord? { byDocumentId[documentId].flatMap { records[$0] } }

    /// By Strapi's `hash` (`hero_a1b2c3d4e5`), as `/uploads/<hash><ext>` names it.
    public func record(hash: String) -> MediaRecord? { byHash[hash].flatMap { records[$0] } }

    private struct Ordered: Sendable { let records: [MediaRecord] }

    /// Every record, oldest id first (sorted once per catalog).
    public var all: [MediaRecord] {
        let records = self.records
        return memo.value(Ordered.self) { Ordered(records: records.keys.sorted().compactMap { records[$0] }) }.records
    }

    public func tag(documentId: String) -> MediaTag? { tags.first { $0.documentId == documentId } }

    /// Records whose original has these bytes.
    public func records(sha256: String) -> [MediaRecord] { (bySHA256[sha256] ?? []).sorted().compactMap { records[$0] } }
}

/// Keeps the catalog in step with main: after the server's own media writes, after syncs and
/// after commits made outside the server (a `media/` folder edited by hand and pushed).
public actor MediaLibrary {
    let repository: Repository
    private nonisolated let current: Mutex<MediaCatalog>
    /// How many refreshes read every metadata file (a start, or a change the tree diff could
    /// not apply alone): the others cost what changed.
    public private(set) var fullReadings = 0
    /// Ids handed out to uploads not yet committed: never handed out twice, even if a batch fails.
    private var reservedID = 0

    public init(repository: Repository) {
        self.repository = repository
        current = Mutex(MediaCatalog())
    }

    public nonisolated var catalog: MediaCatalog { current.withLock { $0 } }

    package func reserveID() -> Int {
        reservedID = max(reservedID, catalog.largestID) + 1
        return reservedID
    }

    /// Reads main's `media/files` again if main moved. Cheap when it did not (one ref read).
    @discardableResult
    public func refresh() async throws -> MediaCatalog {
        let tip = try await repository.resolveReference(SiteLayout.mainReference)
        var catalog = self.catalog
        guard tip != catalog.commit else { return catalog }
        var filesTree: ObjectID?
        var tagsBlob: ObjectID?
        if let tip {
            let tree = try await repository.commit(tip).tree
            filesTree = try await repository.entry(atPath: MediaLayout.filesFolder, inTree: tree).flatMap { $0.kind == .tree ? $0.id : nil }
            tagsBlob = try await repository.entry(atPath: MediaTag.path, inTree: tree).flatMap { $0.kind == .tree ? nil : $0.id }
        }
        let derived = catalog.memo
        let moved = tagsBlob != catalog.tagsBlob || filesTree != catalog.filesTree
        if tagsBlob != catalog.tagsBlob {
            catalog.tags = []
            if let tagsBlob { catalog.tags = MediaTag.parse(try await repository.readBlob(tagsBlob)).tags }
            catalog.tagsBlob = tagsBlob
        }
        catalog.commit = tip
        var changes: [MediaRecordChange]? = []
        if filesTree != catalog.filesTree {
            changes = try await applyChanges(&catalog, filesTree: filesTree)
            if changes == nil {
                try await reload(&catalog, filesTree: filesTree, tip: tip)
                fullReadings += 1
            }
        }
        // What readers derived (slugs, the id order) follows the files, not main: a document
        // write keeps it, and a media change carries what can follow it (`MediaCatalogCarried`).
        if moved {
            let changed = catalog
            catalog.memo = changes.map { changes in
                derived.carried { ($0 as? any MediaCatalogCarried)?.carried(changes: changes, to: changed) }
            } ?? SnapshotMemo()
        }
        let updated = catalog
        current.withLock { $0 = updated }
        return updated
    }

    private func reload(_ catalog: inout MediaCatalog, filesTree: ObjectID?, tip: ObjectID?) async throws {
        var entries: [BlobEntry] = []
        if let tip, filesTree != nil {
            entries = try await repository.blobs(inTree: try await repository.commit(tip).tree, under: MediaLayout.filesFolder)
        }
        var parsed: TreeDictionary<ObjectID, MediaRecord> = [:]
        var problems: [Problem] = []
        let unread = entries.filter { catalog.parsed[$0.id] == nil && MediaLayout.documentId(forMetadataPath: $0.path) != nil }
        let blobs = try await repository.readBlobs(unread.map(\.id))
        var fresh: [ObjectID: [UInt8]] = [:]
        for (entry, bytes) in zip(unread, blobs) { fresh[entry.id] = bytes }
        var valid: [MediaRecord] = []
        var hashes = Set<String>()
        for entry in entries {
            guard let documentId = MediaLayout.documentId(forMetadataPath: entry.path) else { continue }
            var record: MediaRecord
            if let known = catalog.parsed[entry.id] {
                record = known
            } else {
                switch MediaRecord.parse(fresh[entry.id] ?? []) {
                case .success(let read): record = read
                case .failure(let problem):
                    problems.append(Problem(path: entry.path, line: 0, message: problem.description))
                    continue
                }
            }
            guard record.documentId == documentId else {
                problems.append(Problem(path: entry.path, line: 0, message: "documentId \(record.documentId) does not match the file name"))
                continue
            }
            guard hashes.insert(record.hash).inserted else {
                problems.append(Problem(path: entry.path, line: 0, message: "hash \(record.hash) is used by another media file"))
                continue
            }
            parsed[entry.id] = record
            valid.append(record)
        }
        catalog.records = [:]
        catalog.byDocumentId = [:]
        catalog.byHash = [:]
        catalog.bySHA256 = [:]
        catalog.largestID = 0
        for record in Self.numbered(valid) { catalog.insert(record) }
        catalog.renumbered = Set(valid.map(\.id)).count != valid.count
        catalog.filesTree = filesTree
        catalog.parsed = parsed
        catalog.problems = problems
    }

    /// Two servers of one site that upload at the same time both give out the next free id; once
    /// their histories merge, two files hold one id. Neither file is dropped: the older upload
    /// keeps the id and the other is served under a new one past the largest, the same on every
    /// server that holds the same files (the file keeps its old number until it is next written).
    static func numbered(_ records: [MediaRecord]) -> [MediaRecord] {
        let ordered = records.sorted { ($0.id, $0.createdAt, $0.documentId) < ($1.id, $1.createdAt, $1.documentId) }
        var next = (records.map(\.id).max() ?? 0) + 1
        var taken = Set<Int>()
        var result: [MediaRecord] = []
        for var record in ordered {
            if !taken.insert(record.id).inserted {
                record.id = next
                next += 1
            }
            result.append(record)
        }
        return result
    }
}
