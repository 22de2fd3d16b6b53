import CGit2

/// The one owner of a libgit2 repository handle. Only Sendable values leave it.
///
/// Durability: libgit2's own fsync is off; `makeObjectsDurable()` flushes every object
/// written so far in one call, and `updateReference`/`deleteReference` sync the ref file
/// and its folder before returning, so a caller that does
/// objects → `makeObjectsDurable()` → `updateReference` has a crash-safe write.
///
/// The public operations live in extensions, one concept per file:
/// references, objects, trees, diff, history, merge, durability.
public actor Repository {
    public nonisolated let gitDirectory: String
    /// nil for a bare repository.
    public nonisolated let workDirectory: String?

    /// `git_repository *`, used only from inside the actor (libgit2 handles are not thread-safe).
    /// `nonisolated(unsafe)` only so that `deinit`, which runs after the last use, can free it.
    nonisolated(unsafe) let handle: OpaquePointer
    /// Recently read and written trees, as bytes: see `RawTree`.
    let rawTrees = RawTreeCache()
    let looseObjects: LooseObjectWriter
    /// See `yieldToAGitCommand`.
    let foreignIndexLock = ForeignIndexLock()

    private init(handle: OpaquePointer) {
        self.handle = handle
        gitDirectory = Self.trimmingTrailingSlash(String(cString: git_repository_path(handle)))
        workDirectory = git_repository_workdir(handle).map { Self.trimmingTrailingSlash(String(cString: $0)) }
        looseObjects = LooseObjectWriter(objectsDirectory: gitDirectory + "/objects")
    }

    deinit {
        git_repository_free(handle)
    }

    /// Creates a new repository whose HEAD points at `refs/heads/<initialBranch>`.
    /// Refuses a path that already holds a repository (`git init` would silently re-initialise it).
    public static func create(at path: String, bare: Bool = false, initialBranch: String = "main") throws -> Repository {
        _ = libgit2Setup
        var options = git_repository_init_options()
        try check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)),
                  "git_repository_init_options_init")
        var flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
        if bare { flags |= GIT_REPOSITORY_INIT_BARE.rawValue }
        options.flags = flags
        var repo: OpaquePointer?
        let code = "refs/heads/\(initialBranch)".withCString { head in
            options.initial_head = head
            return git_repository_init_ext(&repo, path, &options)
        }
        try check(code, "git_repository_init_ext(\(path))")
        return Repository(handle: repo!)
    }

    /// Opens an existing repository (its work tree folder, or a bare/git directory).
    /// Does not search parent folders: a missing repository is an error, not some enclosing one.
    public static func open(at path: String) throws -> Repository {
        _ = libgit2Setup
        var repo: OpaquePointer?
        let code = git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        if code == .notFound {
            clearError()
            throw GitError.notFound("repository at \(path)")
        }
        try check(code, "git_repository_open_ext(\(path))")
        return Repository(handle: repo!)
    }

    private static func trimmingTrailingSlash(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    // MARK: Lookup helpers shared by the extensions

    /// Runs `body` with a looked-up tree (`git_tree *`), freed afterwards.
    func withTree<T>(_ id: ObjectID, _ body: (OpaquePointer) throws -> T) throws -> T {
        var oid = id.oid
        var tree: OpaquePointer?
        let code = git_tree_lookup(&tree, handle, &oid)
        if code == .notFound {
            clearError()
            throw GitError.notFound("tree \(id)")
        }
        try check(code, "git_tree_lookup(\(id))")
        defer { git_tree_free(tree) }
        return try body(tree!)
    }

    /// Runs `body` with a looked-up commit (`git_commit *`), freed afterwards.
    func withCommit<T>(_ id: ObjectID, _ body: (OpaquePointer) throws -> T) throws -> T {
        var oid = id.oid
        var commit: OpaquePointer?
        let code = git_commit_lookup(&commit, handle, &oid)
        if code == .notFound {
            clearError()
            throw GitError.notFound("commit \(id)")
        }
        try check(code, "git_commit_lookup(\(id))")
        defer { git_commit_free(commit) }
        return try body(commit!)
    }

    /// The root tree of a commit, without parsing more than the (cached) commit.
    func treeID(ofCommit id: ObjectID) throws -> ObjectID {
        try withCommit(id) { ObjectID(git_commit_tree_id($0).pointee) }
    }
}
