import Foundation
import Hummingbird

/// Route parameters arrive as the client encoded them (`/api/v1/article/xyz%3Aen%3Apublished`).
/// koa-router and Express hand handlers the decoded value (`decodeURIComponent`), so frontends
/// that encode ids with `encodeURIComponent(_id)` work there; here each captured parameter is
/// decoded once, before any handler reads it. A malformed escape is left as sent (and refused
/// as an invalid id); a decoded `/` stays inside its parameter and is refused the same way.
struct PathParameterDecoding<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.coreContext.parameters.contains(where: { $0.value.contains("%") }) else {
            return try await next(request, context)
        }
        var context = context
        var decoded = Parameters()
        for (key, value) in context.coreContext.parameters {
            decoded.append(key: key, value: value.removingPercentEncoding.map { Substring($0) } ?? value)
        }
        context.coreContext.parameters = decoded
        return try await next(request, context)
    }
}
