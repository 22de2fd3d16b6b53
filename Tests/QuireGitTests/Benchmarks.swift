import Foundation
import Testing
@testable import QuireGit

/// Write-path throughput on big folders. Off by default (slow); run with
/// `QUIRE_GIT_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter Benchmarks`.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["QUIRE_GIT_BENCH"] != nil))
struct Benchmarks {
    @Test(arguments: [(folders: 1, files: 10_000), (folders: 100, files: 100)])
    func commitThroughput(_ shape: (folders: Int, files: Int)) async throws {
        try await withRepository(bare: true) { repo, _ in
            let main = "refs/heads/main"
            func path(_ index: Int) -> String {
                shape.folders == 1 ? "docs/doc-\(index).md" : "docs/\(index % shape.folders)/doc-\(index).md"
            }
            var changes: [String: ObjectID?] = [:]
            for index in 0..<(shape.folders * shape.files) {
                changes[path(index)] = try await repo.writeBlob(Array("document \(index)\n".utf8))
            }
            let tree = try await repo.buildTree(base: nil, changes: changes)
            var tip = try await repo.createCommit(tree: tree, parents: [], author: testAuthor, committer: testAuthor, message: "seed")
            try await repo.updateReference(main, to: tip, expecting: nil, logMessage: "seed")
            let seedTip = tip

            let commits = 300
            let durable = ProcessInfo.processInfo.environment["QUIRE_GIT_BENCH_NOSYNC"] == nil
            let clock = ContinuousClock()
            var phases = [Duration](repeating: .zero, count: 5)
            func timed<T>(_ phase: Int, _ body: () async throws -> T) async rethrows -> T {
                let start = clock.now
                defer { phases[phase] += clock.now - start }
                return try await body()
            }
            let elapsed = try await clock.measure {
                for round in 0..<commits {
                    let blob = try await timed(0) { try await repo.writeBlob(Array("edit \(round)\n".utf8)) }
                    let base = try await repo.commit(tip).tree
                    let next = try await timed(1) { try await repo.buildTree(base: base, changes: [path(round * 2): blob]) }
                    let commit = try await timed(2) {
                        try await repo.createCommit(tree: next, parents: [tip], author: testAuthor,
                                                    committer: testAuthor, message: "edit \(round)")
                    }
                    if durable { try await timed(3) { try await repo.makeObjectsDurable() } }
                    try await timed(4) { try await repo.updateReference(main, to: commit, expecting: tip, logMessage: "edit") }
                    tip = commit
                }
            }
            print("shape \(shape): per commit: blob \(phases[0] / commits), tree \(phases[1] / commits), "
                  + "commit \(phases[2] / commits), syncfs \(phases[3] / commits), ref \(phases[4] / commits)")
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("shape \(shape): \(Int(Double(commits) / seconds)) commits/s, durable: \(durable)")

            let diffTime = try await clock.measure {
                for _ in 0..<100 { _ = try await repo.diffTrees(from: repo.commit(tip).tree, to: repo.commit(seedTip).tree) }
            }
            print("shape \(shape): diff of \(commits) changes ×100: \(diffTime)")
            let readTime = try await clock.measure {
                let root = try await repo.commit(tip).tree
                for index in 0..<10_000 { _ = try await repo.entry(atPath: path(index), inTree: root) }
            }
            print("shape \(shape): 10,000 reads by path: \(readTime)")
            var sides: [ObjectID] = []
            for index in 0..<50 {
                sides.append(try await commitFiles(repo, [path(5_001 + 2 * index): "side \(index)"], parent: seedTip))
            }
            let mergeTime = try await clock.measure {
                for side in sides {
                    let outcome = try await repo.merge(theirs: side, into: tip, base: seedTip, author: testAuthor,
                                                       committer: testAuthor, message: "m")
                    guard case .merged = outcome else { Issue.record("\(outcome)"); return }
                }
            }
            print("shape \(shape): 50 path-level merges (draft off the seed into the tip): \(mergeTime)")
            let walkTime = try await clock.measure { _ = try await repo.commits(from: tip, limit: 20) }
            print("shape \(shape): commits(limit: 20) over \(commits) commits: \(walkTime)")
        }
    }
}
