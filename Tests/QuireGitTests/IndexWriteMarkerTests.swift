import Foundation
import Testing
@testable import QuireGit

/// `index.lock` left by this server killed while writing the index is removed at the next
/// start; a lock that is a human's tool's never is.
@Suite struct IndexWriteMarkerTests {
    private func touch(_ path: String, secondsAgo: Double = 0) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        let date = Date(timeIntervalSinceNow: -secondsAgo)
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
    }

    @Test func aLockLeftByAKilledIndexWriteIsRemoved() async throws {
        try await withRepository { repository, path in
            let git = repository.gitDirectory
            try touch(git + "/quire/index.writing", secondsAgo: 5)
            try touch(git + "/index.lock", secondsAgo: 4.9)
            #expect(throws: CLIError.self) { try runGit(["add", "-A"], in: path) }
            #expect(Repository.removeOwnStaleIndexLock(gitDirectory: git, settle: .milliseconds(50)))
            #expect(!FileManager.default.fileExists(atPath: git + "/index.lock"))
            #expect(!FileManager.default.fileExists(atPath: git + "/quire/index.writing"))
        }
    }

    @Test func aHumansLockIsLeftAlone() async throws {
        try await withRepository { repository, _ in
            let git = repository.gitDirectory
            // No mark: the server was not writing the index.
            try touch(git + "/index.lock")
            #expect(!Repository.removeOwnStaleIndexLock(gitDirectory: git, settle: .milliseconds(50)))
            // A mark, but the lock was taken long after it (a human's `git commit` after the kill).
            try touch(git + "/quire/index.writing", secondsAgo: 120)
            #expect(!Repository.removeOwnStaleIndexLock(gitDirectory: git, settle: .milliseconds(50)))
            #expect(FileManager.default.fileExists(atPath: git + "/index.lock"))
            #expect(!FileManager.default.fileExists(atPath: git + "/quire/index.writing"))
        }
    }

    @Test func anIndexWriteLeavesNeitherMarkNorLock() async throws {
        try await withRepository { repository, path in
            try "a\n".write(toFile: path + "/a.txt", atomically: true, encoding: .utf8)
            _ = try await repository.stageWorkTreeFiles(["a.txt"])
            #expect(!FileManager.default.fileExists(atPath: repository.gitDirectory + "/quire/index.writing"))
            #expect(!FileManager.default.fileExists(atPath: repository.gitDirectory + "/index.lock"))
            #expect(try runGit(["ls-files"], in: path) == "a.txt\n")
        }
    }

    /// A lock held past the limit (an editor open on a commit message) is waited for once; the
    /// next moves of main do not wait for that same lock again, but do for a new one.
    @Test func aLongHeldLockIsWaitedForOnlyOnce() async throws {
        try await withRepository { repository, _ in
            let git = repository.gitDirectory
            let waiter = ForeignIndexLock()
            #expect(await !waiter.waitForRelease(gitDirectory: git, limit: .milliseconds(100)))
            try touch(git + "/index.lock", secondsAgo: 1)
            #expect(await waiter.waitForRelease(gitDirectory: git, limit: .milliseconds(100)))
            #expect(await !waiter.waitForRelease(gitDirectory: git, limit: .milliseconds(100)))
            unlink(git + "/index.lock")
            try touch(git + "/index.lock")
            #expect(await waiter.waitForRelease(gitDirectory: git, limit: .milliseconds(100)))
        }
    }
}
