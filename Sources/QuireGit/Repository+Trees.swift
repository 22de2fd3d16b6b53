import CGit2

extension Repository {
    // MARK: Trees

    /// A new tree: `base` (nil = empty) with each path set to a blob (value non-nil) or removed (nil).
    /// Missing folders are created, emptied folders disappear. Only trees on changed paths are rewritten.
    ///
    /// A blob keeps the executable bit of the file it replaces. Setting a path below an existing
    /// file (`a/b` when `a` is a file) throws `invalidPath` unless the same change set removes `a`;
    /// setting `a` to a blob replaces a folder `a` (and is refused if other changes add files below `a`).
    public func buildTree(base: ObjectID?, changes: [String: ObjectID?]) throws -> ObjectID {
        var root = FolderChanges()
        for (path, value) in changes {
            root.add(try Self.pathComponents(path)[...], value: value, path: path)
        }
        return try writeFolder(base: base, changes: root, isRoot: true) ?? ObjectID.emptyTree
    }

    /// Writes one folder level and, first, every changed sub-folder below it.
    /// Returns nil when the folder ends up empty (the root is written even then).
    private func writeFolder(base: ObjectID?, changes: FolderChanges, isRoot: Bool) throws -> ObjectID? {
        let builder = try TreeLevelBuilder(repository: self, base: base)
        for (name, value) in changes.files {
            if let id = value {
                if changes.folders[name]?.addsFiles == true { throw GitError.invalidPath(changes.paths[name] ?? name) }
                let current = builder.entry(name)?.mode
                let mode = current == GIT_FILEMODE_BLOB_EXECUTABLE ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB
                try builder.set(name, id: id, mode: mode)
            } else {
                try builder.remove(name)
            }
        }
        for (name, folder) in changes.folders {
            var folderBase: ObjectID?
            if let fileChange = changes.files[name] {
                // The file change settled what `name` is: removed (build the folder afresh)
                // or replaced by a blob (nothing left to do below it).
                if fileChange != nil { continue }
            } else if let current = builder.entry(name) {
                guard current.mode == GIT_FILEMODE_TREE else {
                    if !folder.addsFiles { continue }
                    throw GitError.invalidPath(folder.firstPath)
                }
                folderBase = current.id
            }
            if let written = try writeFolder(base: folderBase, changes: folder, isRoot: false) {
                try builder.set(name, id: written, mode: GIT_FILEMODE_TREE)
            } else {
                try builder.remove(name)
            }
        }
        if builder.isEmpty && !isRoot { return nil }
        return try builder.write(in: self)
    }

    /// Splits and validates a repository path: relative, no empty, `.`, `..` or `.git`
    /// components, no NUL. Git itself refuses to check such trees out.
    static func pathComponents(_ path: String) throws -> [String] {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.utf8.contains(0) else { throw GitError.invalidPath(path) }
        for component in components {
            if component.isEmpty || component == "." || component == ".." || component.lowercased() == ".git" {
                throw GitError.invalidPath(path)
            }
        }
        return components.map(String.init)
    }
}

/// The changes that fall inside one folder, split into its direct files and its sub-folders.
private struct FolderChanges {
    var files: [String: ObjectID?] = [:]
    var folders: [String: FolderChanges] = [:]
    /// Full paths of direct file changes, for error messages.
    var paths: [String: String] = [:]
    var firstPath = ""
    /// Whether any change below sets a blob (as opposed to only removing).
    var addsFiles = false

    mutating func add(_ components: ArraySlice<String>, value: ObjectID?, path: String) {
        if firstPath.isEmpty { firstPath = path }
        if value != nil { addsFiles = true }
        let name = components.first!
        if components.count == 1 {
            files[name] = value
            paths[name] = path
        } else {
            folders[name, default: FolderChanges()].add(components.dropFirst(), value: value, path: path)
        }
    }
}
