import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QuireAPI
import QuireContent
import QuireGit
import QuireIndex
import QuireSite
import Synchronization
import Testing

/// What servers of one site share through the users ref, and what each keeps for itself.
@Suite struct AuthSharingTests {
    @Test func aTokenFromOneServerWorksOnAnotherUntilLoggedOut() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ada", role: "editor")
        let gitDirectory = site.base.repository.gitDirectory
        // A second server: its own Site and Authenticator over the same repository.
        let otherSite = try await Site.open(repository: try Repository.open(at: site.base.path), renderer: StrapiRenderer())
        let other = Application(router: buildRouter(
            site: otherSite, authenticator: Authenticator(store: TokenStore(gitDirectory: gitDirectory), bcryptCost: 4),
            options: site.base.options))
        try await site.test { first async throws in
            let token = try await first.apostropheLogin("ada")
            try await other.test(.router) { second async throws in
                #expect(try await second.send(.get, "/api/v1/@apostrophecms/login/whoami", token: token).status == .ok)
                #expect(try await first.send(.post, "/api/v1/@apostrophecms/login/logout", token: token).status == .ok)
                #expect(try await second.send(.get, "/api/v1/@apostrophecms/login/whoami", token: token).status == .unauthorized)
            }
        }
    }

    @Test func tokenUseIsRecordedForTheList() async throws {
        let site = try await AuthSite.make()
        let token = site.base.readToken
        let store = TokenStore(gitDirectory: site.base.repository.gitDirectory)
        let ids = Dictionary(try await store.tokens().map { ($0.name, $0.id) }, uniquingKeysWith: { $1 })
        let reader = try #require(ids["reader"])
        let editor = try #require(ids["editor"])
        #expect(store.lastUsed()[reader] == nil)
        try await site.test { client async throws in
            #expect(try await client.send(.get, "/api/articles", token: token).status == .ok)
            #expect(store.lastUsed()[reader] != nil)
            #expect(store.lastUsed()[editor] == nil)
        }
    }

    @Test func theThrottleForgetsAfterAMinute() {
        let clock = TestClock()
        let throttle = LoginThrottle(now: { clock.now })
        throttle.recordFailure("ada")
        throttle.recordFailure("ADA")
        #expect(!throttle.isLocked("ada"))
        throttle.recordFailure("ada")
        #expect(throttle.isLocked("ada"))
        #expect(!throttle.isLocked("bob"))
        clock.advance(59)
        #expect(throttle.isLocked("ada"))
        clock.advance(2)
        #expect(!throttle.isLocked("ada"))
        // Failures spread over more than a minute never lock.
        for _ in 0..<3 {
            throttle.recordFailure("carol")
            clock.advance(31)
        }
        #expect(!throttle.isLocked("carol"))
    }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { time.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { time.withLock { $0 += seconds } }
}
