import Hummingbird
import QuireIndex
import QuireSite
import Synchronization

/// What one request sees, for its whole life: the snapshot of the site taken when it arrived
/// (so a list and the documents it populates, the permission check and the read, all see one
/// state even while other requests' writes land; its own write moves it on, so it answers with
/// what it wrote), and the caller once resolved (credentials are checked once,
/// however many helpers ask). Set by `RequestScopeMiddleware`, outermost in `buildRouter`.
///
/// A task-local rather than a custom `RequestContext`: every route, including ones other
/// modules register on `Router<BasicRequestContext>`, gets it without changing a signature.
/// Handlers read `site.pinned` (not `site.snapshot`) before they write, and `site.snapshot`
/// after a write to show its result; callers come through `RequestScope.caller { … }`.
public final class RequestScope: Sendable {
    private let pinned: Mutex<SiteSnapshot>
    private let resolved = Mutex<Principal?>(nil)

    init(snapshot: SiteSnapshot) {
        pinned = Mutex(snapshot)
    }

    /// The state this request reads: the site as it arrived, or as its own last write left it
    /// (a request that writes answers with what it wrote).
    public var snapshot: SiteSnapshot { pinned.withLock { $0 } }

    /// After the request's own write: it now reads the site that write made.
    static func advance(to snapshot: SiteSnapshot) {
        current?.pinned.withLock { $0 = snapshot }
    }

    @TaskLocal static var current: RequestScope?

    /// The request's caller: `resolve` runs for the first ask only; a refusal is not kept
    /// (it leaves the request anyway).
    static func caller(_ resolve: () async throws -> Principal) async throws -> Principal {
        guard let scope = current else { return try await resolve() }
        if let known = scope.resolved.withLock({ $0 }) { return known }
        let principal = try await resolve()
        scope.resolved.withLock { $0 = principal }
        return principal
    }
}

extension Site {
    /// The snapshot the current request pinned when it arrived (the live one outside a request).
    nonisolated var pinned: SiteSnapshot { RequestScope.current?.snapshot ?? snapshot }
}

struct RequestScopeMiddleware<Context: RequestContext>: RouterMiddleware {
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await RequestScope.$current.withValue(RequestScope(snapshot: site.snapshot)) {
            try await next(request, context)
        }
    }
}
