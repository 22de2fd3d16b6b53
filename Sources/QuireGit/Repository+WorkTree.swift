import CGit2
import Foundation

/// Keeping a checked-out work tree in step with commits made through the API, so that a human
/// working in it sees the API's changes and never commits a stale index over them.
extension Repository {
    /// Whether `branch` (a full ref name) is checked out in this repository's work tree.
    public func isCheckedOut(_ branch: String) throws -> Bool {
        guard workDirectory != nil else { return false }
        return try headReferenceName() == branch
    }

    /// Whether the work tree's file at `path` still holds `committed` (nil: the file should not
    /// exist). One file read and hash: `git_status_file` instead read the whole folder (10,000
    /// directory entries) on every write.
    public func workTreeFileMatches(_ path: String, committed: ObjectID?) throws -> Bool {
        guard let workDirectory else { return true }
        let full = workDirectory + "/" + path
        guard FileManager.default.fileExists(atPath: full) else { return committed == nil }
        guard let committed else { return false }
        var oid = git_oid()
        try check(git_odb_hashfile(&oid, full, GIT_OBJECT_BLOB), "git_odb_hashfile(\(path))")
        return ObjectID(oid) == committed
    }

    /// Writes committed content into the work tree and the index: `nil` removes the file.
    /// Returns the paths the index had no entry to remove for.
    @discardableResult
    public func updateWorkTree(_ files: [String: [UInt8]?]) throws -> [String] {
        try writeWorkTreeFiles(files)
        return try stageWorkTreeFiles(Array(files.keys)).skipped
    }

    /// Writes committed content into the work tree only (`nil` removes the file); the index
    /// follows with `stageWorkTreeFiles`, which costs a rewrite of the whole index file.
    public func writeWorkTreeFiles(_ files: [String: [UInt8]?]) throws {
        guard let workDirectory else { return }
        for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
            let full = workDirectory + "/" + path
            if let contents {
                let folder = (full as NSString).deletingLastPathComponent
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try AtomicFile.write(contents, to: full)
            } else {
                if FileManager.default.fileExists(atPath: full) { try FileManager.default.removeItem(atPath: full) }
                removeEmptyFolders(above: full, stoppingAt: workDirectory)
            }
        }
    }

    /// Records the work tree's files at `paths` in the index as they are now (a missing file is
    /// removed from it), so `git status` shows them clean. Returns the paths it could not remove
    /// and how many entries the index holds (what each such rewrite costs).
    @discardableResult
    public func stageWorkTreeFiles(_ paths: [String]) throws -> (skipped: [String], entries: Int) {
        guard let workDirectory, !paths.isEmpty else { return ([], 0) }
        var index: OpaquePointer?
        try check(git_repository_index(&index, handle), "git_repository_index")
        defer { git_index_free(index) }
        try check(git_index_read(index, 0), "git_index_read")
        var skipped: [String] = []
        for path in paths.sorted() {
            if FileManager.default.fileExists(atPath: workDirectory + "/" + path) {
                try check(git_index_add_bypath(index, path), "git_index_add_bypath(\(path))")
            } else if git_index_remove_bypath(index, path) != 0 {
                clearError()
                skipped.append(path)
            }
        }
        try writeIndex(index)
        return (skipped, git_index_entrycount(index))
    }

    /// Writes the in-memory index, or forgets its changes when that fails (most likely a git
    /// command holding `index.lock`): a retry then starts from the file, not from changes that
    /// look recorded but never reached it.
    func writeIndex(_ index: OpaquePointer?) throws {
        do {
            try markingIndexWrite { try check(git_index_write(index), "git_index_write") }
        } catch {
            if git_index_read(index, 1) != 0 { clearError() }
            throw error
        }
    }

    private func removeEmptyFolders(above file: String, stoppingAt root: String) {
        var folder = (file as NSString).deletingLastPathComponent
        while folder.count > root.count, (try? FileManager.default.contentsOfDirectory(atPath: folder).isEmpty) == true {
            try? FileManager.default.removeItem(atPath: folder)
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
}
