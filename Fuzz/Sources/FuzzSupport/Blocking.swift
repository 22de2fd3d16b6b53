import Dispatch

/// Runs async code to completion from libFuzzer's (synchronous) callback thread, which is not
/// one of the concurrency pool's, so waiting here cannot starve the task it waits for.
public func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        box.value = await body()
        done.signal()
    }
    done.wait()
    return box.value!
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
