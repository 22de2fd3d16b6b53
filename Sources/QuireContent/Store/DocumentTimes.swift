import QuireGit

/// When a document's file was first added and last changed, in seconds since 1970 (committer time).
public struct DocumentTimes: Sendable, Equatable {
    public var created: Int64
    public var updated: Int64

    public init(created: Int64, updated: Int64) {
        self.created = created
        self.updated = updated
    }
}

extension SiteStore {
    /// Times of every document changed by the commits reachable from `tip` but not from `hidden`.
    /// Cost follows the number of commits and the size of their changes, not the size of the site,
    /// so it serves both the first load (hidden nil) and catching up after new commits.
    public func documentTimes(from tip: ObjectID, hiding hidden: ObjectID?) async throws -> [DocumentKey: DocumentTimes] {
        let commits = try await repository.commits(from: tip, hiding: hidden)
        var trees: [ObjectID: ObjectID] = [:]
        for commit in commits { trees[commit.id] = commit.tree }
        var times: [DocumentKey: DocumentTimes] = [:]
        for commit in commits {
            var parentTree: ObjectID?
            if let parent = commit.parents.first {
                if let known = trees[parent] {
                    parentTree = known
                } else {
                    parentTree = try await repository.commit(parent).tree
                }
            }
            let changes = try await repository.diffTrees(from: parentTree, to: commit.tree, under: SiteLayout.contentFolder)
            let time = commit.committer.time
            for change in changes where change.new != nil {
                guard let key = SiteLayout.documentKey(forPath: change.path)?.key else { continue }
                // Newest commits come first: the first sighting is the last change, and the
                // oldest addition seen is the creation.
                var entry = times[key] ?? DocumentTimes(created: time, updated: time)
                if change.old == nil { entry.created = min(entry.created, time) }
                times[key] = entry
            }
        }
        return times
    }
}
