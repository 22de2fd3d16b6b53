import Dispatch
import Foundation
import HummingbirdBcrypt

/// bcrypt, run on Dispatch's pool: a hash takes tens of milliseconds by design, which would
/// stall Swift's cooperative threads (and every request on them) if run there.
public enum Passwords {
    /// bcrypt ignores what follows the 72nd byte; Strapi refuses longer passwords for that reason.
    public static let maxBytes = 72
    public static let minLength = 6

    public static func hash(_ password: String, cost: Int) async -> String {
        await offPool { Bcrypt.hash(password, cost: UInt8(clamping: min(max(cost, 4), 31))) }
    }

    /// Checks `password` against `hash`; with no hash (no such user) it still spends the time
    /// of one check, so that timing tells nobody which usernames exist.
    public static func verify(_ password: String, hash: String?) async -> Bool {
        await offPool {
            guard let hash else {
                _ = Bcrypt.verify(password, hash: dummyHash)
                return false
            }
            return Bcrypt.verify(password, hash: hash)
        }
    }

    /// Why `password` cannot be used, or nil.
    public static func problem(_ password: String) -> String? {
        if password.count < minLength { return "password must be at least \(minLength) characters" }
        if password.utf8.count > maxBytes { return "password must be at most \(maxBytes) bytes" }
        return nil
    }

    /// The cost new hashes get: `QUIRE_BCRYPT_COST`, else 10.
    public static var defaultCost: Int {
        Int(ProcessInfo.processInfo.environment["QUIRE_BCRYPT_COST"] ?? "").map { min(max($0, 4), 31) } ?? 10
    }

    private static let dummyHash = Bcrypt.hash("quire-no-such-user", cost: 10)

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
