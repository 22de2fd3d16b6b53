import CGit2
import Foundation

/// One line of `quire doctor`.
public struct HealthFinding: Sendable, Equatable, CustomStringConvertible {
    public enum Level: String, Sendable, Comparable {
        case ok, warning, failure

        public static func < (a: Level, b: Level) -> Bool {
            let order: [Level] = [.ok, .warning, .failure]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    public var level: Level
    public var subject: String
    public var message: String

    public init(_ level: Level, _ subject: String, _ message: String) {
        (self.level, self.subject, self.message) = (level, subject, message)
    }

    public var description: String {
        let tag = switch level {
        case .ok: "ok     "
        case .warning: "warning"
        case .failure: "FAILED "
        }
        return "\(tag) \(subject): \(message)"
    }
}

extension Repository {
    /// Checks what a crash or a bad disk could have broken: every ref leads to a commit whose
    /// tree is complete (every tree and blob present), and no lock file is left behind.
    /// `fullHistory`: every commit reachable from any ref, not only the tips (slow on big sites).
    public func checkHealth(fullHistory: Bool) throws -> [HealthFinding] {
        var findings: [HealthFinding] = []
        let refs = try references(withPrefix: "refs/")
        let drafts = refs.keys.count { $0.hasPrefix("refs/heads/drafts/") }
        if let main = refs["refs/heads/main"] {
            findings.append(HealthFinding(.ok, "refs", "main at \(main.hex.prefix(12)), \(drafts) draft branch(es), \(refs.count) ref(s) in all"))
        } else {
            findings.append(HealthFinding(.failure, "refs", "refs/heads/main does not exist"))
        }
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, handle), "git_repository_odb")
        defer { git_odb_free(odb) }
        var walk = ReachabilityWalk(odb: odb!)
        var commits: [ObjectID] = []
        for (name, tip) in refs.sorted(by: { $0.key < $1.key }) {
            if fullHistory {
                do { commits += try self.commits(from: tip).map(\.id) } catch {
                    findings.append(HealthFinding(.failure, name, "history cannot be walked: \(error)"))
                }
            } else {
                commits.append(tip)
            }
        }
        for commit in Set(commits).sorted() {
            do {
                try walk.visit(tree: try treeID(ofCommit: commit), repository: self)
            } catch {
                let owner = refs.first { $0.value == commit }?.key ?? "commit \(commit.hex.prefix(12))"
                findings.append(HealthFinding(.failure, owner, "incomplete: \(error)"))
            }
        }
        for missing in walk.missing.prefix(20) {
            findings.append(HealthFinding(.failure, "objects", "missing \(missing.path) (\(missing.id.hex))"))
        }
        if walk.missing.isEmpty {
            let scope = fullHistory ? "\(Set(commits).count) commit(s)" : "the tip of every ref"
            findings.append(HealthFinding(.ok, "integrity", "\(walk.trees) tree(s) and \(walk.blobs) file(s) of \(scope) are present"))
        }
        findings += Self.staleLocks(gitDirectory: gitDirectory)
        return findings
    }

    /// Lock files are how git and libgit2 guard a ref or the index while rewriting it; one left
    /// by a killed process makes every later update of that ref fail until it is removed.
    static func staleLocks(gitDirectory: String) -> [HealthFinding] {
        var findings: [HealthFinding] = []
        let root = URL(fileURLWithPath: gitDirectory)
        let candidates = ["index.lock", "HEAD.lock", "packed-refs.lock", "config.lock"].map { root.appendingPathComponent($0).path }
        var paths = candidates.filter { FileManager.default.fileExists(atPath: $0) }
        if let walker = FileManager.default.enumerator(atPath: gitDirectory + "/refs") {
            for case let relative as String in walker where relative.hasSuffix(".lock") {
                paths.append(gitDirectory + "/refs/" + relative)
            }
        }
        for path in paths.sorted() {
            let age = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
                .map { Int(Date().timeIntervalSince($0)) } ?? 0
            findings.append(HealthFinding(age > 60 ? .failure : .warning, "locks",
                "\(path) (\(age) s old): if no git command or server is running, remove it"))
        }
        return findings
    }
}

/// Depth-first over trees, each tree once however many commits share it.
struct ReachabilityWalk {
    let odb: OpaquePointer
    var seen: Set<ObjectID> = []
    var missing: [(path: String, id: ObjectID)] = []
    var trees = 0
    var blobs = 0

    init(odb: OpaquePointer) {
        self.odb = odb
    }

    mutating func visit(tree: ObjectID, path: String = "", repository: isolated Repository) throws {
        guard seen.insert(tree).inserted else { return }
        guard exists(tree) else {
            missing.append((path.isEmpty ? "/" : path, tree))
            return
        }
        trees += 1
        for entry in try repository.treeEntries(tree) {
            let child = path.isEmpty ? entry.name : path + "/" + entry.name
            switch entry.kind {
            case .tree:
                try visit(tree: entry.id, path: child, repository: repository)
            case .submodule:
                continue
            case .blob, .executable, .link:
                guard seen.insert(entry.id).inserted else { continue }
                blobs += 1
                if !exists(entry.id) { missing.append((child, entry.id)) }
            }
        }
    }

    private func exists(_ id: ObjectID) -> Bool {
        var oid = id.oid
        return git_odb_exists(odb, &oid) == 1
    }
}

extension Repository {
    /// Removes ref lock files (`refs/**.lock`, `packed-refs.lock`) that nobody holds, returning
    /// their paths. A process killed between taking a ref lock and renaming it leaves one, and
    /// every later update of that ref fails until it is gone. git and libgit2 hold a ref lock for
    /// milliseconds, so a lock that is still there, unchanged, after `settle` has no owner: a
    /// server restarted right after a crash waits that long rather than refusing to start. The
    /// lock's content was never acknowledged (a ref moves only when its lock is renamed), so
    /// nothing is lost. The index lock is a human's tool's (`git commit` holds it while its
    /// editor is open): reported by `checkHealth`, and removed only when this server's own index
    /// write left it (`removeOwnStaleIndexLock`).
    public static func removeStaleReferenceLocks(gitDirectory: String, settle: Duration = .seconds(2)) -> [String] {
        var paths = [gitDirectory + "/packed-refs.lock"].filter { FileManager.default.fileExists(atPath: $0) }
        if let walker = FileManager.default.enumerator(atPath: gitDirectory + "/refs") {
            for case let relative as String in walker where relative.hasSuffix(".lock") {
                paths.append(gitDirectory + "/refs/" + relative)
            }
        }
        guard !paths.isEmpty else { return [] }
        let seen = paths.map { identity(of: $0) }
        Thread.sleep(forTimeInterval: Double(settle.components.seconds) + Double(settle.components.attoseconds) / 1e18)
        var removed: [String] = []
        for (path, before) in zip(paths, seen) where before != nil && identity(of: path) == before && unlink(path) == 0 {
            removed.append(path)
        }
        return removed
    }

    /// A lock file's inode and modification time: a live owner that re-took the lock shows a new one.
    static func identity(of path: String) -> [Int]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [Int(info.st_ino), info.st_mtim.tv_sec, info.st_mtim.tv_nsec]
    }
}
