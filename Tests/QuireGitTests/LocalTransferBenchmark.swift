import CGit2
import Foundation
import Testing
@testable import QuireGit

/// A push to a remote on a path, libgit2's local transport (how Quire pushed before) against
/// `LocalTransfer`, on the same prepared repositories. Off by default; `Benchmarks/local-transfer.sh`
/// prepares a generated site with new commits and a remote without them, then runs it.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["QUIRE_TRANSFER_BENCH_SITE"] != nil))
struct LocalTransferBenchmark {
    @Test func pushOfNewCommits() async throws {
        let environment = ProcessInfo.processInfo.environment
        let site = environment["QUIRE_TRANSFER_BENCH_SITE"]!
        let remote = environment["QUIRE_TRANSFER_BENCH_REMOTE"]!
        let rounds = Int(environment["QUIRE_TRANSFER_BENCH_ROUNDS"] ?? "") ?? 3
        // A server's own handles keep libgit2's object cache (one limit for the whole process)
        // full of the trees its writes and reads touched; a transfer's fresh handle then caches
        // almost nothing.
        let busy = !(environment["QUIRE_TRANSFER_BENCH_BUSY_CACHE"] ?? "").isEmpty
        let local = try Repository.open(at: site)
        let tip = try #require(try await local.resolveReference("refs/heads/main"))
        let pushRef = "refs/quire/push/heads/main"
        try await local.updateReference(pushRef, to: tip, expecting: try await local.resolveReference(pushRef), logMessage: "bench")

        let clock = ContinuousClock()
        func fresh() throws -> String {
            let copy = NSTemporaryDirectory() + "quire-transfer-\(UUID().uuidString).git"
            try FileManager.default.copyItem(atPath: remote, toPath: copy)
            return copy
        }
        var results: [String: [Duration]] = [:]
        for _ in 0..<rounds {
            for method in ["libgit2 local transport", "LocalTransfer"] {
                let target = try fresh()
                defer { try? FileManager.default.removeItem(atPath: target) }
                let elapsed = try withBusyCache(busy, site: local.gitDirectory, tip: tip) {
                    let start = clock.now
                    if method == "LocalTransfer" {
                        try GitRemote.withRepository(local.gitDirectory) { source in
                            try LocalTransfer.copyObjects(reachableFrom: [tip], from: source, into: target)
                        }
                    } else {
                        _ = try GitRemote.download(from: local.gitDirectory, into: target, refspecs: ["refs/quire/push/*:refs/quire/push/*"])
                    }
                    return clock.now - start
                }
                _ = try runGit(["update-ref", "refs/heads/main", tip.description], in: target)
                _ = try runGit(["fsck", "--strict", "--no-dangling", "--connectivity-only"], in: target)
                results[method, default: []].append(elapsed)
            }
        }
        try await local.deleteReference(pushRef, expecting: tip)
        for (method, times) in results.sorted(by: { $0.key < $1.key }) {
            let sorted = times.sorted()
            print("local-transfer\(busy ? " (busy cache)" : ""): \(method): median \(sorted[sorted.count / 2]) (runs: \(times.map { "\($0)" }.joined(separator: ", ")))")
        }
    }

    /// Runs `body` while another handle holds, in libgit2's cache, every tree of the last
    /// commits before `tip` (as a server's handles do after its writes).
    private func withBusyCache<T>(_ busy: Bool, site: String, tip: ObjectID, _ body: () throws -> T) throws -> T {
        guard busy else { return try body() }
        return try GitRemote.withRepository(site) { handle in
            var held: [OpaquePointer] = []
            defer { held.forEach { git_object_free($0) } }
            func hold(_ id: git_oid, recursive: Bool) {
                var id = id
                var tree: OpaquePointer?
                guard git_tree_lookup(&tree, handle, &id) == 0, let tree else { return }
                held.append(tree)
                for index in 0..<git_tree_entrycount(tree) where recursive {
                    let entry = git_tree_entry_byindex(tree, index)
                    if git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE { hold(git_tree_entry_id(entry).pointee, recursive: true) }
                }
            }
            var commitID = tip.oid
            for _ in 0..<600 {
                var commit: OpaquePointer?
                guard git_commit_lookup(&commit, handle, &commitID) == 0 else { break }
                hold(git_commit_tree_id(commit).pointee, recursive: true)
                let parents = git_commit_parentcount(commit)
                if parents > 0 { commitID = git_commit_parent_id(commit, 0).pointee }
                git_commit_free(commit)
                if parents == 0 { break }
            }
            return try body()
        }
    }
}
