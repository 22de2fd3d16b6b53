import CGit2

extension Repository {
    // MARK: References

    /// The commit a reference (full name, e.g. `refs/heads/main`) points to, or nil if it does not exist.
    /// A symbolic ref to an unborn branch (HEAD of a new repository) also gives nil.
    public func resolveReference(_ name: String) throws -> ObjectID? {
        var ref: OpaquePointer?
        let code = git_reference_lookup(&ref, handle, name)
        if code == .notFound {
            clearError()
            return nil
        }
        try check(code, "git_reference_lookup(\(name))")
        defer { git_reference_free(ref) }
        return try peeledCommit(ref!, name: name)
    }

    /// Every reference whose full name starts with `prefix`, peeled to the commit.
    /// References that do not lead to a commit (a tag of a blob, a dangling symref) are left out.
    public func references(withPrefix prefix: String) throws -> [String: ObjectID] {
        var iterator: OpaquePointer?
        // A glob lets the loose-ref backend scan only the prefix's folder. Ref names cannot
        // contain glob characters, so escaping is never needed; the hasPrefix check below
        // keeps the result exact whatever the glob matched.
        let isPlain = !prefix.contains(where: { "*?[\\".contains($0) })
        let code = isPlain
            ? git_reference_iterator_glob_new(&iterator, handle, prefix + "*")
            : git_reference_iterator_new(&iterator, handle)
        try check(code, "git_reference_iterator_new(\(prefix))")
        defer { git_reference_iterator_free(iterator) }

        var result: [String: ObjectID] = [:]
        while true {
            var ref: OpaquePointer?
            let next = git_reference_next(&ref, iterator)
            if next == .iterOver { break }
            try check(next, "git_reference_next")
            defer { git_reference_free(ref) }
            let name = String(cString: git_reference_name(ref))
            guard name.hasPrefix(prefix) else { continue }
            if let id = try? peeledCommit(ref!, name: name) { result[name] = id }
        }
        return result
    }

    /// Compare-and-swap: moves `name` to `new` only if it currently points at `expected`
    /// (`expected == nil`: only if it does not exist yet). Throws `GitError.referenceMoved` otherwise.
    /// The ref file and its folder are fsynced before returning.
    public func updateReference(_ name: String, to new: ObjectID, expecting expected: ObjectID?, logMessage: String) throws {
        let createdFolders = missingReferenceFolders(name)
        var target = new.oid
        var ref: OpaquePointer?
        let code: Int32
        if let expected {
            var current = expected.oid
            // force = 1: the match against `current` is the guard; without it an existing ref always fails.
            code = git_reference_create_matching(&ref, handle, name, &target, 1, &current, logMessage)
        } else {
            code = git_reference_create(&ref, handle, name, &target, 0, logMessage)
        }
        // EMODIFIED: points elsewhere; EEXISTS: exists though expected absent;
        // ENOTFOUND (with an expected value): was deleted meanwhile; ELOCKED: another process
        // (a human's `git commit`) is moving it this instant, so it is about to point elsewhere.
        if code == .modified || code == .exists || code == .locked || (expected != nil && code == .notFound) {
            clearError()
            throw GitError.referenceMoved(name: name)
        }
        try check(code, "git_reference_create(\(name))")
        git_reference_free(ref)
        try syncWrittenReference(name, createdFolders: createdFolders)
    }

    /// Compare-and-swap delete. Throws `GitError.referenceMoved` if the ref points elsewhere
    /// (or no longer exists).
    public func deleteReference(_ name: String, expecting expected: ObjectID) throws {
        var ref: OpaquePointer?
        let code = git_reference_lookup(&ref, handle, name)
        if code == .notFound {
            clearError()
            throw GitError.referenceMoved(name: name)
        }
        try check(code, "git_reference_lookup(\(name))")
        defer { git_reference_free(ref) }
        guard let target = git_reference_target(ref), ObjectID(target.pointee) == expected else {
            throw GitError.referenceMoved(name: name)
        }
        // libgit2 re-checks the target under the ref lock, so a writer from another process
        // between our lookup and this delete still yields EMODIFIED rather than a lost update.
        let deleted = git_reference_delete(ref)
        if deleted == .modified || deleted == .notFound || deleted == .locked {
            clearError()
            throw GitError.referenceMoved(name: name)
        }
        try check(deleted, "git_reference_delete(\(name))")
        try syncDeletedReference(name)
    }

    /// The branch HEAD points to (`refs/heads/main`), if HEAD is symbolic. Works for an unborn branch.
    public func headReferenceName() throws -> String? {
        var ref: OpaquePointer?
        let code = git_reference_lookup(&ref, handle, "HEAD")
        if code == .notFound {
            clearError()
            return nil
        }
        try check(code, "git_reference_lookup(HEAD)")
        defer { git_reference_free(ref) }
        guard git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(ref) else {
            return nil
        }
        return String(cString: target)
    }

    /// The commit behind a reference, following symrefs and annotated tags. nil when the
    /// chain ends at nothing (unborn branch).
    private func peeledCommit(_ ref: OpaquePointer, name: String) throws -> ObjectID? {
        var object: OpaquePointer?
        let code = git_reference_peel(&object, ref, GIT_OBJECT_COMMIT)
        if code == .notFound {
            clearError()
            return nil
        }
        try check(code, "git_reference_peel(\(name))")
        defer { git_object_free(object) }
        return ObjectID(git_object_id(object).pointee)
    }
}
