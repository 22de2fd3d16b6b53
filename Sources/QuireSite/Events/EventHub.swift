import Foundation
import Synchronization

/// Hands site events to whoever listens, without ever making a writer wait: each listener has
/// its own bounded buffer, and a slow listener loses its oldest events, not the writer's time.
final class EventHub: Sendable {
    private struct Listener {
        var continuation: AsyncStream<SiteEvent>.Continuation
        var onDrop: @Sendable (SiteEvent) -> Void
    }

    private let listeners = Mutex<[UUID: Listener]>([:])

    var isEmpty: Bool {
        listeners.withLock { $0.isEmpty }
    }

    func subscribe(bufferingNewest limit: Int, onDrop: @escaping @Sendable (SiteEvent) -> Void) -> AsyncStream<SiteEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: SiteEvent.self, bufferingPolicy: .bufferingNewest(limit))
        continuation.onTermination = { [weak self] _ in
            _ = self?.listeners.withLock { $0.removeValue(forKey: id) }
        }
        listeners.withLock { $0[id] = Listener(continuation: continuation, onDrop: onDrop) }
        return stream
    }

    func send(_ events: [SiteEvent]) {
        guard !events.isEmpty else { return }
        let current = listeners.withLock { Array($0.values) }
        for listener in current {
            for event in events {
                if case .dropped(let lost) = listener.continuation.yield(event) { listener.onDrop(lost) }
            }
        }
    }
}
