import Foundation
import Testing
@testable import QuireGit

/// Trees are written from raw bytes by our own code: they must be byte-for-byte what git
/// itself would write, or fsck and other tools would reject (or silently re-sort) them.
@Suite struct RawTreeTests {
    /// Names that stress git's ordering: prefixes, '.', '-', '0', '/' sorting of folders, UTF-8.
    static let names = ["a", "a.b", "a-b", "a0", "ab", "a_b", "b", "é", "Z", "a.yaml", "a.yml", "aa", "a~"]

    @Test func randomEditsMatchWhatGitWrites() async throws {
        try await withRepository { repo, path in
            var generator = SeededGenerator(seed: 42)
            var expected: Set<String> = []
            var tree: ObjectID?
            for round in 0..<40 {
                var changes: [String: ObjectID?] = [:]
                for _ in 0..<4 {
                    let name = Self.names.randomElement(using: &generator)!
                    // Half the names become folders holding a file, half plain files.
                    let asFolder = Bool.random(using: &generator)
                    let file = asFolder ? "dir/\(name)/x" : "dir/\(name)"
                    let other = asFolder ? "dir/\(name)" : "dir/\(name)/x"
                    if expected.contains(other) || changes.keys.contains(other) { continue }
                    if expected.contains(file), Bool.random(using: &generator) {
                        changes[file] = .some(nil)
                    } else {
                        changes[file] = try await repo.writeBlob(Array("round \(round) \(file)".utf8))
                    }
                }
                tree = try await repo.buildTree(base: tree, changes: changes)
                for (file, value) in changes {
                    if value == nil { expected.remove(file) } else { expected.insert(file) }
                }
            }
            let commit = try await repo.createCommit(tree: tree!, parents: [], author: testAuthor, committer: testAuthor, message: "m")
            try await repo.updateReference("refs/heads/main", to: commit, expecting: nil, logMessage: "t")
            _ = try runGit(["fsck", "--strict", "--no-dangling"], in: path)
            let listed = Set(try runGit(["ls-tree", "-r", "--name-only", "-z", "main"], in: path).split(separator: "\0").map(String.init))
            #expect(listed == expected)
            // git mktree sorts what it is given: the same id means our bytes are in git's order.
            let folder = try runGit(["ls-tree", "main:dir"], in: path)
            let remade = try runGit(["mktree"], in: path, input: folder).trimmingCharacters(in: .whitespacesAndNewlines)
            let ours = try runGit(["rev-parse", "main:dir"], in: path).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(remade == ours)
        }
    }

    @Test func treesAreStoredUncompressedButReadableByGit() async throws {
        try await withRepository { repo, path in
            var changes: [String: ObjectID?] = [:]
            for index in 0..<500 { changes["big/doc-\(index).yaml"] = try await repo.writeBlob(Array("n: \(index)\n".utf8)) }
            let tree = try await repo.buildTree(base: nil, changes: changes)
            let big = try #require(try await repo.entry(atPath: "big", inTree: tree))
            #expect(try runGit(["cat-file", "-t", big.id.hex], in: path) == "tree\n")
            #expect(try runGit(["ls-tree", big.id.hex], in: path).split(separator: "\n").count == 500)
        }
    }
}

/// A small deterministic generator, so a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
