import QuireContent
import QuireGit
import QuireIndex

/// Files a human saved (or deleted) in the work tree, to be committed to main as they are now.
public struct WorkTreeSave: Sendable {
    /// Repository-relative paths under content/ or schemas/, or quire.yaml. A path ending in
    /// `/` stands for every file main has in that folder (a folder removed or renamed away).
    public var paths: [String]
    /// Author and committer of the commit: the repository's git identity.
    public var author: Signature

    public init(paths: [String], author: Signature) {
        self.paths = paths
        self.author = author
    }
}

public enum WorkTreeSaveOutcome: Sendable, Equatable {
    /// Every file already matches main (an API write, or a save without a change).
    case unchanged
    /// Committed on main; the snapshot already serves it.
    case committed(ObjectID, message: String, warnings: [Problem])
    /// Nothing committed: the files would have brought these problems in.
    case invalid([Problem])
}

/// Why a save could not even be checked. Nothing was committed.
public enum WorkTreeSaveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Commits must match the files on disk: that holds only while main is checked out.
    case mainNotCheckedOut
    /// main kept moving under the commit (other writers); the next save tries again.
    case busy

    public var description: String {
        switch self {
        case .mainNotCheckedOut: "the work tree does not have main checked out; saved files are not committed"
        case .busy: "main kept moving while committing a saved file; it will be tried again on the next save"
        }
    }
}

/// Only these paths are content; everything else in the work tree (editor swap files, media,
/// READMEs) is left alone.
public enum WatchedPath {
    public static func isWatched(_ path: String) -> Bool {
        if path.hasSuffix("/") { return path.hasPrefix(SiteLayout.contentFolder + "/") || path.hasPrefix(SiteLayout.schemasFolder + "/") }
        return path == SiteLayout.configPath || SiteLayout.isSchemaPath(path) || SiteLayout.documentKey(forPath: path) != nil
    }
}
