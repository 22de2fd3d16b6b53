import Hummingbird
import HTTPTypes

/// `GET /review`: the review desk, a static page and plain ES modules compiled into the binary.
/// It holds no data and no credentials: everything it shows comes from the public API, called
/// from the browser with the signed-in user's token in a header. The policy lets the page load
/// only its own files and talk only to this server.
struct DeskRoutes: Sendable {
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
        "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func add(to router: Router<BasicRequestContext>) {
        router.get("/review", use: page)
        router.get("/review/:file", use: asset)
    }

    func page(_ request: Request, context: BasicRequestContext) async throws -> Response {
        Self.answer(DeskAssets.page)
    }

    func asset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let name = context.parameters.get("file"), let file = DeskAssets.files[name] else {
            throw HTTPError(.notFound)
        }
        return Self.answer(file)
    }

    static func answer(_ file: DeskAssets.File) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = file.contentType
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        // Compiled in: a new binary may bring new files, so the browser checks each time.
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
