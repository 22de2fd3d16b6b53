// One route, a small constant JSON body, no middleware: the cheapest answer
// Hummingbird can give, so the read routes' ratio to it isolates Quire's work.
// Usage: baseline [port]   (binds 127.0.0.1 only)
import Hummingbird

let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 8080 : 8080
let body = ByteBuffer(string: #"{"data":{"id":1,"documentId":"baseline","title":"Hello"},"meta":{}}"#)

let router = Router()
router.get("/api/ping") { _, _ -> Response in
    Response(
        status: .ok,
        headers: [.contentType: "application/json"],
        body: .init(byteBuffer: body)
    )
}

// Hummingbird's default logger logs only start-up at its default level (no per-request lines).
let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port))
)
try await app.runService()
