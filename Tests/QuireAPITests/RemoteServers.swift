import Foundation
import Hummingbird
import HummingbirdTesting
import QuireAPI
import QuireContent
import QuireGit
import QuireIndex
import QuireSite
import Testing

/// A bare repository standing in for GitHub, and servers that each serve their own clone of it.
struct RemoteServers {
    struct Server {
        let path: String
        let repository: Repository
        let site: Site
        let sync: RemoteSync
        /// With a cheap bcrypt cost; the sync drops its cached users when a fetch moves them, as in `quire serve`.
        let authenticator: Authenticator
        let token: String
        let fetcher: Task<Void, Never>
    }

    let folder: String
    let barePath: String
    let servers: [Server]

    /// The standard test site pushed to a bare repository, and `count` servers cloned from it.
    static func make(count: Int, files: [String: String] = [:], fetchEvery interval: Duration? = .milliseconds(200)) async throws -> RemoteServers {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quire-remote-\(UUID().uuidString)").path
        let seed = folder + "/seed"
        let barePath = folder + "/site.git"
        try await SiteCreator.create(
            at: seed, files: TestSite.schemas.merging(files) { $1 }.map { ($0.key, Array($0.value.utf8)) },
            author: Signature(name: "Test", email: "test@example.com"), message: "Test site\n")
        try TestSite.run(["git", "clone", "--quiet", "--bare", seed, barePath])
        var servers: [Server] = []
        for index in 0..<count {
            let path = folder + "/server-\(index)"
            let remote = GitRemote(url: barePath)
            let repository = try await RemoteSync.prepareClone(at: path, remote: remote)
            let site = try await Site.open(repository: repository, renderer: StrapiRenderer())
            let authenticator = Authenticator(store: TokenStore(gitDirectory: repository.gitDirectory), bcryptCost: 4)
            let users = UserStore.syncedReference { authenticator.forgetCachedUsers() }
            let sync = RemoteSync(site: site, remote: remote, privateReferences: [users])
            let fetcher = await sync.start(fetchEvery: interval)
            await sync.idle()
            let token = try await TokenStore(gitDirectory: repository.gitDirectory).create(name: "editor \(index)", access: .fullAccess)
            servers.append(Server(
                path: path, repository: repository, site: site, sync: sync, authenticator: authenticator, token: token, fetcher: fetcher))
        }
        return RemoteServers(folder: folder, barePath: barePath, servers: servers)
    }

    /// Rounds of fetch, integrate and push on every server until all of them and the remote
    /// hold the same branches and users ref. Waits on the work, never on a clock.
    func settle() async throws {
        for _ in 0..<10 {
            for server in servers { try await server.sync.synchronize() }
            let remote = try await bareBranches()
            var agreed = true
            for server in servers where try await branches(server.repository) != remote { agreed = false }
            if agreed { return }
        }
        throw TestFailure("the servers did not agree with the remote after 10 rounds")
    }

    func bareBranches() async throws -> [String: ObjectID] {
        try await branches(Repository.open(at: barePath))
    }

    private func branches(_ repository: Repository) async throws -> [String: ObjectID] {
        var refs = try await repository.references(withPrefix: "refs/heads/")
        refs[UserStore.reference] = try await repository.resolveReference(UserStore.reference)
        return refs
    }

    /// Runs `body` with a client on each server's real router.
    func test(webhookSecret: String? = nil, _ body: @Sendable ([any TestClientProtocol]) async throws -> Void) async throws {
        defer {
            servers.forEach { $0.fetcher.cancel() }
            try? FileManager.default.removeItem(atPath: folder)
        }
        try await withClients(servers[...], clients: [], webhookSecret: webhookSecret, body)
    }

    private func withClients(
        _ remaining: ArraySlice<Server>, clients: [any TestClientProtocol], webhookSecret: String?,
        _ body: @Sendable ([any TestClientProtocol]) async throws -> Void
    ) async throws {
        guard let server = remaining.first else { return try await body(clients) }
        let authenticator = server.authenticator
        let options = ServerOptions(remote: RemoteServing(sync: server.sync, webhookSecret: webhookSecret))
        let app = Application(router: buildRouter(site: server.site, authenticator: authenticator, options: options))
        try await app.test(.router) { client in
            try await withClients(remaining.dropFirst(), clients: clients + [client], webhookSecret: webhookSecret, body)
        }
    }

    func git(_ path: String, _ arguments: String...) throws -> String {
        try TestSite.run(["git", "-C", path] + arguments)
    }
}
