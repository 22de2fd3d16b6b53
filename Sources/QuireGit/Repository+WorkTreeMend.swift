import CGit2
import Foundation

/// What `mendWorkTree` did, path by path.
public struct WorkTreeMending: Sendable, Equatable {
    /// The file was behind the branch (never written after its commit): written and recorded.
    public var restored: [String] = []
    /// The file was right but the git index held another version: recorded.
    public var staged: [String] = []
    /// Someone edited the file since it was last recorded: left as it is.
    public var edited: [String] = []

    public init() {}
}

extension Repository {
    /// Brings the work tree's files at `owed`'s paths, and their git index entries, to what
    /// `tree` (the checked-out branch's) holds, where they lag because a writer stopped between
    /// moving the branch and writing them, or because a git command rewrote the index from a
    /// copy it read before the writer recorded them (git reads the index before it locks it).
    ///
    /// A file holding one of the versions `owed` lists for its path was written by the server
    /// and is brought up to date; with `trustingIndex`, so is a file that still matches its
    /// index entry (never touched since it was last recorded: at a start, after a kill). Any
    /// other file was edited by someone since, and is left alone.
    public func mendWorkTree(_ owed: [String: Set<ObjectID?>], toTree tree: ObjectID, trustingIndex: Bool = true) throws -> WorkTreeMending {
        var mending = WorkTreeMending()
        guard let workDirectory, !owed.isEmpty else { return mending }
        var index: OpaquePointer?
        try check(git_repository_index(&index, handle), "git_repository_index")
        defer { git_index_free(index) }
        try check(git_index_read(index, 0), "git_index_read")
        var changedIndex = false
        for (path, written) in owed.sorted(by: { $0.key < $1.key }) {
            let committed = try entry(atPath: path, inTree: tree).map(\.id)
            let recorded = git_index_get_bypath(index, path, 0).map { ObjectID($0.pointee.id) }
            let full = workDirectory + "/" + path
            var onDisk: ObjectID?
            if FileManager.default.fileExists(atPath: full) {
                var oid = git_oid()
                try check(git_odb_hashfile(&oid, full, GIT_OBJECT_BLOB), "git_odb_hashfile(\(path))")
                onDisk = ObjectID(oid)
            }
            if onDisk == committed {
                guard recorded != committed else { continue }
                mending.staged.append(path)
            } else if written.contains(onDisk) || (trustingIndex && onDisk == recorded) {
                try writeWorkTreeFiles([path: try committed.map { try readBlob($0) }])
                mending.restored.append(path)
            } else {
                mending.edited.append(path)
                continue
            }
            changedIndex = true
            if committed != nil {
                try check(git_index_add_bypath(index, path), "git_index_add_bypath(\(path))")
            } else if git_index_remove_bypath(index, path) != 0 {
                clearError()
            }
        }
        if changedIndex { try writeIndex(index) }
        return mending
    }
}
