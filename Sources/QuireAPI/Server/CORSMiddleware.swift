import Hummingbird
import HTTPTypes
import QuireContent
import QuireIndex
import QuireSite

/// CORS from quire.yaml, read from the live snapshot so a committed change applies without a restart.
struct SiteCORSMiddleware<Context: RequestContext>: RouterMiddleware {
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let cors = site.pinned.config.cors
        guard let origin = request.headers[.origin], let allowed = cors.allowedOrigin(for: origin) else {
            return try await next(request, context)
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers = HTTPFields()
            headers[.accessControlAllowOrigin] = allowed
            headers[.accessControlAllowMethods] = cors.methods.joined(separator: ", ")
            headers[.accessControlAllowHeaders] = cors.headers.joined(separator: ", ")
            headers[.accessControlMaxAge] = String(cors.maxAge)
            if cors.credentials { headers[.accessControlAllowCredentials] = "true" }
            if allowed != "*" { headers[.vary] = "Origin" }
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = allowed
        if !cors.exposeHeaders.isEmpty { response.headers[.accessControlExposeHeaders] = cors.exposeHeaders.joined(separator: ", ") }
        if cors.credentials { response.headers[.accessControlAllowCredentials] = "true" }
        if allowed != "*" { response.headers[.vary] = "Origin" }
        return response
    }
}
