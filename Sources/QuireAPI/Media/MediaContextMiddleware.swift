import Hummingbird
import QuireContent
import QuireIndex
import QuireSite

/// Gives every API request the media catalog matching the site's snapshot (see `MediaContext`).
/// The catalog is re-read only when main moved since it was read: one comparison otherwise.
struct MediaContextMiddleware<Context: RequestContext>: RouterMiddleware {
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        var catalog = site.media.catalog
        if catalog.commit != site.snapshot.mainTip || catalog.commit == nil {
            catalog = (try? await site.media.refresh()) ?? catalog
        }
        return try await MediaContext.$catalog.withValue(catalog) {
            try await MediaContext.$config.withValue(site.snapshot.config.media) {
                try await next(request, context)
            }
        }
    }
}
