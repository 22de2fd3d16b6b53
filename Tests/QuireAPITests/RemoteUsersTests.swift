import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import QuireAPI
import QuireContent
import QuireGit
import QuireIndex
import Testing

/// `--remote` carries the users ref: users, password changes and logouts made on one server
/// reach the others, and ordinary clones of the remote still never see them.
@Suite struct RemoteUsersTests {
    /// Adds a user on one server the way `quire user add` does (cheap bcrypt cost).
    @discardableResult
    static func addUser(_ name: String, on server: RemoteServers.Server) async throws -> UserRecord {
        let hash = await Passwords.hash(AuthSite.password, cost: 4)
        return try await UserStore(gitDirectory: server.repository.gitDirectory).update("Add a user") { state in
            try state.add(username: name, email: "\(name)@example.com", displayName: nil, role: "authenticated", passwordHash: hash)
        }
    }

    static func users(_ server: RemoteServers.Server) async throws -> [String: Int] {
        let state = try await UserStore(gitDirectory: server.repository.gitDirectory).load().state
        return Dictionary(uniqueKeysWithValues: state.users.map { ($0.username, $0.id) })
    }

    static let adaLogin = #"{"identifier":"ada","password":"correct horse"}"#

    @Test func aUserAddedOnOneServerSignsInOnAnotherButNotInAClone() async throws {
        let cluster = try await RemoteServers.make(count: 2, files: ["quire.yaml": AuthSite.quireYAML], fetchEvery: nil)
        try await cluster.test { clients in
            try await Self.addUser("ada", on: cluster.servers[0])
            // B looks first, so it holds a users state without ada when the sync brings her.
            #expect(try await clients[1].send(.post, "/api/auth/local", json: Self.adaLogin).status == .badRequest)

            try await cluster.settle()

            let bare = try Repository.open(at: cluster.barePath)
            let pushed = try #require(try await bare.resolveReference(UserStore.reference), "the remote holds the users ref")
            #expect(try await cluster.servers[1].repository.resolveReference(UserStore.reference) == pushed)
            let jwt = try await clients[1].strapiLogin("ada")
            #expect(try await clients[1].send(.get, "/api/users/me", token: jwt).status == .ok)
            // A token signed on B works on A: both sign with one secret.
            #expect(try await clients[0].send(.get, "/api/users/me", token: jwt).status == .ok)

            let clone = cluster.folder + "/plain-clone"
            _ = try cluster.git(cluster.folder, "clone", "--quiet", cluster.barePath, clone)
            #expect(try cluster.git(clone, "for-each-ref", "refs/quire/").isEmpty, "an ordinary clone gets no users")
            #expect(try cluster.git(cluster.barePath, "for-each-ref", "--format=%(refname)", "refs/heads/").contains("quire") == false)
        }
    }

    @Test func usersAddedOnTwoServersAtOnceReachBoth() async throws {
        let cluster = try await RemoteServers.make(count: 2, files: ["quire.yaml": AuthSite.quireYAML], fetchEvery: nil)
        try await cluster.test { clients in
            // Neither server has seen the other's users ref: both take id 1 and make their own secret.
            let ada = try await Self.addUser("ada", on: cluster.servers[0])
            let bob = try await Self.addUser("bob", on: cluster.servers[1])
            #expect(ada.id == bob.id)

            try await cluster.settle()

            let first = try await Self.users(cluster.servers[0])
            #expect(Set(first.keys) == ["ada", "bob"])
            #expect(Set(first.values).count == 2, "the two users no longer share an id")
            #expect(try await Self.users(cluster.servers[1]) == first)
            for client in clients {
                for name in ["ada", "bob"] {
                    let jwt = try await client.strapiLogin(name)
                    for other in clients {
                        let me = try await other.send(.get, "/api/users/me", token: jwt)
                        #expect(me.status == .ok)
                        #expect(try me.json["username"] == .string(name))
                    }
                }
            }
            for server in cluster.servers { _ = try cluster.git(server.path, "fsck", "--strict") }
        }
    }

