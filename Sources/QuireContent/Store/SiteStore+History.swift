import QuireGit

/// How a draft branch stands against main: its own commits and how far main moved past its base.
public struct DraftDistance: Sendable {
    /// The branch's commits that main lacks, newest first.
    public var own: [CommitInfo]
    /// Main's commits that the branch lacks.
    public var behind: Int
}

extension SiteStore {
    /// The commits (newest first) that changed the file at `path`, walking back from `tip`
    /// (main, or a draft branch whose history continues into main's). `limit`: stop after so many.
    public func history(ofPath path: String, from tip: ObjectID, limit: Int? = nil) async throws -> [CommitInfo] {
        try await repository.history(ofPath: path, from: tip, limit: limit)
    }

    /// Throws `GitError.notFound` for an unknown commit.
    public func commit(_ id: ObjectID) async throws -> CommitInfo {
        try await repository.commit(id)
    }

    /// A document file's bytes, as stored.
    public func fileBytes(_ blob: ObjectID) async throws -> [UInt8] {
        try await repository.readBlob(blob)
    }

    /// Where the draft branch at `tip` stands against main at `main` (nil: no main yet).
    public func distance(ofDraft tip: ObjectID, fromMain main: ObjectID?) async throws -> DraftDistance {
        let own = try await repository.commits(from: tip, hiding: main)
        var behind = 0
        if let main { behind = try await repository.aheadBehind(tip, main).behind }
        return DraftDistance(own: own, behind: behind)
    }
}
