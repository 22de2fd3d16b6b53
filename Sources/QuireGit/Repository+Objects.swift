import CGit2

extension Repository {
    // MARK: Objects

    public func commit(_ id: ObjectID) throws -> CommitInfo {
        try withCommit(id) { Self.commitInfo($0) }
    }

    public func readBlob(_ id: ObjectID) throws -> [UInt8] {
        var oid = id.oid
        var blob: OpaquePointer?
        let code = git_blob_lookup(&blob, handle, &oid)
        if code == .notFound {
            clearError()
            throw GitError.notFound("blob \(id)")
        }
        try check(code, "git_blob_lookup(\(id))")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: size))
    }

    /// One actor hop for many blobs; the order of the result follows `ids`.
    public func readBlobs(_ ids: [ObjectID]) throws -> [[UInt8]] {
        try ids.map { try readBlob($0) }
    }

    public func writeBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        let code = bytes.withUnsafeBytes { git_blob_create_from_buffer(&oid, handle, $0.baseAddress, $0.count) }
        try check(code, "git_blob_create_from_buffer")
        return ObjectID(oid)
    }

    public func treeEntries(_ tree: ObjectID) throws -> [TreeEntry] {
        try withTree(tree) { tree in
            (0..<git_tree_entrycount(tree)).map { Self.treeEntry(git_tree_entry_byindex(tree, $0)) }
        }
    }

    /// The entry at a slash-separated path below `tree`, or nil.
    public func entry(atPath path: String, inTree tree: ObjectID) throws -> TreeEntry? {
        guard !path.isEmpty else { return nil }
        return try withTree(tree) { tree in
            var entry: OpaquePointer?
            let code = git_tree_entry_bypath(&entry, tree, path)
            if code == .notFound {
                clearError()
                return nil
            }
            try check(code, "git_tree_entry_bypath(\(path))")
            defer { git_tree_entry_free(entry) }
            return Self.treeEntry(entry)
        }
    }

    /// Every blob below `prefix` (a folder path, "" for the root) of `tree`, recursively, with full paths.
    /// Executables and symlinks count as blobs; submodules do not. A prefix that is not a folder gives [].
    public func blobs(inTree tree: ObjectID, under prefix: String) throws -> [BlobEntry] {
        let folder = prefix.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
        var start = tree
        if !folder.isEmpty {
            guard let entry = try entry(atPath: folder, inTree: tree), entry.kind == .tree else { return [] }
            start = entry.id
        }
        var result: [BlobEntry] = []
        try collectBlobs(start, path: folder, into: &result)
        return result
    }

    func collectBlobs(_ tree: ObjectID, path: String, into result: inout [BlobEntry]) throws {
        try withTree(tree) { tree in
            for index in 0..<git_tree_entrycount(tree) {
                let entry = git_tree_entry_byindex(tree, index)
                let name = String(cString: git_tree_entry_name(entry))
                let full = path.isEmpty ? name : path + "/" + name
                let id = ObjectID(git_tree_entry_id(entry).pointee)
                switch git_tree_entry_filemode(entry) {
                case GIT_FILEMODE_TREE: try collectBlobs(id, path: full, into: &result)
                case GIT_FILEMODE_COMMIT: continue
                default: result.append(BlobEntry(path: full, id: id))
                }
            }
        }
    }

    /// Writes a commit object; moves no reference.
    public func createCommit(tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature, message: String) throws -> ObjectID {
        let authorSignature = try Self.makeSignature(author)
        defer { git_signature_free(authorSignature) }
        let committerSignature = try Self.makeSignature(committer)
        defer { git_signature_free(committerSignature) }

        var parentCommits: [OpaquePointer?] = []
        defer { parentCommits.forEach { git_commit_free($0) } }
        for parent in parents {
            var oid = parent.oid
            var commit: OpaquePointer?
            try check(git_commit_lookup(&commit, handle, &oid), "git_commit_lookup(\(parent))")
            parentCommits.append(commit)
        }
        var treeOID = tree.oid
        var treeObject: OpaquePointer?
        try check(git_tree_lookup(&treeObject, handle, &treeOID), "git_tree_lookup(\(tree))")
        defer { git_tree_free(treeObject) }
        var oid = git_oid()
        let code = git_commit_create(&oid, handle, nil, authorSignature, committerSignature, nil, message,
                                     treeObject, parentCommits.count, &parentCommits)
        try check(code, "git_commit_create")
        return ObjectID(oid)
    }

    // MARK: Conversions

    static func commitInfo(_ commit: OpaquePointer) -> CommitInfo {
        CommitInfo(
            id: ObjectID(git_commit_id(commit).pointee),
            tree: ObjectID(git_commit_tree_id(commit).pointee),
            parents: (0..<git_commit_parentcount(commit)).map { ObjectID(git_commit_parent_id(commit, $0).pointee) },
            author: signature(git_commit_author(commit)),
            committer: signature(git_commit_committer(commit)),
            message: git_commit_message(commit).map { String(cString: $0) } ?? ""
        )
    }

    static func signature(_ pointer: UnsafePointer<git_signature>?) -> Signature {
        guard let sig = pointer?.pointee else { return Signature(name: "", email: "", time: 0) }
        return Signature(
            name: sig.name.map { String(cString: $0) } ?? "",
            email: sig.email.map { String(cString: $0) } ?? "",
            time: sig.when.time,
            offsetMinutes: sig.when.offset
        )
    }

    static func makeSignature(_ signature: Signature) throws -> UnsafeMutablePointer<git_signature> {
        var result: UnsafeMutablePointer<git_signature>?
        let code = git_signature_new(&result, signature.name, signature.email, signature.time, Int32(signature.offsetMinutes))
        try check(code, "git_signature_new(\(signature.name) <\(signature.email)>)")
        return result!
    }

    static func treeEntry(_ entry: OpaquePointer?) -> TreeEntry {
        TreeEntry(
            name: String(cString: git_tree_entry_name(entry)),
            id: ObjectID(git_tree_entry_id(entry).pointee),
            kind: TreeEntryKind(mode: git_tree_entry_filemode(entry))
        )
    }
}
