import CGit2

/// libgit2 needs one `git_libgit2_init()` per process before any other call. A global `let`
/// is initialised lazily and exactly once, even under concurrent first use.
let libgit2Setup: Void = {
    git_libgit2_init()
    // Trees over 4 KiB are not cached by default: every read by path in a 10,000-file folder
    // would re-parse the folder (263 reads/s instead of 41,000/s).
    _ = quire_git_set_cache_object_limit(GIT_OBJECT_TREE, 1 << 20)
    // libgit2 caches parsed trees: one of a 10,000-file folder is ~600 KB, and every commit
    // makes a new one. 512 MiB of them grew the server by hundreds of MiB under writes.
    _ = quire_git_set_cache_max_size(32 << 20)
    // Durability is ours: one syncfs per batch of objects and an fsync per ref update,
    // instead of libgit2's fsync of every object file (which costs 0.4–0.8× throughput).
    _ = quire_git_set_fsync_gitdir(0)
}()

/// The error for a failed libgit2 call. `git_error_last` is per thread, so this must run in
/// the same synchronous stretch as the failing call, never after an `await`.
func libgit2Error(_ operation: String, _ code: Int32) -> GitError {
    var message = ""
    if let last = git_error_last(), let text = last.pointee.message {
        message = String(cString: text)
    }
    // A later failure that sets no message must not inherit this one.
    git_error_clear()
    return .libgit2(operation: operation, code: code, message: message)
}

@inline(__always)
func check(_ code: Int32, _ operation: @autoclosure () -> String) throws {
    if code < 0 { throw libgit2Error(operation(), code) }
}

/// Forgets libgit2's last error for codes we turn into a normal outcome (nil, referenceMoved).
@inline(__always)
func clearError() { git_error_clear() }

extension Int32 {
    static let notFound = GIT_ENOTFOUND.rawValue
    static let exists = GIT_EEXISTS.rawValue
    static let modified = GIT_EMODIFIED.rawValue
    static let locked = GIT_ELOCKED.rawValue
    static let iterOver = GIT_ITEROVER.rawValue
}

extension git_oid {
    static func == (lhs: git_oid, rhs: git_oid) -> Bool {
        withUnsafePointer(to: lhs) { l in withUnsafePointer(to: rhs) { r in git_oid_equal(l, r) != 0 } }
    }
}

extension TreeEntryKind {
    init(mode: git_filemode_t) {
        switch mode {
        case GIT_FILEMODE_TREE: self = .tree
        case GIT_FILEMODE_BLOB_EXECUTABLE: self = .executable
        case GIT_FILEMODE_LINK: self = .link
        case GIT_FILEMODE_COMMIT: self = .submodule
        default: self = .blob
        }
    }
}
