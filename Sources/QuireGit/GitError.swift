/// Every failure of the git layer, carrying libgit2's own code and message where there is one.
public enum GitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A compare-and-swap on a reference failed: it no longer points where the caller expected.
    case referenceMoved(name: String)
    /// An object, path or reference that must exist does not.
    case notFound(String)
    /// A path given to a tree operation is not a valid repository path.
    case invalidPath(String)
    /// A filesystem-level durability call (fsync, syncfs) failed.
    case durability(String, errno: Int32)
    /// Any other libgit2 failure.
    case libgit2(operation: String, code: Int32, message: String)

    public var description: String {
        switch self {
        case .referenceMoved(let name): "reference \(name) moved concurrently"
        case .notFound(let what): "not found: \(what)"
        case .invalidPath(let path): "invalid path: \(path)"
        case .durability(let what, let errno): "\(what) failed (errno \(errno))"
        case .libgit2(let operation, let code, let message): "\(operation) failed (\(code)): \(message)"
        }
    }
}
