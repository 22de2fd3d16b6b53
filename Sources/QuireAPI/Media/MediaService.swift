import HTTPTypes
import Foundation
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// What both dialects' media routes share: preparing uploads off the event loop, committing
/// them through the site's write queue, finding files, and the derived-image cache.
struct MediaService: Sendable {
    let site: Site
    let cache: MediaCache

    init(site: Site) {
        self.site = site
        cache = MediaCache(gitDirectory: site.store.repository.gitDirectory)
    }

    /// The original store `media.store` selects.
    func originals(_ config: MediaConfig) -> any MediaOriginalStore {
        config.originalStore(repository: site.store.repository)
    }

    func catalog() async throws -> MediaCatalog {
        try await site.media.refresh()
    }

    /// By Strapi's integer id or by documentId; 404 otherwise.
    func record(_ id: String) async throws -> MediaRecord {
        let catalog = try await catalog()
        if let number = Int(id), let record = catalog.record(id: number) { return record }
        if let record = catalog.record(documentId: id) { return record }
        throw StrapiError(.notFound, "NotFoundError", "File not found")
    }

    func prepare(_ bytes: [UInt8], info: MediaIngest.Info, config: MediaConfig, now: Int64) async throws -> MediaIngest.Prepared {
        do throws(MediaRefusal) {
            return try await MediaWork.shared.run { () throws(MediaRefusal) in
                try MediaIngest.prepare(bytes, info: info, config: config, now: now)
            }
        } catch {
            if error.tooLarge { throw StrapiError.payloadTooLarge }
            throw StrapiError.validation(error.message)
        }
    }

    /// One commit for the whole upload; derived sizes go to the cache once it is durable.
    func commitUploads(_ prepared: [MediaIngest.Prepared], author: Signature, config: MediaConfig) async throws -> [MediaRecord] {
        let store = originals(config)
        var files: [String: [UInt8]] = [:]
        for item in prepared {
            let path = MediaLayout.originalPath(sha256: item.record.sha256, ext: item.record.ext)
            files.merge(try await store.prepare(item.original, path: path)) { first, _ in first }
        }
        let result = try await write(.upload(prepared.map(\.record), files: files), author: author)
        for item in prepared {
            for (variant, bytes) in item.derived { cache.write(bytes, for: variant) }
        }
        announce(.mediaCreate, result.records, commit: result.commit)
        return result.records
    }

    /// A new file whose original is already stored (another file's bytes, under a new id).
    func add(_ record: MediaRecord, author: Signature) async throws -> MediaRecord {
        let result = try await write(.upload([record], files: [:]), author: author)
        announce(.mediaCreate, result.records, commit: result.commit)
        guard let added = result.records.first else { throw StrapiError(.notFound, "NotFoundError", "File not found") }
        return added
    }

    /// An edit of a file read earlier: fails with `preconditionFailed` if it changed meanwhile.
    func change(_ record: MediaRecord, previous: MediaRecord, author: Signature) async throws -> MediaRecord {
        let result = try await write(.change(record, previous: previous), author: author)
        guard let updated = result.records.first else { throw StrapiError(.notFound, "NotFoundError", "File not found") }
        announce(.mediaUpdate, [updated], commit: result.commit)
        return updated
    }

    /// Reads the file, applies `edit` and writes it back if it changed, compare-and-swap:
    /// an edit that lost a race is applied again to what won, never written over it.
    func edit(_ documentId: String, author: Signature, _ edit: (inout MediaRecord) throws -> Void) async throws -> MediaRecord {
        for _ in 1...16 {
            guard let current = try await catalog().record(documentId: documentId) else { throw StrapiError(.notFound, "NotFoundError", "File not found") }
            var updated = current
            try edit(&updated)
            if updated == current { return current }
            updated.updatedAt = Int64(Date().timeIntervalSince1970 * 1000)
            do {
                return try await change(updated, previous: current, author: author)
            } catch let error as StrapiError where error.status == .preconditionFailed {
                continue
            }
        }
        throw StrapiError(.conflict, "ConflictError", "The file kept changing; try again")
    }

