import CGit2
import Foundation

/// What `git commit` would use on a human's behalf: their configured identity, and an index
/// that follows the commits made for them.
extension Repository {
    /// `user.name` and `user.email` from the repository's git configuration (then the global
    /// and system ones), stamped now; nil when they are not set, as `git commit` would refuse.
    public func configuredSignature() throws -> Signature? {
        var signature: UnsafeMutablePointer<git_signature>?
        let code = git_signature_default(&signature, handle)
        if code == .notFound {
            clearError()
            return nil
        }
        try check(code, "git_signature_default")
        defer { git_signature_free(signature) }
        return Self.signature(signature)
    }

    /// Records in the index that each path holds what was just committed (`nil`: deleted), but
    /// only while the work tree file still does: a newer save stays an uncommitted change.
    public func stageCommittedFiles(_ files: [String: ObjectID?]) throws {
        guard let workDirectory, !files.isEmpty else { return }
        var index: OpaquePointer?
        try check(git_repository_index(&index, handle), "git_repository_index")
        defer { git_index_free(index) }
        try check(git_index_read(index, 0), "git_index_read")
        for (path, committed) in files.sorted(by: { $0.key < $1.key }) {
            let full = workDirectory + "/" + path
            if let committed {
                var oid = git_oid()
                guard FileManager.default.fileExists(atPath: full),
                      git_odb_hashfile(&oid, full, GIT_OBJECT_BLOB) == 0, ObjectID(oid) == committed else {
                    clearError()
                    continue
                }
                try check(git_index_add_bypath(index, path), "git_index_add_bypath(\(path))")
            } else if !FileManager.default.fileExists(atPath: full), git_index_remove_bypath(index, path) != 0 {
                clearError()
            }
        }
        try check(git_index_write(index), "git_index_write")
    }
}
