/// How hard Quire tries to deliver: bounded attempts with exponential backoff, a timeout per
/// attempt, and a bounded queue per receiver (the oldest waiting event is dropped when full).
public struct WebhookPolicy: Sendable {
    /// Attempts per event, the first included.
    public var attempts: Int
    /// Wait before the second attempt; doubled before each later one, up to `maximumDelay`.
    public var firstDelay: Duration
    public var maximumDelay: Duration
    /// Longest wait for one attempt's answer.
    public var timeout: Duration
    /// Events waiting per receiver.
    public var queueLimit: Int

    public init(
        attempts: Int = 6, firstDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(60),
        timeout: Duration = .seconds(10), queueLimit: Int = 1000
    ) {
        self.attempts = max(1, attempts)
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.timeout = timeout
        self.queueLimit = max(1, queueLimit)
    }

    /// The wait after failed attempt number `attempt` (1-based).
    func delay(after attempt: Int) -> Duration {
        var delay = firstDelay
        for _ in 1..<max(1, attempt) {
            delay *= 2
            if delay >= maximumDelay { return maximumDelay }
        }
        return min(delay, maximumDelay)
    }

    /// Receivers that are down, overloaded or slow answer these; anything else in 4xx means
    /// the request itself is refused and sending it again would not help.
    static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || status >= 500
    }
}