    /// New bytes for the file `documentId`, as Strapi's `replace`: same id and documentId, the
    /// prepared file's name (`fileInfo.name` or the new file name), hash, type, size, dimensions
    /// and formats; alternative text, caption and focal point kept unless `fileInfo` sets them;
    /// Apostrophe crops of the old picture dropped. Compare-and-swap, applied again to an edit
    /// that won a race. The old original leaves main's tree unless another file shares it.
    func replace(_ documentId: String, with prepared: MediaIngest.Prepared, info: MediaIngest.Info, author: Signature,
                 config: MediaConfig) async throws -> MediaRecord {
        let store = originals(config)
        let newPath = MediaLayout.originalPath(sha256: prepared.record.sha256, ext: prepared.record.ext)
        let files = try await store.prepare(prepared.original, path: newPath)
        for _ in 1...16 {
            let catalog = try await catalog()
            guard let current = catalog.record(documentId: documentId) else { throw StrapiError(.notFound, "NotFoundError", "File not found") }
            var replaced = prepared.record
            replaced.id = current.id
            replaced.documentId = current.documentId
            replaced.createdAt = current.createdAt
            replaced.alternativeText = info.alternativeText ?? current.alternativeText
            replaced.caption = info.caption ?? current.caption
            replaced.focalPoint = info.focalPoint ?? current.focalPoint
            replaced.piece = current.piece
            let oldPath = MediaLayout.originalPath(sha256: current.sha256, ext: current.ext)
            let shared = catalog.records(sha256: current.sha256).contains { $0.documentId != documentId }
            let remove = oldPath != newPath && !shared && store.removesWithMetadata ? oldPath : nil
            do {
                let result = try await write(.replace(replaced, previous: current, files: files, removeOriginal: remove), author: author)
                guard let updated = result.records.first else { throw StrapiError(.notFound, "NotFoundError", "File not found") }
                for (variant, bytes) in prepared.derived { cache.write(bytes, for: variant) }
                announce(.mediaUpdate, [updated], commit: result.commit)
                return updated
            } catch let error as StrapiError where error.status == .preconditionFailed {
                continue
            }
        }
        throw StrapiError(.conflict, "ConflictError", "The file kept changing; try again")
    }

    /// Changes the tag list compare-and-swap, `edit` applied again to a list that won a race.
    func editTags<Result: Sendable>(author: Signature, summary: String,
                                    _ edit: ([MediaTag]) throws -> (tags: [MediaTag], result: Result)) async throws -> Result {
        for _ in 1...16 {
            let current = try await catalog().tags
            let (tags, result) = try edit(current)
            if tags == current { return result }
            do {
                _ = try await write(.tags(tags, previous: current, summary: summary), author: author)
                return result
            } catch let error as StrapiError where error.status == .preconditionFailed {
                continue
            }
        }
        throw StrapiError(.conflict, "ConflictError", "The tags kept changing; try again")
    }

    func delete(_ record: MediaRecord, author: Signature, config: MediaConfig) async throws {
        let shared = try await catalog().records(sha256: record.sha256).contains { $0.documentId != record.documentId }
        let remove = !shared && originals(config).removesWithMetadata
        let result = try await write(.delete(record, removeOriginal: remove), author: author)
        announce(.mediaDelete, [record], commit: result.commit)
    }

    /// Webhook events, as Strapi's Upload plugin sends them.
    private func announce(_ kind: SiteEvent.Kind, _ records: [MediaRecord], commit: ObjectID?) {
        for record in records {
            site.announceMedia(kind, documentId: record.documentId, file: JSON.encode(StrapiFileObject.value(record)), commit: commit)
        }
    }

    private func write(_ change: MediaChange, author: Signature) async throws -> MediaWriteResult {
        do {
            return try await site.writeMedia(change, author: author)
        } catch let error as WriteError {
            throw StrapiError(error)
        }
    }

    /// The original's bytes (from git at main's tip, or from the directory store).
    func original(_ record: MediaRecord, catalog: MediaCatalog) async throws -> [UInt8]? {
        let config = site.snapshot.config.media
        let path = MediaLayout.originalPath(sha256: record.sha256, ext: record.ext)
        let repository = site.store.repository
        var tree: ObjectID?
        if let commit = catalog.commit { tree = try await repository.commit(commit).tree }
        if let bytes = try await originals(config).read(path: path, tree: tree) { return bytes }
        // Kept in git by an earlier configuration, or the other way round.
        return try await GitOriginals(repository: repository).read(path: path, tree: tree)
    }
}