    @Test func aPasswordChangeOnOneServerEndsSessionsOnAnother() async throws {
        let cluster = try await RemoteServers.make(count: 2, files: ["quire.yaml": AuthSite.quireYAML], fetchEvery: nil)
        try await cluster.test { clients in
            let ada = try await Self.addUser("ada", on: cluster.servers[0])
            try await cluster.settle()
            let jwt = try await clients[1].strapiLogin("ada")
            #expect(try await clients[1].send(.get, "/api/users/me", token: jwt).status == .ok)
            // Meanwhile B changes something else, so the sync has to merge rather than fast-forward.
            try await Self.addUser("bob", on: cluster.servers[1])

            _ = try await cluster.servers[0].authenticator.changePassword(userID: ada.id, to: "new horse battery")
            try await cluster.settle()

            #expect(try await clients[1].send(.get, "/api/users/me", token: jwt).status == .unauthorized)
            #expect(try await clients[1].send(.post, "/api/auth/local", json: Self.adaLogin).status == .badRequest)
            _ = try await clients[1].strapiLogin("ada", password: "new horse battery")
            #expect(Set(try await Self.users(cluster.servers[0]).keys) == ["ada", "bob"])
            let merges = try cluster.git(cluster.barePath, "rev-list", "--merges", UserStore.reference)
            #expect(!merges.isEmpty, "both servers changed users: the remote holds a merge commit")
        }
    }

    @Test func mergeKeepsLaterChangesAndHonoursUntouchedDeletions() throws {
        func user(_ id: Int, _ documentId: String, _ name: String, updated: Double, generation: Int = 0) -> UserRecord {
            UserRecord(
                id: id, documentId: documentId, username: name, email: "\(name)@example.com", displayName: nil, role: "authenticated",
                blocked: false, passwordHash: "x", tokenGeneration: generation,
                createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: updated))
        }
        var base = AuthState()
        base.users = [user(1, "a", "ada", updated: 1), user(2, "b", "bob", updated: 1), user(3, "c", "cy", updated: 1)]
        var ours = base
        var theirs = base
        // Ours: deletes bob (untouched there), blocks cy later than their change; adds dee as id 4.
        ours.users = [user(1, "a", "ada", updated: 1), user(3, "c", "cy", updated: 9), user(4, "d", "dee", updated: 5)]
        ours.revoked = ["t1": Date(timeIntervalSince1970: 100), "t2": Date(timeIntervalSince1970: 50)]
        // Theirs: deletes ada (we did not touch her), changes cy's password earlier; adds eve as id 4.
        theirs.users = [user(2, "b", "bob", updated: 1), user(3, "c", "cy", updated: 5, generation: 1), user(4, "e", "eve", updated: 5)]
        theirs.revoked = ["t2": Date(timeIntervalSince1970: 70)]

        let merged = AuthState.merged(base: base, ours: ours, theirs: theirs)

        #expect(merged.users.map(\.username) == ["cy", "eve", "dee"])
        #expect(merged.users.map(\.id) == [3, 4, 5], "theirs keeps id 4; ours moves on")
        let cy = try #require(merged.user(id: 3))
        #expect(cy.updatedAt == Date(timeIntervalSince1970: 9))
        #expect(cy.tokenGeneration == 1, "their password change still ends old sessions")
        #expect(merged.revoked == ["t1": Date(timeIntervalSince1970: 100), "t2": Date(timeIntervalSince1970: 70)])

        // A deletion loses to a change made on the other side since the base.
        var changed = base
        changed.users[0].updatedAt = Date(timeIntervalSince1970: 7)
        var deleted = base
        deleted.users.removeFirst()
        #expect(AuthState.merged(base: base, ours: deleted, theirs: changed).user(id: 1) != nil)
        #expect(AuthState.merged(base: base, ours: changed, theirs: deleted).user(id: 1) != nil)
    }
}
