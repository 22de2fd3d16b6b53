import QuireContent
import QuireGit
import QuireIndex

/// A ref outside `refs/heads/` that a remote sync carries too, such as `refs/quire/users`.
/// It goes to the remote under its own name (never under `refs/heads/`, so ordinary clones
/// still do not fetch it), by the same compare-and-swap as the branches, and its tracking ref
/// lives outside `refs/quire/origin/`, where the branch code would take it for a branch.
///
/// QuireSite does not know what the ref's files mean; whoever does (QuireAPI for the users)
/// supplies `mergeFile`, which is asked only about a file both sides changed differently.
public struct PrivateReference: Sendable {
    public typealias FileMerge = @Sendable (_ path: String, _ base: [UInt8]?, _ ours: [UInt8]?, _ theirs: [UInt8]?) throws -> [UInt8]?

    /// The full ref name, the same here and on the remote.
    public let name: String
    /// Returns the merged file (nil: no such file in the result). Files must sit at the top
    /// of the ref's tree: nested folders are taken whole from the remote's side.
    public let mergeFile: FileMerge
    /// Runs after the ref moved because of the remote, so that caches of it can be dropped.
    public let moved: @Sendable () -> Void

    public init(name: String, mergeFile: @escaping FileMerge, moved: @escaping @Sendable () -> Void = {}) {
        self.name = name
        self.mergeFile = mergeFile
        self.moved = moved
    }

    /// What the remote held at our last fetch or push.
    public var trackingName: String {
        "refs/quire/origin-private/" + name.dropFirst("refs/".count)
    }
}

/// Integration of private refs, as `RemoteIntegration` does for branches, with a merge that
/// works on whole files rather than documents.
struct PrivateIntegration {
    let repository: Repository

    /// Takes in what the remote holds for `reference` (`theirs`, nil: the remote lacks it).
    /// Returns whether our ref moved. The local ref moves by compare-and-swap: a user change
    /// committed meanwhile makes this throw, and the next round integrates again.
    func integrate(_ reference: PrivateReference, theirs: ObjectID?) async throws -> Bool {
        let ours = try await repository.resolveReference(reference.name)
        let tracking = try await repository.resolveReference(reference.trackingName)
        guard theirs != tracking else { return false }
        let target = try await resolve(reference, ours: ours, theirs: theirs)
        let local = target != ours ? [ReferenceMove(reference.name, from: ours, to: target, logMessage: "quire: sync from remote")] : []
        try await repository.moveReferencesDurably(
            local + [ReferenceMove(reference.trackingName, from: tracking, to: theirs, logMessage: "quire: fetch")])
        if target != ours { reference.moved() }
        return target != ours
    }

    private func resolve(_ reference: PrivateReference, ours: ObjectID?, theirs: ObjectID?) async throws -> ObjectID? {
        // The remote lost the ref (deleted by hand): keep ours, the next push restores it.
        guard let theirs else { return ours }
        guard let ours, ours != theirs else { return theirs }
        if try await repository.isDescendant(ours, of: theirs) { return ours }
        if try await repository.isDescendant(theirs, of: ours) { return theirs }
        return try await merge(reference, ours: ours, theirs: theirs)
    }

    /// A merge commit (ours first, as for branches) whose files are merged three-way against
    /// the merge base; two servers that each started the ref on their own have none.
    private func merge(_ reference: PrivateReference, ours: ObjectID, theirs: ObjectID) async throws -> ObjectID {
        let base = try await repository.mergeBase(ours, theirs)
        let baseFiles = try await files(of: base)
        let ourFiles = try await files(of: ours)
        let theirFiles = try await files(of: theirs)
        var changes: [String: ObjectID?] = [:]
        for path in Set(baseFiles.keys).union(ourFiles.keys).union(theirFiles.keys) {
            let (b, o, t) = (baseFiles[path], ourFiles[path], theirFiles[path])
            // Only one side changed the file, or both alike: no question to ask.
            if o == t || o == b { changes[path] = t; continue }
            if t == b { changes[path] = o; continue }
            let merged = try reference.mergeFile(
                path, try await read(b), try await read(o), try await read(t))
            // Typed first: a nil (the file removed) assigned straight would take the key out.
            let blob: ObjectID? = try await merged.asyncMap { try await repository.writeBlob($0) }
            changes[path] = .some(blob)
        }
        return try await SiteCommits(repository: repository).mergePrivate(reference.name, ours: ours, theirs: theirs, changes: changes)
    }

    private func files(of commit: ObjectID?) async throws -> [String: ObjectID] {
        guard let commit else { return [:] }
        let entries = try await repository.treeEntries(try await repository.commit(commit).tree)
        return Dictionary(entries.filter { $0.kind == .blob }.map { ($0.name, $0.id) }, uniquingKeysWith: { $1 })
    }

    private func read(_ blob: ObjectID?) async throws -> [UInt8]? {
        try await blob.asyncMap { try await repository.readBlob($0) }
    }

    /// Ours, and the tracking ref, for each private ref (for pushing).
    static func pushUpdates(_ references: [PrivateReference], in repository: Repository) async throws -> (updates: [RemoteUpdate], diverged: Bool) {
        var updates: [RemoteUpdate] = []
        var diverged = false
        for reference in references {
            let tracking = try await repository.resolveReference(reference.trackingName)
            // Never push a deletion: a lost local ref must not wipe every server's users.
            guard let ours = try await repository.resolveReference(reference.name), ours != tracking else { continue }
            if let tracking, try await !repository.isDescendant(ours, of: tracking) {
                diverged = true
                continue
            }
            updates.append(RemoteUpdate(name: reference.name, expected: tracking, new: ours))
        }
        return (updates, diverged)
    }
}
