import Foundation
import Testing
@testable import QuireGit

@Suite struct TreeTests {
    @Test func buildTreeAddsModifiesAndDeletes() async throws {
        try await withRepository { repo, _ in
            let a = try await repo.writeBlob(Array("a".utf8))
            let b = try await repo.writeBlob(Array("b".utf8))
            let c = try await repo.writeBlob(Array("c".utf8))
            let tree = try await repo.buildTree(base: nil, changes: [
                "top.md": a, "posts/2024/one.md": b, "posts/2024/two.md": c, "posts/index.md": a,
            ])
            #expect(try await repo.treeEntries(tree).map(\.name) == ["posts", "top.md"])
            #expect(try await repo.entry(atPath: "posts/2024/two.md", inTree: tree)?.id == c)
            #expect(try await repo.entry(atPath: "posts/2024", inTree: tree)?.kind == .tree)
            #expect(try await repo.entry(atPath: "posts/nope.md", inTree: tree) == nil)
            #expect(try await repo.blobs(inTree: tree, under: "posts").map(\.path)
                    == ["posts/2024/one.md", "posts/2024/two.md", "posts/index.md"])
            #expect(try await repo.blobs(inTree: tree, under: "").count == 4)
            #expect(try await repo.blobs(inTree: tree, under: "missing").isEmpty)

            // Modify one file: untouched folders keep their ids.
            let before2024 = try await repo.entry(atPath: "posts/2024", inTree: tree)?.id
            let modified = try await repo.buildTree(base: tree, changes: ["posts/index.md": c])
            #expect(try await repo.entry(atPath: "posts/index.md", inTree: modified)?.id == c)
            #expect(try await repo.entry(atPath: "posts/2024", inTree: modified)?.id == before2024)

            // Deleting every file of a folder removes the folder, up the chain.
            let pruned = try await repo.buildTree(base: modified, changes: [
                "posts/2024/one.md": nil, "posts/2024/two.md": nil, "posts/index.md": nil,
            ])
            #expect(try await repo.treeEntries(pruned).map(\.name) == ["top.md"])

            // No-op changes give the same tree; deleting the last file gives the empty tree.
            #expect(try await repo.buildTree(base: tree, changes: ["top.md": a, "none/x.md": nil]) == tree)
            let empty = try await repo.buildTree(base: pruned, changes: ["top.md": nil])
            #expect(empty == ObjectID.emptyTree)
            #expect(try await repo.treeEntries(empty).isEmpty)
        }
    }

    @Test func buildTreeTypeChanges() async throws {
        try await withRepository { repo, _ in
            let a = try await repo.writeBlob(Array("a".utf8))
            let tree = try await repo.buildTree(base: nil, changes: ["x": a, "d/one": a])
            // A path through an existing file is refused unless the file goes away.
            await #expect(throws: GitError.invalidPath("x/y")) {
                try await repo.buildTree(base: tree, changes: ["x/y": a])
            }
            let fileToFolder = try await repo.buildTree(base: tree, changes: ["x": nil, "x/y": a])
            #expect(try await repo.entry(atPath: "x/y", inTree: fileToFolder)?.id == a)
            // A folder replaced by a file.
            let folderToFile = try await repo.buildTree(base: tree, changes: ["d": a])
            #expect(try await repo.entry(atPath: "d", inTree: folderToFile)?.kind == .blob)
            await #expect(throws: GitError.self) {
                try await repo.buildTree(base: tree, changes: ["d": a, "d/two": a])
            }
        }
    }

    @Test(arguments: ["", "/abs.md", "a//b.md", "a/./b.md", "a/../b.md", ".git/config", "x/.GIT/y", "trailing/", "..", "nul\u{0}x"])
    func buildTreeRejectsInvalidPaths(_ path: String) async throws {
        try await withRepository { repo, _ in
            let a = try await repo.writeBlob(Array("a".utf8))
            await #expect(throws: GitError.invalidPath(path)) {
                try await repo.buildTree(base: nil, changes: [path: a])
            }
        }
    }

    @Test func diffTrees() async throws {
        try await withRepository { repo, _ in
            let (a, b, c) = try await (
                repo.writeBlob(Array("a".utf8)), repo.writeBlob(Array("b".utf8)), repo.writeBlob(Array("c".utf8)))
            let old = try await repo.buildTree(base: nil, changes: [
                "keep.md": a, "posts/mod.md": a, "posts/del.md": b, "posts/deep/x.md": c, "pages/p.md": a,
            ])
            let new = try await repo.buildTree(base: old, changes: [
                "posts/mod.md": b, "posts/del.md": nil, "posts/deep/new.md": a, "added/z.md": c,
            ])
            let diff = try await repo.diffTrees(from: old, to: new)
            #expect(Set(diff.map { "\($0.path) \($0.old?.hex.prefix(4) ?? "-") \($0.new?.hex.prefix(4) ?? "-")" }) == [
                "posts/mod.md \(a.hex.prefix(4)) \(b.hex.prefix(4))",
                "posts/del.md \(b.hex.prefix(4)) -",
                "posts/deep/new.md - \(a.hex.prefix(4))",
                "added/z.md - \(c.hex.prefix(4))",
            ])
            #expect(try await repo.diffTrees(from: old, to: new, under: "posts/deep").map(\.path) == ["posts/deep/new.md"])
            #expect(try await repo.diffTrees(from: old, to: new, under: "posts/").count == 3)
            #expect(try await repo.diffTrees(from: old, to: new, under: "pages").isEmpty)
            #expect(try await repo.diffTrees(from: old, to: new, under: "posts/mod.md") == [
                DiffEntry(path: "posts/mod.md", old: a, new: b)])
            #expect(try await repo.diffTrees(from: old, to: old).isEmpty)
            #expect(try await repo.diffTrees(from: nil, to: old).count == 5)
            #expect(try await repo.diffTrees(from: old, to: nil).allSatisfy { $0.new == nil })
            #expect(try await repo.diffTrees(from: nil, to: nil).isEmpty)
        }
    }

    @Test func diffTreesAcrossTypeChange() async throws {
        try await withRepository { repo, _ in
            let a = try await repo.writeBlob(Array("a".utf8))
            let b = try await repo.writeBlob(Array("b".utf8))
            let old = try await repo.buildTree(base: nil, changes: ["x": a, "d/one": a, "d/two": b])
            let new = try await repo.buildTree(base: old, changes: ["x": nil, "x/inner": b, "d": b])
            let diff = try await repo.diffTrees(from: old, to: new)
            #expect(Set(diff.map(\.path)) == ["x", "x/inner", "d", "d/one", "d/two"])
            #expect(diff.contains(DiffEntry(path: "x", old: a, new: nil)))
            #expect(diff.contains(DiffEntry(path: "x/inner", old: nil, new: b)))
            #expect(diff.contains(DiffEntry(path: "d", old: nil, new: b)))
            #expect(diff.contains(DiffEntry(path: "d/two", old: b, new: nil)))
        }
    }
}
