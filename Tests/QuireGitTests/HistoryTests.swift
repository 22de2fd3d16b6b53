import Foundation
import Testing
@testable import QuireGit

@Suite struct HistoryTests {
    @Test func commitsWalk() async throws {
        try await withRepository { repo, _ in
            var tips: [ObjectID] = []
            var parent: ObjectID?
            for index in 0..<5 {
                parent = try await commitFiles(repo, ["f\(index).md": "\(index)"], parent: parent,
                                               message: "c\(index)", time: 1_700_000_000 + Int64(index))
                tips.append(parent!)
            }
            let all = try await repo.commits(from: tips[4])
            #expect(all.map(\.id) == tips.reversed())
            #expect(try await repo.commits(from: tips[4], limit: 2).map(\.message) == ["c4", "c3"])
            #expect(try await repo.commits(from: tips[4], hiding: tips[2]).map(\.id) == [tips[4], tips[3]])
            #expect(try await repo.commits(from: tips[4], limit: 0).isEmpty)
            #expect(try await repo.mergeBase(tips[4], tips[2]) == tips[2])
        }
    }

    /// A draft branch three commits off a main that moved on by two: what the drafts list shows.
    @Test func aheadBehindCountsEachSide() async throws {
        try await withRepository { repo, _ in
            let base = try await commitFiles(repo, ["a.md": "1"], parent: nil, time: 1)
            var draft = base, main = base
            for index in 0..<3 { draft = try await commitFiles(repo, ["d.md": "\(index)"], parent: draft, time: 2 + Int64(index)) }
            for index in 0..<2 { main = try await commitFiles(repo, ["m.md": "\(index)"], parent: main, time: 9 + Int64(index)) }
            let counted = try await repo.aheadBehind(draft, main)
            #expect(counted.ahead == 3 && counted.behind == 2)
            let same = try await repo.aheadBehind(main, main)
            #expect(same.ahead == 0 && same.behind == 0)
            // The hidden walk, which the drafts list used before, agrees.
            #expect(try await repo.commits(from: main, hiding: draft).count == 2)
        }
    }

    @Test func commitsWalkIsTopologicalWithEqualTimes() async throws {
        try await withRepository { repo, _ in
            var parent: ObjectID?
            var tips: [ObjectID] = []
            for index in 0..<20 {
                parent = try await commitFiles(repo, ["f.md": "\(index)"], parent: parent)
                tips.append(parent!)
            }
            #expect(try await repo.commits(from: parent!).map(\.id) == tips.reversed())
        }
    }

    @Test func historyOfPath() async throws {
        try await withRepository { repo, _ in
            let c1 = try await commitFiles(repo, ["a.md": "1", "b.md": "1"], parent: nil, message: "c1", time: 1)
            let c2 = try await commitFiles(repo, ["b.md": "2"], parent: c1, message: "c2", time: 2)
            let c3 = try await commitFiles(repo, ["a.md": "2"], parent: c2, message: "c3", time: 3)
            let c4 = try await commitFiles(repo, ["b.md": "3"], parent: c3, message: "c4", time: 4)
            let c5 = try await commitFiles(repo, ["a.md": nil], parent: c4, message: "c5", time: 5)
            #expect(try await repo.history(ofPath: "a.md", from: c5).map(\.id) == [c5, c3, c1])
            #expect(try await repo.history(ofPath: "b.md", from: c5).map(\.id) == [c4, c2, c1])
            #expect(try await repo.history(ofPath: "a.md", from: c5, limit: 2).map(\.id) == [c5, c3])
            #expect(try await repo.history(ofPath: "nope.md", from: c5).isEmpty)
        }
    }

    @Test func historyThroughMerges() async throws {
        try await withRepository { repo, _ in
            let root = try await commitFiles(repo, ["a.md": "1", "b.md": "1"], parent: nil, time: 1)
            let side = try await commitFiles(repo, ["a.md": "side"], parent: root, message: "side", time: 2)
            let main = try await commitFiles(repo, ["b.md": "main"], parent: root, message: "main", time: 3)
            let merge = try await repo.merge(theirs: side, into: main, base: nil, author: testAuthor,
                                             committer: testAuthor, message: "merge")
            guard case .merged(let mergeCommit, _) = merge else { Issue.record("\(merge)"); return }
            // The merge matches `side` for a.md and `main` for b.md: TREESAME to one parent each time.
            #expect(try await repo.history(ofPath: "a.md", from: mergeCommit).map(\.id) == [side, root])
            #expect(try await repo.history(ofPath: "b.md", from: mergeCommit).map(\.id) == [main, root])
        }
    }
}

@Suite struct MergeTests {
    @Test func upToDateAndFastForward() async throws {
        try await withRepository { repo, _ in
            let one = try await commitFiles(repo, ["a.md": "1"], parent: nil, time: 1)
            let two = try await commitFiles(repo, ["a.md": "2"], parent: one, time: 2)
            func merge(_ theirs: ObjectID, into ours: ObjectID, base: ObjectID? = nil) async throws -> MergeOutcome {
                try await repo.merge(theirs: theirs, into: ours, base: base, author: testAuthor, committer: testAuthor, message: "m")
            }
            #expect(try await merge(one, into: two) == .upToDate)
            #expect(try await merge(two, into: two) == .upToDate)
            #expect(try await merge(two, into: one) == .fastForward(two))
            #expect(try await merge(two, into: one, base: one) == .fastForward(two))
            let three = try await commitFiles(repo, ["a.md": "3"], parent: two, time: 3)
            // A stale recorded base that would look like a conflict still resolves by ancestry.
            #expect(try await merge(three, into: two, base: one) == .fastForward(three))
            #expect(try await merge(two, into: three, base: one) == .upToDate)
        }
    }

