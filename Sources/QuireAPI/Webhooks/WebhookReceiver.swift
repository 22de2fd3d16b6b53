import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import QuireGit
import QuireContent
import QuireIndex
import QuireSite

/// One webhook URL's queue and its delivery loop: events go out one at a time, in order, each
/// retried until it is accepted or its attempts run out. A receiver that is down holds up only
/// its own queue, which drops its oldest event when full.
struct WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        var hook: WebhookConfig
        var event: SiteEvent
        var id = UUID()
    }

    let name: String
    private let stream: AsyncStream<Delivery>
    private let continuation: AsyncStream<Delivery>.Continuation
    private let logger: Logger

    init(name: String, policy: WebhookPolicy, logger: Logger) {
        self.name = name
        self.logger = logger
        (stream, continuation) = AsyncStream.makeStream(of: Delivery.self, bufferingPolicy: .bufferingNewest(policy.queueLimit))
    }

    func enqueue(_ delivery: Delivery) {
        if case .dropped(let lost) = continuation.yield(delivery) {
            logger.warning("webhook \(name): queue full, dropped the oldest event (\(lost.event.kind.rawValue) \(lost.event.key))")
        }
    }

    func finish() {
        continuation.finish()
    }

    func run(client: HTTPClient, signer: WebhookSigner, policy: WebhookPolicy) async {
        for await delivery in stream {
            await deliver(delivery, client: client, signer: signer, policy: policy)
        }
    }

    private func deliver(_ delivery: Delivery, client: HTTPClient, signer: WebhookSigner, policy: WebhookPolicy) async {
        let event = delivery.event
        let label = "webhook \(name): \(event.kind.rawValue) \(event.key)"
        let request: HTTPClientRequest
        do {
            request = try makeRequest(delivery, signer: signer)
        } catch {
            logger.error("\(label) not sent: \(error)")
            return
        }
        for attempt in 1...policy.attempts {
            if Task.isCancelled { return }
            let outcome: String
            do {
                let response = try await client.execute(request, timeout: .milliseconds(Int64(policy.timeout / .milliseconds(1))))
                // Read the answer so the connection can be reused; its content does not matter.
                _ = try? await response.body.collect(upTo: 1 << 16)
                let status = Int(response.status.code)
                if (200..<300).contains(status) {
                    logger.debug("\(label) delivered (attempt \(attempt))")
                    return
                }
                guard WebhookPolicy.isRetryable(status: status) else {
                    logger.error("\(label) refused with HTTP \(status); not retried")
                    return
                }
                outcome = "HTTP \(status)"
            } catch {
                outcome = "\(error)"
            }
            guard attempt < policy.attempts else {
                logger.error("\(label) failed after \(attempt) attempt(s), last: \(outcome); dropped")
                return
            }
            let wait = policy.delay(after: attempt)
            logger.warning("\(label) attempt \(attempt) failed (\(outcome)); retrying in \(wait)")
            try? await Task.sleep(for: wait)
        }
    }

    private func makeRequest(_ delivery: Delivery, signer: WebhookSigner) throws -> HTTPClientRequest {
        let body = WebhookPayload.body(for: delivery.event)
        var request = HTTPClientRequest(url: delivery.hook.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Quire-Webhooks")
        request.headers.add(name: "X-Strapi-Event", value: delivery.event.kind.rawValue)
        request.headers.add(name: "X-Quire-Delivery", value: delivery.id.uuidString)
        request.headers.add(name: "X-Quire-Timestamp", value: String(Int64(delivery.event.time)))
        if let commit = delivery.event.commit { request.headers.add(name: "X-Quire-Commit", value: commit.hex) }
        if let secret = try signer.secret(for: delivery.hook) {
            request.headers.add(name: "X-Quire-Signature", value: WebhookSigner.signature(of: body, secret: secret))
        }
        for (name, value) in try signer.headers(for: delivery.hook) {
            request.headers.replaceOrAdd(name: name, value: value)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }
}
