import QuireGit

/// Where a branch stands: its tip and that commit's tree (both nil for main in an empty repository).
public struct BranchHead: Sendable, Equatable {
    public var commit: ObjectID?
    public var tree: ObjectID?

    public init(commit: ObjectID?, tree: ObjectID?) {
        self.commit = commit
        self.tree = tree
    }
}

/// Where a document's draft branch stands, with the commit of main it was made from (`DraftBase`).
public struct DraftHead: Sendable, Equatable {
    public var tip: ObjectID
    public var tree: ObjectID
    public var base: ObjectID?

    public init(tip: ObjectID, tree: ObjectID, base: ObjectID?) {
        self.tip = tip
        self.tree = tree
        self.base = base
    }
}

/// Every commit the live site makes, in one place, as `SiteLayout` is for paths and refs: the
/// tree over the branch's, the parents, the author (also the committer) and the message's
/// form (`CommitMessage`, `DraftBase`). It writes objects only: the caller moves the refs,
/// with the rest of its batch, through `Repository.moveReferencesDurably`.
public struct SiteCommits: Sendable {
    public let repository: Repository

    public init(repository: Repository) {
        self.repository = repository
    }

    /// A commit on main: `changes` over main's tree, parented on main's tip and then on
    /// `merging` (the draft tips a publish or a release takes in).
    public func onMain(
        _ main: BranchHead, changes: [String: ObjectID?], merging: [ObjectID] = [], author: Signature, message: String
    ) async throws -> (commit: ObjectID, tree: ObjectID) {
        let tree = try await repository.buildTree(base: main.tree, changes: changes)
        let commit = try await repository.createCommit(
            tree: tree, parents: [main.commit].compactMap { $0 } + merging, author: author, committer: author, message: message + "\n")
        return (commit, tree)
    }

    /// A commit on a document's draft branch: `changes` over the branch's tree, parented on its
    /// tip. A branch not made yet (`draft` nil) starts from main, whose tip becomes its base;
    /// every message carries the base (`DraftBase`).
    public func onDraft(
        _ draft: DraftHead?, main: BranchHead, changes: [String: ObjectID?], author: Signature, subject: String
    ) async throws -> DraftHead {
        let tree = try await repository.buildTree(base: draft?.tree ?? main.tree, changes: changes)
        let base = draft == nil ? main.commit : draft?.base
        let tip = try await repository.createCommit(
            tree: tree, parents: [draft?.tip ?? main.commit].compactMap { $0 },
            author: author, committer: author, message: DraftBase.message(subject, base: base))
        return DraftHead(tip: tip, tree: tree, base: base)
    }

    /// The merge of a remote's line of a branch into ours (ours the first parent), with
    /// `resolved` taking the place of libgit2's answer for files it could not merge.
    public func mergeRemote(
        _ branch: String, theirs: ObjectID, into ours: ObjectID, resolved: [String: ObjectID?], overridden: [String]
    ) async throws -> MergeOutcome {
        try await repository.merge(
            theirs: theirs, into: ours, base: nil, author: Self.server, committer: Self.server,
            message: CommitMessage.remoteMerge(branch, overridden: overridden) + "\n", resolved: resolved)
    }

    /// The merge of a remote's line of a ref outside the branches (`refs/quire/users`): the
    /// files merged by the caller, over theirs' tree; ours the first parent.
    public func mergePrivate(_ name: String, ours: ObjectID, theirs: ObjectID, changes: [String: ObjectID?]) async throws -> ObjectID {
        let tree = try await repository.buildTree(base: try await repository.commit(theirs).tree, changes: changes)
        return try await repository.createCommit(
            tree: tree, parents: [ours, theirs], author: Self.server, committer: Self.server,
            message: CommitMessage.privateMerge(name) + "\n")
    }

    /// Who signs the commits the server makes on no one's behalf (merges with a remote).
    public static let server = Signature(name: "Quire", email: "quire@localhost")
}
