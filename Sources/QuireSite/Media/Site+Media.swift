import Foundation
import QuireContent
import QuireGit
import QuireIndex
import Synchronization

extension Site {
    /// The media files of main (see `MediaLibrary`), one per site.
    public nonisolated var media: MediaLibrary {
        MediaLibraries.shared.library(for: self)
    }

    /// Commits a media change through the write queue; returns once it is durable, with the
    /// records as committed (ids given) and the catalog refreshed.
    public func writeMedia(_ change: MediaChange, author: Signature) async throws -> MediaWriteResult {
        let result = try await write(.media(change, author: author))
        await republishMainTip()
        try await media.refresh()
        let catalog = media.catalog
        switch change {
        case .upload(let records, _):
            return MediaWriteResult(records: records.compactMap { catalog.record(documentId: $0.documentId) }, commit: result.commit)
        case .change(let record, _), .replace(let record, _, _, _):
            return MediaWriteResult(records: catalog.record(documentId: record.documentId).map { [$0] } ?? [], commit: result.commit)
        case .delete(let record, _):
            return MediaWriteResult(records: [record], commit: result.commit)
        case .tags:
            return MediaWriteResult(records: [], commit: result.commit)
        case .rescale(let records):
            return MediaWriteResult(records: records.compactMap { catalog.record(documentId: $0.documentId) }, commit: result.commit)
        }
    }

    /// A batch that changed no document keeps its snapshot, and so main's tip as it was before
    /// a media commit: readers compare that tip with the media catalog's and would re-read the
    /// ref on every request. The same documents at the new tip are published instead, as a sync
    /// that changed no document does, in the write queue, where no batch publishes meanwhile.
    private func republishMainTip() async {
        _ = try? await exclusively { site in
            guard site.snapshot.mainTip != site.state.mainTip else { return }
            site.publish(site.builder.update(site.snapshot, changed: [], state: site.state))
        }
    }

    /// Applies a media change in a write batch: one commit on main, moved with the batch.
    func applyMedia(_ change: MediaChange, author requested: Signature, batch: inout WriteBatch) async throws -> ObjectID? {
        let repository = store.repository
        var files: [String: [UInt8]?] = [:]
        switch change {
        case .upload(let records, let originals):
            try await media.refresh()
            for (path, bytes) in originals {
                if let tree = state.mainTree, try await repository.entry(atPath: path, inTree: tree) != nil { continue }
                files[path] = bytes
            }
            for var record in records {
                if record.id == 0 { record.id = await media.reserveID() }
                files[MediaLayout.metadataPath(documentId: record.documentId)] = record.yaml()
            }
        case .change(let record, let previous):
            let path = MediaLayout.metadataPath(documentId: record.documentId)
            guard let tree = state.mainTree, let entry = try await repository.entry(atPath: path, inTree: tree) else { throw WriteError.notFound }
            guard case .success(previous) = MediaRecord.parse(try await repository.readBlob(entry.id)) else { throw WriteError.preconditionFailed }
            files[path] = record.yaml()
        case .replace(let record, let previous, let originals, let removeOriginal):
            let path = MediaLayout.metadataPath(documentId: record.documentId)
            guard let tree = state.mainTree, let entry = try await repository.entry(atPath: path, inTree: tree) else { throw WriteError.notFound }
            guard case .success(previous) = MediaRecord.parse(try await repository.readBlob(entry.id)) else { throw WriteError.preconditionFailed }
            for (original, bytes) in originals where try await repository.entry(atPath: original, inTree: tree) == nil {
                files[original] = bytes
            }
            if let removeOriginal, originals[removeOriginal] == nil, try await repository.entry(atPath: removeOriginal, inTree: tree) != nil {
                files[removeOriginal] = .some(nil)
            }
            files[path] = record.yaml()
        case .tags(let tags, let previous, _):
            var current: [MediaTag] = []
            if let tree = state.mainTree, let entry = try await repository.entry(atPath: MediaTag.path, inTree: tree) {
                current = MediaTag.parse(try await repository.readBlob(entry.id)).tags
            }
            guard current == previous else { throw WriteError.preconditionFailed }
            files[MediaTag.path] = MediaTag.yaml(tags)
        case .rescale(let records):
            for record in records {
                let path = MediaLayout.metadataPath(documentId: record.documentId)
                // A file deleted meanwhile stays deleted.
                guard let tree = state.mainTree, try await repository.entry(atPath: path, inTree: tree) != nil else { continue }
                files[path] = record.yaml()
            }
            if files.isEmpty { return nil }
        case .delete(let record, let removeOriginal):
            let path = MediaLayout.metadataPath(documentId: record.documentId)
            guard let tree = state.mainTree, try await repository.entry(atPath: path, inTree: tree) != nil else { throw WriteError.notFound }
            files[path] = .some(nil)
            if removeOriginal {
                let original = MediaLayout.originalPath(sha256: record.sha256, ext: record.ext)
                if try await repository.entry(atPath: original, inTree: tree) != nil { files[original] = .some(nil) }
            }
        }
        for path in files.keys { try await checkWorkTree(path) }
        var changes: [String: ObjectID?] = [:]
        for (path, bytes) in files {
            // `.some(nil)` removes the file; assigning a plain nil would drop the change instead.
            if let bytes { changes[path] = .some(try await repository.writeBlob(bytes)) } else { changes[path] = .some(nil) }
        }
        var author = requested
        author.time = Int64(Date().timeIntervalSince1970)
        let commit = try await commitOnMain(changes, author: author, message: change.summary, batch: &batch).commit
        for (path, bytes) in files { batch.mainFiles[path] = .some(bytes) }
        return commit
    }
}

/// One `MediaLibrary` per open site, made on first use. Sites are held weakly: a site made at
/// the address of a closed one (tests open many) never gets the closed one's library.
final class MediaLibraries: Sendable {
    static let shared = MediaLibraries()

    private final class Entry: @unchecked Sendable {
        weak var site: Site?
        let library: MediaLibrary

        init(site: Site, library: MediaLibrary) {
            self.site = site
            self.library = library
        }
    }

    private let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    func library(for site: Site) -> MediaLibrary {
        entries.withLock { table in
            if let entry = table[ObjectIdentifier(site)], entry.site === site { return entry.library }
            table = table.filter { $0.value.site != nil }
            let library = MediaLibrary(repository: site.store.repository)
            table[ObjectIdentifier(site)] = Entry(site: site, library: library)
            return library
        }
    }
}
