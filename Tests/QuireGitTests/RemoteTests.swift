import Foundation
import Testing
@testable import QuireGit

/// Fetch and push through libgit2 against a bare repository in a temporary folder.
@Suite struct RemoteTests {
    /// A bare "remote" with one commit on main, and an empty local repository.
    private func withRemote(_ body: (Repository, Repository, ObjectID) async throws -> Void) async throws {
        try await withRepository(bare: true) { bare, _ in
            try await withRepository { local, _ in
                let first = try await commitFiles(bare, ["a.txt": "one\n"], parent: nil)
                try await bare.updateReference("refs/heads/main", to: first, expecting: nil, logMessage: "test")
                try await body(bare, local, first)
            }
        }
    }

    @Test func fetchDownloadsObjectsAndMovesNoLocalRef() async throws {
        try await withRemote { bare, local, first in
            let draft = try await commitFiles(bare, ["b.txt": "draft\n"], parent: first)
            try await bare.updateReference("refs/heads/drafts/en/article/x", to: draft, expecting: nil, logMessage: "test")
            let remote = GitRemote(url: bare.gitDirectory)
            let branches = try await remote.fetch(into: local.gitDirectory)
            #expect(branches == ["refs/heads/main": first, "refs/heads/drafts/en/article/x": draft])
            #expect(try await fileText(local, draft, "b.txt") == "draft\n")
            #expect(try await local.references(withPrefix: "refs/").isEmpty)
            #expect(try await remote.branches(using: local.gitDirectory) == branches)
        }
    }

    @Test func pushIsACompareAndSwapOnALocalRemote() async throws {
        try await withRemote { bare, local, first in
            let remote = GitRemote(url: "file://" + bare.gitDirectory)
            #expect(remote.localPath == bare.gitDirectory)
            _ = try await remote.fetch(into: local.gitDirectory)
            let second = try await commitFiles(local, ["a.txt": "two\n"], parent: first)
            let statuses = try await remote.push(from: local.gitDirectory, [
                RemoteUpdate(name: "refs/heads/main", expected: first, new: second),
                RemoteUpdate(name: "refs/heads/drafts/en/article/y", expected: nil, new: second),
            ])
            #expect(statuses == ["refs/heads/main": .applied, "refs/heads/drafts/en/article/y": .applied])
            #expect(try await bare.resolveReference("refs/heads/main") == second)
            #expect(try await fileText(bare, second, "a.txt") == "two\n")

            // Another server's view: it still believes main is at `first`.
            let other = try await commitFiles(local, ["c.txt": "other\n"], parent: first)
            let stale = try await remote.push(from: local.gitDirectory, [
                RemoteUpdate(name: "refs/heads/main", expected: first, new: other),
                RemoteUpdate(name: "refs/heads/drafts/en/article/y", expected: first, new: nil),
            ])
            #expect(stale["refs/heads/main"] != .applied)
            #expect(stale["refs/heads/drafts/en/article/y"] != .applied)
            #expect(try await bare.resolveReference("refs/heads/main") == second)

            let deleted = try await remote.push(from: local.gitDirectory, [
                RemoteUpdate(name: "refs/heads/drafts/en/article/y", expected: second, new: nil)
            ])
            #expect(deleted == ["refs/heads/drafts/en/article/y": .applied])
            #expect(try await bare.resolveReference("refs/heads/drafts/en/article/y") == nil)
            try runGit(["fsck", "--strict"], in: bare.gitDirectory)
        }
    }

    /// libgit2's own push (the path ssh and https remotes take): a stale view and a
    /// non-fast-forward are both refused and reported per ref, and the remote is untouched.
    @Test func transportPushReportsRejections() async throws {
        try await withRemote { bare, local, first in
            let remote = GitRemote(url: bare.gitDirectory, usesTransportPush: true)
            _ = try await remote.fetch(into: local.gitDirectory)
            let second = try await commitFiles(local, ["a.txt": "two\n"], parent: first)
            #expect(try await remote.push(from: local.gitDirectory, [
                RemoteUpdate(name: "refs/heads/main", expected: first, new: second)
            ]) == ["refs/heads/main": .applied])
            #expect(try await bare.resolveReference("refs/heads/main") == second)

            let sideways = try await commitFiles(local, ["a.txt": "sideways\n"], parent: first)
            let stale = try await remote.push(from: local.gitDirectory, [
                RemoteUpdate(name: "refs/heads/main", expected: first, new: sideways)
            ])
            #expect(stale["refs/heads/main"] != .applied)
            let nonFastForward = try await remote.push(from: local.gitDirectory, [
                RemoteUpdate(name: "refs/heads/main", expected: second, new: sideways)
            ])
            #expect(nonFastForward["refs/heads/main"] != .applied)
            #expect(try await bare.resolveReference("refs/heads/main") == second)
            try runGit(["fsck", "--strict"], in: bare.gitDirectory)
        }
    }

    @Test func recognisesLocalAndNetworkURLs() {
        #expect(GitRemote(url: "/srv/site.git").localPath == "/srv/site.git")
        #expect(GitRemote(url: "../site.git").localPath == "../site.git")
        #expect(GitRemote(url: "file:///srv/site.git").localPath == "/srv/site.git")
        #expect(GitRemote(url: "git@github.com:acme/site.git").localPath == nil)
        #expect(GitRemote(url: "https://github.com/acme/site.git").localPath == nil)
        #expect(GitRemote(url: "ssh://git@host/site.git").localPath == nil)
        #expect(GitRemote(url: "https://ada:ghp_secret@github.com/acme/site.git").displayURL == "https://***@github.com/acme/site.git")
        #expect(GitRemote.redacted("https://ada:ghp_secret@github.com/a.git", keepingNoCredentials: true) == "https://github.com/a.git")
        #expect(GitRemote(url: "/srv/site@2.git").displayURL == "/srv/site@2.git")
    }
}
