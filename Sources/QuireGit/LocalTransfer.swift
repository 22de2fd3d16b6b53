import CGit2

/// Fetches and pushes between two repositories on this machine (a remote given as a path),
/// without libgit2's local transport.
///
/// libgit2 1.5's local transport packs what the other side lacks with its packbuilder, which
/// looks up every subtree of every new commit's changed folders: 500 commits into a
/// 100,000-document site took 100–150 s (24 s of CPU, most of it inflating the same shard
/// trees again), so at that size a server's push never caught up with its own writes. It also
/// lists the refs and then reads each one, failing the whole round when another server deletes
/// a draft branch in between. Here each new commit's tree is compared with its first parent's,
/// identical subtrees are skipped by id, and so is anything the target already holds: the cost
/// follows the change. A changed folder travels as a delta against its version in the parent
/// commit when both are in one pack (`TreeDelta`), so its size follows the change too.
///
/// An object the target holds is taken to be complete (its history, trees and blobs there too),
/// as git's own transfers assume of what a ref reaches. Objects are written in packs that close
/// over whole commits, oldest first, so a transfer cut short leaves only complete objects behind.
enum LocalTransfer {
    /// A pack is written past this many bytes, at the next commit boundary, so that a first
    /// transfer of a large site does not hold all of it in memory.
    static let packBytes = 64 << 20

    /// The source's branches (and those `extra` refs it has), with every object they reach
    /// copied into `targetDirectory`. No ref of the target moves.
    static func fetch(from sourcePath: String, into targetDirectory: String, extra: Set<String>) throws -> [String: ObjectID] {
        try GitRemote.withRepository(sourcePath) { source in
            let branches = try references(in: source, also: extra)
            try copyObjects(reachableFrom: Array(Set(branches.values)), from: source, into: targetDirectory)
            return branches
        }
    }

    /// `refs/heads/*` and the refs named in `extra` that exist. A ref deleted while it is being
    /// listed is left out rather than failing the listing (it is gone either way).
    static func references(in repository: OpaquePointer, also extra: Set<String>) throws -> [String: ObjectID] {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, repository, "refs/heads/*"), "git_reference_iterator_glob_new")
        defer { git_reference_iterator_free(iterator) }
        var found: [String: ObjectID] = [:]
        var reference: OpaquePointer?
        while true {
            let code = git_reference_next(&reference, iterator)
            if code == .iterOver { break }
            try check(code, "git_reference_next")
            if let target = git_reference_target(reference) {
                found[String(cString: git_reference_name(reference))] = ObjectID(target.pointee)
            }
            git_reference_free(reference)
        }
        for name in extra {
            var oid = git_oid()
            let code = git_reference_name_to_id(&oid, repository, name)
            if code == .notFound {
                clearError()
                continue
            }
            try check(code, "git_reference_name_to_id(\(name))")
            found[name] = ObjectID(oid)
        }
        return found
    }

    /// Copies into `targetDirectory` every object reachable from `tips` that it lacks. Not yet
    /// durable: the caller flushes before any ref points at them. Returns how many were copied.
    @discardableResult
    static func copyObjects(reachableFrom tips: [ObjectID], from source: OpaquePointer, into targetDirectory: String, packBytes: Int = packBytes) throws -> Int {
        try GitRemote.withRepository(targetDirectory) { target in
            var odb: OpaquePointer?
            try check(git_repository_odb(&odb, target), "git_repository_odb")
            defer { git_odb_free(odb) }
            var sourceODB: OpaquePointer?
            try check(git_repository_odb(&sourceODB, source), "git_repository_odb")
            defer { git_odb_free(sourceODB) }
            var copier = ObjectCopier(
                source: source, sourceObjects: sourceODB!, targetObjects: odb!,
                targetDirectory: String(cString: git_repository_path(target)), packBytes: packBytes)
            for tip in tips where copier.isNeeded(tip) {
                try copier.addTip(tip)
            }
            for commit in try copier.newCommitsOldestFirst(tips) {
                try copier.addCommit(commit)
            }
            try copier.flush()
            return copier.copied
        }
    }
}
