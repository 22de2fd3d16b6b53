import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import QuireAPI
import QuireContent
import QuireGit
import QuireIndex
import Testing

/// API tokens live in the users ref, so every server of a site knows them and their revocations.
@Suite struct TokenSharingTests {
    @Test func tokensMadeOnOneServerWorkOnAnotherUntilRevokedAnywhere() async throws {
        let cluster = try await RemoteServers.make(count: 2, fetchEvery: nil)
        try await cluster.test { clients in
            let tokens = cluster.servers.map { TokenStore(gitDirectory: $0.repository.gitDirectory) }
            let feed = try await tokens[0].create(name: "feed", access: .readOnly)
            // Both servers make a token called "ci" before either saw the other's: both stand.
            let ciA = try await tokens[0].create(name: "ci", access: .fullAccess)
            let ciB = try await tokens[1].create(name: "ci", access: .fullAccess)
            #expect(try await clients[1].send(.get, "/api/articles", token: feed).status == .unauthorized)
            #expect(await cluster.servers[0].sync.status().unpushed, "/_health tells the users ref is not pushed yet")

            try await cluster.settle()
            #expect(await cluster.servers[0].sync.status().unpushed == false)

            for client in clients {
                for secret in [feed, ciA, ciB, cluster.servers[0].token, cluster.servers[1].token] {
                    #expect(try await client.send(.get, "/api/articles", token: secret).status == .ok)
                }
            }
            #expect(try await tokens[1].tokens().filter { $0.name == "ci" }.count == 2)

            // Revoked on B, while A makes another token (so the sync merges): refused on A too.
            #expect(try await tokens[1].revoke(name: "feed"))
            #expect(try await tokens[1].revoke(name: "ci"))
            let late = try await tokens[0].create(name: "late", access: .readOnly)
            try await cluster.settle()

            for client in clients {
                for secret in [feed, ciA, ciB] {
                    #expect(try await client.send(.get, "/api/articles", token: secret).status == .unauthorized)
                }
                #expect(try await client.send(.get, "/api/articles", token: late).status == .ok)
            }
            let merges = try cluster.git(cluster.barePath, "rev-list", "--merges", UserStore.reference)
            #expect(!merges.isEmpty, "both servers changed the ref: the revocation survived a merge")
            for server in cluster.servers { _ = try cluster.git(server.path, "fsck", "--strict") }
        }
    }

    /// Two servers each add a user with id 1; after the merge one of them has another id. A
    /// session signed before the merge names the old id, and must not pass for the user who
    /// holds that id now.
    @Test func aSessionNeverPassesForTheUserWhoTookItsIdInAMerge() async throws {
        let cluster = try await RemoteServers.make(count: 2, files: ["quire.yaml": AuthSite.quireYAML], fetchEvery: nil)
        try await cluster.test { clients in
            // Settled first, so that both servers sign with the same secret.
            try await cluster.settle()
            try await RemoteUsersTests.addUser("ada", on: cluster.servers[0])
            try await RemoteUsersTests.addUser("bob", on: cluster.servers[1])
            let sessions = ["ada": try await clients[0].strapiLogin("ada"), "bob": try await clients[1].strapiLogin("bob")]

            try await cluster.settle()

            let ids = try await RemoteUsersTests.users(cluster.servers[0])
            let moved = try #require(ids.first { $0.value != 1 }?.key, "one of the two users got a new id")
            let stayed = moved == "ada" ? "bob" : "ada"
            for client in clients {
                #expect(try await client.send(.get, "/api/users/me", token: sessions[moved]!).status == .unauthorized)
                let me = try await client.send(.get, "/api/users/me", token: sessions[stayed]!)
                #expect(try me.json["username"] == .string(stayed))
                // Signing in again gives a session that works.
                let fresh = try await client.strapiLogin(moved)
                #expect(try await client.send(.get, "/api/users/me", token: fresh).json["username"] == .string(moved))
            }
        }
    }

    /// A server notices a revocation by the users ref's file, or by packed-refs once git packed it.
    @Test func aRevocationIsSeenAtOnceWhetherTheRefIsLooseOrPacked() async throws {
        let site = try await AuthSite.make()
        let store = TokenStore(gitDirectory: site.base.repository.gitDirectory)
        let first = try await site.token(name: "first", access: .readOnly)
        let second = try await site.token(name: "second", access: .readOnly)
        try await site.test { client async throws in
            #expect(try await client.send(.get, "/api/articles", token: first).status == .ok)
            _ = try site.base.git("pack-refs", "--all")
            #expect(!FileManager.default.fileExists(atPath: site.base.repository.gitDirectory + "/refs/quire/users"))
            #expect(try await client.send(.get, "/api/articles", token: first).status == .ok)
            #expect(try await store.revoke(name: "first"))
            #expect(try await client.send(.get, "/api/articles", token: first).status == .unauthorized)
            #expect(try await client.send(.get, "/api/articles", token: second).status == .ok)
            _ = try site.base.git("pack-refs", "--all")
            #expect(try await store.revoke(name: "second"))
            #expect(try await client.send(.get, "/api/articles", token: second).status == .unauthorized)
        }
    }

