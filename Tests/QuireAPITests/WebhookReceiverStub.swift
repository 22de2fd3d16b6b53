import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// A real HTTP server standing in for a webhook receiver: records every request, and can be
/// told to fail the next ones or to hold them until released.
final class RecordingReceiver: Sendable {
    struct Delivery: Sendable {
        var headers: HTTPFields
        var body: [UInt8]

        var event: String? { headers[HTTPField.Name("X-Strapi-Event")!] }
        var deliveryID: String? { headers[HTTPField.Name("X-Quire-Delivery")!] }
    }

    private struct State {
        var deliveries: [Delivery] = []
        var failuresLeft = 0
        var holding = false
        var held = 0
    }

    private let state = Mutex(State())

    var deliveries: [Delivery] { state.withLock { $0.deliveries } }
    var heldCount: Int { state.withLock { $0.held } }

    func fail(next count: Int) { state.withLock { $0.failuresLeft = count } }
    func hold() { state.withLock { $0.holding = true } }
    func release() { state.withLock { $0.holding = false } }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let failing = self.state.withLock { state -> Bool in
                state.deliveries.append(Delivery(headers: request.headers, body: Array(body.readableBytesView)))
                guard state.failuresLeft > 0 else { return false }
                state.failuresLeft -= 1
                return true
            }
            if failing { return Response(status: .internalServerError) }
            if self.state.withLock({ $0.holding }) {
                self.state.withLock { $0.held += 1 }
                while self.state.withLock({ $0.holding }) { try await Task.sleep(for: .milliseconds(20)) }
            }
            return Response(status: .noContent)
        }
        return router
    }

    /// Waits (polling, generously bounded) until `condition` holds on the deliveries.
    func waitFor(_ what: String, _ condition: ([Delivery]) -> Bool) async throws -> [Delivery] {
        for _ in 0..<1500 {
            let current = deliveries
            if condition(current) { return current }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("timed out waiting for \(what); got \(deliveries.compactMap(\.event))")
    }
}

/// Collects log messages so tests can read what the server told its operator.
struct RecordingLogHandler: LogHandler {
    let messages: Recorded
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    final class Recorded: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        messages.append("\(event.level) \(event.message)")
    }

    static func logger() -> (Logger, Recorded) {
        let recorded = Recorded()
        return (Logger(label: "quire.test") { _ in RecordingLogHandler(messages: recorded) }, recorded)
    }
}

/// Polls `condition` until it holds; a generous bound turns a hang into a failure, not a wait forever.
func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
    for _ in 0..<1500 {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw TestFailure("timed out waiting for \(what)")
}
