import Foundation
import Testing
@testable import QuireGit

/// A private ref (outside `refs/heads/`) through fetch and both push paths: it is fetched only
/// when asked for, and moves on the remote by the same compare-and-swap as a branch.
@Suite struct PrivateRefRemoteTests {
    static let users = "refs/quire/users"

    @Test(arguments: [false, true])
    func aPrivateRefIsPushedByCompareAndSwapAndFetchedOnlyWhenAsked(transport: Bool) async throws {
        try await withRepository(bare: true) { bare, _ in
            try await withRepository { local, _ in
                let main = try await commitFiles(bare, ["a.txt": "one\n"], parent: nil)
                try await bare.updateReference("refs/heads/main", to: main, expecting: nil, logMessage: "test")
                let remote = GitRemote(url: bare.gitDirectory, usesTransportPush: transport)
                // The remote has no users yet: asking for them is no error.
                #expect(try await remote.fetch(into: local.gitDirectory, alsoFetching: [Self.users]) == ["refs/heads/main": main])

                let first = try await commitFiles(local, ["auth.json": "{}\n"], parent: nil)
                #expect(try await remote.push(from: local.gitDirectory, [RemoteUpdate(name: Self.users, expected: nil, new: first)])
                    == [Self.users: .applied])
                #expect(try await bare.resolveReference(Self.users) == first)

                // Another server's stale view (it believes the ref is still missing) is refused.
                let other = try await commitFiles(local, ["auth.json": "{\"other\":1}\n"], parent: nil)
                let stale = try await remote.push(from: local.gitDirectory, [RemoteUpdate(name: Self.users, expected: nil, new: other)])
                #expect(stale[Self.users] != .applied)
                #expect(try await bare.resolveReference(Self.users) == first)

                let second = try await commitFiles(bare, ["auth.json": "{\"users\":[]}\n"], parent: first)
                try await bare.updateReference(Self.users, to: second, expecting: first, logMessage: "test")
                try await withRepository { fresh, _ in
                    #expect(try await remote.fetch(into: fresh.gitDirectory) == ["refs/heads/main": main])
                    let fetched = try await remote.fetch(into: fresh.gitDirectory, alsoFetching: [Self.users])
                    #expect(fetched == ["refs/heads/main": main, Self.users: second])
                    #expect(try await fileText(fresh, second, "auth.json") == "{\"users\":[]}\n")
                    #expect(try await fresh.references(withPrefix: "refs/").isEmpty, "a fetch moves no local ref")
                }
                try runGit(["fsck", "--strict"], in: bare.gitDirectory)
            }
        }
    }
}