    @Test(arguments: [
        ("Bearer abc", Credentials.Scheme.bearer, "abc"), ("bEaReR   abc  ", .bearer, "abc"), ("ApiKey k1", .apiKey, "k1"),
        ("apikey k1", .apiKey, "k1"), ("Bearer", .bearer, nil), ("Bearer a b", .bearer, nil), ("Basic dXNlcg==", .other, "dXNlcg=="),
        ("", .other, nil), ("Bearerx abc", .other, "abc"), ("Bearér abc", .other, "abc"),
    ] as [(String, Credentials.Scheme, String?)])
    func authorizationHeadersAreReadAsSchemeAndValue(header: String, scheme: Credentials.Scheme, value: String?) {
        let credentials = Credentials(header)
        #expect(credentials.scheme == scheme)
        #expect(credentials.value == value)
    }

    @Test func theOldPerServerTokenFileIsImportedOnceAndRemoved() async throws {
        let site = try await AuthSite.make()
        let secret = "quire_" + String(repeating: "ab", count: 32)
        let legacy = """
            [{"access":"read-only","createdAt":"2026-01-02T03:04:05Z","hash":"\(TokenStore.hash(secret))","name":"old-feed"},
             {"access":"custom","createdAt":"2026-01-02T03:04:05Z","hash":"\(TokenStore.hash("quire_other"))","name":"kiosk","role":"guest"}]
            """
        let file = site.base.repository.gitDirectory + "/quire/tokens.json"
        try FileManager.default.createDirectory(atPath: site.base.repository.gitDirectory + "/quire", withIntermediateDirectories: true)
        try legacy.write(toFile: file, atomically: true, encoding: .utf8)
        let store = TokenStore(gitDirectory: site.base.repository.gitDirectory)

        try await store.importLegacyTokens()
        try await store.importLegacyTokens()

        #expect(!FileManager.default.fileExists(atPath: file))
        let names = try await store.tokens().map(\.name)
        #expect(names.sorted() == ["editor", "kiosk", "old-feed", "reader"])
        #expect(try await store.tokens().first { $0.name == "kiosk" }?.role == "guest")
        // Written again by an old version and imported again: nothing doubles.
        try legacy.write(toFile: file, atomically: true, encoding: .utf8)
        try await store.importLegacyTokens()
        #expect(try await store.tokens().count == 4)
        try await site.test { client async throws in
            #expect(try await client.send(.get, "/api/articles", token: secret).status == .ok)
            #expect(try await client.send(.delete, "/api/articles/first-post", token: secret).status == .forbidden)
        }
    }

    @Test func mergeUnitesTokensLessEveryRevocationAndDropsASecondRegistration() throws {
        func token(_ name: String) -> TokenStore.Token {
            TokenStore.Token(name: name, access: .readOnly, hash: TokenStore.hash(name), permissions: nil, role: nil, expiresAt: nil)
        }
        func user(_ id: Int, _ documentId: String, _ name: String, email: String? = nil) -> UserRecord {
            UserRecord(
                id: id, documentId: documentId, username: name, email: email ?? "\(name)@example.com", displayName: nil,
                role: "authenticated", blocked: false, passwordHash: "x", tokenGeneration: 0,
                createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 1))
        }
        var base = AuthState()
        let (kept, revokedHere, revokedThere) = (token("kept"), token("revoked-here"), token("revoked-there"))
        base.tokens = [kept, revokedHere, revokedThere]
        base.users = [user(1, "a", "ada")]
        var ours = base
        var theirs = base
        ours.revokeTokens(named: "revoked-here")
        ours.tokens.append(token("ours"))
        ours.users.append(user(2, "b", "bob"))
        ours.users.append(user(3, "c", "cy", email: "shared@example.com"))
        ours.users.append(user(4, "d", "dee"))
        theirs.revokeTokens(named: "revoked-there")
        theirs.tokens.append(token("theirs"))
        theirs.users.append(user(2, "B", "BOB"))
        theirs.users.append(user(3, "C", "cyrus", email: "shared@example.com"))

        let merged = AuthState.merged(base: base, ours: ours, theirs: theirs)

        #expect(Set(merged.tokens.map(\.name)) == ["kept", "ours", "theirs"])
        #expect(Set(merged.revokedTokens.keys) == [revokedHere.id, revokedThere.id])
        // bob and cy were registered here while the remote took the same username / email.
        #expect(merged.users.map(\.documentId) == ["a", "B", "C", "d"])
        #expect(merged.users.map(\.id) == [1, 2, 3, 4])
        // A tombstone outlives a token kept by a server that never saw the revocation.
        #expect(AuthState.merged(base: nil, ours: base, theirs: ours).tokens.contains { $0.name == "revoked-here" } == false)
    }
}
