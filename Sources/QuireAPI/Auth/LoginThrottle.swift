import Foundation
import Synchronization

/// Apostrophe's login throttle: after 3 failed attempts within a minute for one account,
/// every attempt (right or wrong) is refused for a minute. Kept per server, in memory.
public final class LoginThrottle: Sendable {
    public static let allowedAttempts = 3
    public static let window: TimeInterval = 60
    public static let lockout: TimeInterval = 60

    private struct Account {
        var failures: [Date] = []
        var lockedUntil: Date?
    }

    private let accounts = Mutex<[String: Account]>([:])
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = Date.init) {
        self.now = now
    }

    /// Whether attempts for `identifier` are refused right now.
    public func isLocked(_ identifier: String) -> Bool {
        let key = identifier.lowercased()
        let now = self.now()
        return accounts.withLock { accounts in
            guard let until = accounts[key]?.lockedUntil else { return false }
            if until > now { return true }
            accounts[key] = nil
            return false
        }
    }

    public func recordFailure(_ identifier: String) {
        let key = identifier.lowercased()
        let now = self.now()
        accounts.withLock { accounts in
            var account = accounts[key] ?? Account()
            account.failures = account.failures.filter { now.timeIntervalSince($0) < Self.window } + [now]
            if account.failures.count >= Self.allowedAttempts {
                account.lockedUntil = now.addingTimeInterval(Self.lockout)
                account.failures = []
            }
            // Bounded memory under a flood of made-up names: forget the oldest unlocked entries.
            if accounts.count > 10_000 { accounts = accounts.filter { $0.value.lockedUntil != nil } }
            accounts[key] = account
        }
    }

    public func recordSuccess(_ identifier: String) {
        let key = identifier.lowercased()
        accounts.withLock { _ = $0.removeValue(forKey: key) }
    }
}
