import AsyncHTTPClient
import Foundation
import Logging
import QuireContent
import QuireIndex
import QuireSite

/// Delivers the site's document events to the webhooks of quire.yaml. It listens from the
/// moment it is made and never slows a write down: events wait in bounded in-memory queues
/// (one per receiver) and go out from their own tasks. Events still queued when the server
/// stops are not delivered.
public struct WebhookDispatcher: Sendable {
    private let site: Site
    private let events: AsyncStream<SiteEvent>
    private let signer: WebhookSigner
    private let policy: WebhookPolicy
    private let logger: Logger

    public init(
        site: Site, gitDirectory: String, policy: WebhookPolicy = WebhookPolicy(), logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.site = site
        self.signer = WebhookSigner(gitDirectory: gitDirectory, environment: environment)
        self.policy = policy
        self.logger = logger
        self.events = site.events(bufferingNewest: policy.queueLimit) { [logger] lost in
            logger.warning("webhooks: events arrive faster than they can be queued; dropped \(lost.kind.rawValue) \(lost.key)")
        }
    }

    /// Delivers until the task running it is cancelled.
    public func run() async {
        var configuration = HTTPClient.Configuration()
        // A webhook URL answers itself: following a redirect could turn the POST into a GET.
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        await withDiscardingTaskGroup { group in
            var receivers: [String: WebhookReceiver] = [:]
            for await event in events {
                // quire.yaml may change while serving: each event goes to the webhooks of the moment.
                for hook in site.snapshot.config.webhooks where hook.events.contains(event.kind.rawValue) {
                    let key = hook.name + " " + hook.url
                    let receiver: WebhookReceiver
                    if let existing = receivers[key] {
                        receiver = existing
                    } else {
                        receiver = WebhookReceiver(name: hook.name, policy: policy, logger: logger)
                        receivers[key] = receiver
                        group.addTask { [signer, policy] in
                            await receiver.run(client: client, signer: signer, policy: policy)
                        }
                    }
                    receiver.enqueue(.init(hook: hook, event: event))
                }
            }
            receivers.values.forEach { $0.finish() }
        }
        try? await client.shutdown()
    }
}