    @Test func mergedTreeHasBothSides() async throws {
        try await withRepository { repo, _ in
            let base = try await commitFiles(repo, ["shared.md": "s", "posts/a.md": "a", "posts/b.md": "b"], parent: nil, time: 1)
            let ours = try await commitFiles(repo, ["posts/a.md": "a-ours", "ours.md": "o", "same.md": "x"], parent: base, time: 2)
            let theirs = try await commitFiles(repo, ["posts/b.md": nil, "theirs/new.md": "t", "same.md": "x"],
                                               parent: base, time: 3)
            try await repo.updateReference("refs/heads/main", to: ours, expecting: nil, logMessage: "m")
            let outcome = try await repo.merge(theirs: theirs, into: ours, base: nil, author: testAuthor,
                                               committer: testAuthor, message: "Merge theirs")
            guard case .merged(let commit, let changed) = outcome else { Issue.record("\(outcome)"); return }
            #expect(changed == ["posts/b.md", "theirs/new.md"])
            let info = try await repo.commit(commit)
            #expect(info.parents == [ours, theirs])
            #expect(info.message == "Merge theirs")
            #expect(try await fileText(repo, commit, "posts/a.md") == "a-ours")
            #expect(try await fileText(repo, commit, "posts/b.md") == nil)
            #expect(try await fileText(repo, commit, "theirs/new.md") == "t")
            #expect(try await fileText(repo, commit, "ours.md") == "o")
            #expect(try await fileText(repo, commit, "same.md") == "x")
            #expect(try await fileText(repo, commit, "shared.md") == "s")
            // The merge moved no reference.
            #expect(try await repo.resolveReference("refs/heads/main") == ours)
            // With the base given explicitly, same result.
            let again = try await repo.merge(theirs: theirs, into: ours, base: base, author: testAuthor,
                                             committer: testAuthor, message: "Merge theirs")
            #expect(again == outcome)
        }
    }

    /// Two servers merging each other's work make criss-cross histories with two merge bases.
    /// A file theirs holds as one base held it is a version ours has seen and moved on from:
    /// ours' newer edit stands, whichever base comes first (the soak lost acknowledged edits to
    /// older versions, and saw deleted documents come back, when only one base was looked at).
    @Test func aCrissCrossMergeKeepsTheNewerEditWhicheverBaseComesFirst() async throws {
        try await withRepository { repo, _ in
            let root = try await commitFiles(repo, ["x.md": "x1", "v.md": "v1", "gone.md": "g1"], parent: nil, time: 1)
            let ours1 = try await commitFiles(repo, ["x.md": "x3"], parent: root, time: 2)
            let theirs1 = try await commitFiles(repo, ["v.md": "v2"], parent: root, time: 3)
            // Each side takes the other's first commit in: two merges, same content.
            let oursMerge = try await commitFiles(repo, ["v.md": "v2"], parent: ours1, extraParents: [theirs1], time: 4)
            let theirsMerge = try await commitFiles(repo, ["x.md": "x3"], parent: theirs1, extraParents: [ours1], time: 5)
            // Ours edits both files again and deletes one; theirs adds an unrelated file.
            let ours2 = try await commitFiles(repo, ["x.md": "x10", "v.md": "v10", "gone.md": nil], parent: oursMerge, time: 6)
            let theirs2 = try await commitFiles(repo, ["new.md": "n"], parent: theirsMerge, time: 7)
            #expect(Set(try await repo.mergeBases(ours2, theirs2)) == [ours1, theirs1])

            let outcome = try await repo.merge(theirs: theirs2, into: ours2, base: nil, author: testAuthor, committer: testAuthor, message: "m")
            guard case .merged(let commit, let changed) = outcome else { Issue.record("\(outcome)"); return }
            #expect(changed == ["new.md"])
            #expect(try await fileText(repo, commit, "x.md") == "x10")
            #expect(try await fileText(repo, commit, "v.md") == "v10")
            #expect(try await fileText(repo, commit, "gone.md") == nil)
            #expect(try await fileText(repo, commit, "new.md") == "n")
        }
    }

    @Test func conflictsWriteNothing() async throws {
        try await withRepository { repo, path in
            let base = try await commitFiles(repo, ["a.md": "base", "b.md": "b", "c.md": "c"], parent: nil, time: 1)
            let ours = try await commitFiles(repo, ["a.md": "ours", "c.md": nil, "ok.md": "1"], parent: base, time: 2)
            let theirs = try await commitFiles(repo, ["a.md": "theirs", "c.md": "c2", "b.md": "b2"], parent: base, time: 3)
            try await repo.updateReference("refs/heads/main", to: ours, expecting: nil, logMessage: "m")
            let objectsBefore = try runGit(["count-objects"], in: path)
            let outcome = try await repo.merge(theirs: theirs, into: ours, base: base, author: testAuthor,
                                               committer: testAuthor, message: "m")
            #expect(outcome == .conflicts(["a.md", "c.md"]))
            #expect(try runGit(["count-objects"], in: path) == objectsBefore)
            #expect(try await repo.resolveReference("refs/heads/main") == ours)
        }
    }

    @Test func fileVersusFolderConflicts() async throws {
        try await withRepository { repo, _ in
            let base = try await commitFiles(repo, ["keep.md": "k"], parent: nil, time: 1)
            let ours = try await commitFiles(repo, ["x": "file"], parent: base, time: 2)
            let theirs = try await commitFiles(repo, ["x/inner.md": "t"], parent: base, time: 3)
            let outcome = try await repo.merge(theirs: theirs, into: ours, base: base, author: testAuthor,
                                               committer: testAuthor, message: "m")
            #expect(outcome == .conflicts(["x/inner.md"]))
        }
    }
}
