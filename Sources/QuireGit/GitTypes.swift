/// A commit as read from the object database.
public struct CommitInfo: Sendable, Equatable {
    public var id: ObjectID
    public var tree: ObjectID
    public var parents: [ObjectID]
    public var author: Signature
    public var committer: Signature
    public var message: String
}

public enum TreeEntryKind: Sendable, Equatable {
    case blob, executable, link, tree, submodule
}

public struct TreeEntry: Sendable, Equatable {
    public var name: String
    public var id: ObjectID
    public var kind: TreeEntryKind
}

/// A file below some tree, by its full slash-separated path.
public struct BlobEntry: Sendable, Equatable {
    public var path: String
    public var id: ObjectID
}

/// One file that differs between two trees. `old == nil`: added; `new == nil`: deleted.
public struct DiffEntry: Sendable, Equatable {
    public var path: String
    public var old: ObjectID?
    public var new: ObjectID?
}

public enum MergeOutcome: Sendable, Equatable {
    /// `theirs` is already contained in `ours`.
    case upToDate
    /// `ours` is an ancestor of `theirs`: the ref can simply move to `theirs`.
    case fastForward(ObjectID)
    /// A merge commit (parents: ours, theirs) was written; no ref was moved.
    case merged(commit: ObjectID, changedPaths: [String])
    /// Both sides changed these paths differently; nothing was written.
    case conflicts([String])
}
