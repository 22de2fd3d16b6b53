import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore
import Logging
import QuireIndex
import QuireSite

public struct ServerOptions: Sendable {
    public var host: String
    public var port: Int
    /// Largest accepted request body, in bytes.
    public var bodyLimit: Int
    /// Set when the site syncs with a git remote: mounts `POST /api/git/webhook/push`.
    public var remote: RemoteServing?
    /// A connection that sends and receives nothing for this long is closed, so a client that
    /// opens one, or starts a body, and then goes quiet cannot hold it forever. A minute is
    /// longer than any request Quire answers takes.
    public var idleTimeout: Duration = .seconds(60)
    /// A request's head must arrive within this long of the connection opening or of the previous
    /// answer, and its body within this long more plus a second per `minimumBodyRate` bytes (see
    /// `RequestDeadlineHandler`): a client trickling a byte a second cannot hold a socket.
    public var requestTimeout: Duration = .seconds(30)
    public var minimumBodyRate = 1024
    /// Connections open at once; more wait in the kernel's queue until one closes. Below the
    /// process's file descriptor limit, so a flood of connections never leaves git without
    /// descriptors to open its files with.
    public var maximumConnections = ServerOptions.connectionsWithinDescriptorLimit()

    public init(host: String = "127.0.0.1", port: Int = 1337, bodyLimit: Int = 1 << 20, remote: RemoteServing? = nil) {
        self.host = host
        self.port = port
        self.bodyLimit = bodyLimit
        self.remote = remote
    }
}

/// The router tests and the server share: every route and middleware, nothing bound to a socket.
public func buildRouter(site: Site, authenticator: Authenticator, options: ServerOptions) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    // Outermost first: the request's scope (one snapshot, one caller) holds for everything
    // inside; CORS and compression apply to error answers too.
    router.middlewares.add(RequestScopeMiddleware(site: site))
    router.middlewares.add(SiteCORSMiddleware(site: site))
    router.middlewares.add(CompressionMiddleware())
    router.middlewares.add(StrapiErrorMiddleware())
    router.middlewares.add(AposErrorMiddleware())
    router.middlewares.add(MediaContextMiddleware(site: site))
    router.middlewares.add(PathParameterDecoding())
    let apostrophe = AposRoutes(site: site, authenticator: authenticator, bodyLimit: options.bodyLimit)
    router.middlewares.add(AposExternalFrontMiddleware(routes: apostrophe))
    let strapi = StrapiRoutes(site: site, authenticator: authenticator, bodyLimit: options.bodyLimit)
    strapi.add(to: router)
    apostrophe.add(to: router)
    let access = GitAccess(site: site, authenticator: authenticator)
    GitRoutes(access: access, bodyLimit: options.bodyLimit).add(to: router)
    let review = DocumentReviewRoutes(access: access)
    review.add(to: router)
    let history = DocumentHistoryRoutes(access: access, bodyLimit: options.bodyLimit)
    history.add(to: router)
    SingleTypeGitRoutes(history: history, review: review, strapi: strapi).add(to: router)
    CallerAccessRoutes(access: access).add(to: router)
    EventStreamRoutes(access: access).add(to: router)
    SiteProblemsRoutes(access: access).add(to: router)
    DeskRoutes().add(to: router)
    HealthRoutes(site: site, authenticator: authenticator, remote: options.remote?.sync).add(to: router)
    if let remote = options.remote { PushWebhookRoutes(remote: remote).add(to: router) }
    StrapiAuthRoutes(site: site, authenticator: authenticator).add(to: router)
    StrapiUserRoutes(site: site, authenticator: authenticator).add(to: router)
    StrapiRoleRoutes(site: site, authenticator: authenticator).add(to: router)
    ApostropheLoginRoutes(site: site, authenticator: authenticator).add(to: router)
    OpenAPIRoutes(site: site).add(to: router)
    let media = MediaService(site: site)
    UploadRoutes(site: site, authenticator: authenticator, media: media).add(to: router)
    UploadServing(site: site, authenticator: authenticator, media: media).add(to: router)
    AposAttachmentRoutes(site: site, authenticator: authenticator, media: media).add(to: router)
    AposImageFileRoutes(site: site, authenticator: authenticator, media: media, bodyLimit: options.bodyLimit).add(to: router)
    return router
}

public func buildApplication(
    site: Site, authenticator: Authenticator, options: ServerOptions, logger: Logger,
    onReady: @escaping @Sendable (String) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = buildRouter(site: site, authenticator: authenticator, options: options)
    return Application(
        router: router,
        server: .http1(configuration: .init(
            additionalChannelHandlers: [RequestDeadlineHandler(head: timeAmount(options.requestTimeout), minimumBodyRate: options.minimumBodyRate)],
            idleTimeout: timeAmount(options.idleTimeout))),
        configuration: .init(
            address: .hostname(options.host, port: options.port), serverName: "Quire",
            availableConnectionsDelegate: MaximumAvailableConnections(options.maximumConnections)),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? options.port
            await onReady("http://\(options.host):\(port)")
        },
        logger: logger)
}

private func timeAmount(_ duration: Duration) -> TimeAmount {
    .nanoseconds(Int64(duration / .nanoseconds(1)))
}

extension ServerOptions {
    /// Three quarters of the soft descriptor limit, at most 16,384: the rest is git's (packs,
    /// loose objects, lock files) and the log's.
    public static func connectionsWithinDescriptorLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(Int32.max) else { return 16_384 }
        return max(64, min(16_384, Int(limit.rlim_cur) * 3 / 4))
    }
}
