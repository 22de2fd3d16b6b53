import CGit2

/// The one owner of a libgit2 repository handle. Only Sendable values leave it.
///
/// Durability: libgit2's own fsync is off; `makeObjectsDurable()` flushes every object
/// written so far in one call, and `updateReference`/`deleteReference` sync the ref file
/// and its folder before returning, so a caller that does
/// objects → `makeObjectsDurable()` → `updateReference` has a crash-safe write.
public actor Repository {
    public nonisolated let gitDirectory: String
    /// nil for a bare repository.
    public nonisolated let workDirectory: String?

    /// Creates a new repository whose HEAD points at `refs/heads/<initialBranch>`.
    public static func create(at path: String, bare: Bool = false, initialBranch: String = "main") throws -> Repository {
        fatalError("unimplemented")
    }

    /// Opens an existing repository (its work tree folder, or a bare/git directory).
    public static func open(at path: String) throws -> Repository {
        fatalError("unimplemented")
    }

    // MARK: References

    /// The commit a reference (full name, e.g. `refs/heads/main`) points to, or nil if it does not exist.
    public func resolveReference(_ name: String) throws -> ObjectID? { fatalError("unimplemented") }

    /// Every reference whose full name starts with `prefix`, peeled to the commit.
    public func references(withPrefix prefix: String) throws -> [String: ObjectID] { fatalError("unimplemented") }

    /// Compare-and-swap: moves `name` to `new` only if it currently points at `expected`
    /// (`expected == nil`: only if it does not exist yet). Throws `GitError.referenceMoved` otherwise.
    public func updateReference(_ name: String, to new: ObjectID, expecting expected: ObjectID?, logMessage: String) throws {
        fatalError("unimplemented")
    }

    /// Compare-and-swap delete. Throws `GitError.referenceMoved` if the ref points elsewhere.
    public func deleteReference(_ name: String, expecting expected: ObjectID) throws { fatalError("unimplemented") }

    /// The branch HEAD points to (`refs/heads/main`), if HEAD is symbolic.
    public func headReferenceName() throws -> String? { fatalError("unimplemented") }

    // MARK: Objects

    public func commit(_ id: ObjectID) throws -> CommitInfo { fatalError("unimplemented") }
    public func readBlob(_ id: ObjectID) throws -> [UInt8] { fatalError("unimplemented") }
    public func readBlobs(_ ids: [ObjectID]) throws -> [[UInt8]] { fatalError("unimplemented") }
    public func writeBlob(_ bytes: [UInt8]) throws -> ObjectID { fatalError("unimplemented") }
    public func treeEntries(_ tree: ObjectID) throws -> [TreeEntry] { fatalError("unimplemented") }

    /// The entry at a slash-separated path below `tree`, or nil.
    public func entry(atPath path: String, inTree tree: ObjectID) throws -> TreeEntry? { fatalError("unimplemented") }

    /// Every blob below `prefix` (a folder path, "" for the root) of `tree`, recursively, with full paths.
    public func blobs(inTree tree: ObjectID, under prefix: String) throws -> [BlobEntry] { fatalError("unimplemented") }

    /// A new tree: `base` (nil = empty) with each path set to a blob (value non-nil) or removed (nil).
    /// Missing folders are created, emptied folders disappear. Only trees on changed paths are rewritten.
    public func buildTree(base: ObjectID?, changes: [String: ObjectID?]) throws -> ObjectID { fatalError("unimplemented") }

    /// Writes a commit object; moves no reference.
    public func createCommit(tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature, message: String) throws -> ObjectID {
        fatalError("unimplemented")
    }

    /// Blob-level differences between two trees (nil = empty tree), restricted to paths below
    /// `prefix` when given. Identical subtrees are skipped by id, so the cost follows the change.
    public func diffTrees(from old: ObjectID?, to new: ObjectID?, under prefix: String? = nil) throws -> [DiffEntry] {
        fatalError("unimplemented")
    }

    public func mergeBase(_ a: ObjectID, _ b: ObjectID) throws -> ObjectID? { fatalError("unimplemented") }

    /// Commits reachable from `tip` but not from `hidden`, newest first.
    public func commits(from tip: ObjectID, hiding hidden: ObjectID? = nil, limit: Int? = nil) throws -> [CommitInfo] {
        fatalError("unimplemented")
    }

    /// Commits (newest first) in which the blob at `path` differs from every parent's.
    public func history(ofPath path: String, from tip: ObjectID, limit: Int? = nil) throws -> [CommitInfo] {
        fatalError("unimplemented")
    }

    /// Merges `theirs` into `ours` touching only the paths `theirs` changed since `base`
    /// (computed with `mergeBase` when nil). Writes the merge commit but moves no reference.
    public func merge(
        theirs: ObjectID, into ours: ObjectID, base: ObjectID?,
        author: Signature, committer: Signature, message: String
    ) throws -> MergeOutcome {
        fatalError("unimplemented")
    }

    // MARK: Durability

    /// Flushes every object written so far to stable storage (one syncfs, not one fsync per object).
    public func makeObjectsDurable() throws { fatalError("unimplemented") }
}
