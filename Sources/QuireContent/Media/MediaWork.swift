import Foundation
import Synchronization

/// Runs libvips work on Dispatch threads, never on the cooperative pool or an event loop (a
/// resize of a large image takes tens of milliseconds of CPU). At most `width` jobs run at once;
/// the others wait without holding a thread.
public final class MediaWork: Sendable {
    public static let shared = MediaWork(width: max(1, min(4, System.coreCount)))

    private let queue = DispatchQueue(label: "quire.media", attributes: .concurrent)
    private let state: Mutex<(running: Int, waiting: [CheckedContinuation<Void, Never>])>
    private let width: Int

    public init(width: Int) {
        self.width = width
        state = Mutex((0, []))
    }

    public func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        await acquire()
        defer { release() }
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            queue.async {
                do throws(E) { continuation.resume(returning: .success(try body())) } catch { continuation.resume(returning: .failure(error)) }
            }
        }
        return try result.get()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let start = state.withLock { state -> Bool in
                if state.running < width {
                    state.running += 1
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if start { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}

enum System {
    static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
