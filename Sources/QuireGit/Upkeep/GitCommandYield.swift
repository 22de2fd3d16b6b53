import Foundation
import Synchronization

/// A human's `git commit` in a served work tree takes `index.lock` first, reads HEAD, spends
/// seconds checking every file of a large site, and then moves the branch only if HEAD is still
/// what it read. A server that moved main meanwhile made that commit fail, every time while
/// writes kept coming (the 100k soak: human commits gave up after 30 tries). So before the
/// server moves the checked-out branch it waits, a bounded time, while someone else holds the
/// lock; the human's commit lands, the server's compare-and-swap then fails, and the batch is
/// applied again on top of it (as after any commit made elsewhere).
///
/// Inside the `Repository` actor no index write of the server's own is in flight (they run on
/// the actor), so a lock seen from there is another program's. One held past the limit (an
/// editor left open on a commit message) is remembered and not waited for again.
final class ForeignIndexLock: Sendable {
    private let longHeld = Mutex<[Int]?>(nil)

    /// Waits while `<gitDirectory>/index.lock` exists, at most `limit`. Returns whether it waited.
    func waitForRelease(gitDirectory: String, limit: Duration) async -> Bool {
        let lock = gitDirectory + "/index.lock"
        guard let seen = Repository.identity(of: lock), longHeld.withLock({ $0 }) != seen else { return false }
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
            guard let current = Repository.identity(of: lock) else { return true }
            if current != seen { return true }
        }
        longHeld.withLock { $0 = seen }
        return true
    }
}

extension Repository {
    /// Before moving the branch checked out in the work tree (main): see `ForeignIndexLock`.
    public func yieldToAGitCommand(limit: Duration = .seconds(15)) async {
        guard workDirectory != nil else { return }
        _ = await foreignIndexLock.waitForRelease(gitDirectory: gitDirectory, limit: limit)
    }
}
