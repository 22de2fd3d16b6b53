import Foundation
import QuireContent
import Synchronization

/// Shows how a first load is going, on a terminal only (logs and pipes get the one line that
/// `quire serve` prints when it is ready): documents read, documents per second, time left.
enum LoadProgressPrinter {
    /// Below this a load is over before anyone would read a progress line.
    static let minimumDocuments = 5_000

    static func forTerminal() -> LoadProgress? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        let start = ContinuousClock.now
        let last = Mutex(ContinuousClock.now - .seconds(1))
        return { done, total in
            guard total >= minimumDocuments else { return }
            let now = ContinuousClock.now
            let due = last.withLock { previous -> Bool in
                guard now - previous >= .milliseconds(250) || done == total else { return false }
                previous = now
                return true
            }
            guard due else { return }
            let elapsed = (now - start).components
            let seconds = max(0.001, Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
            let rate = Double(done) / seconds
            let left = rate > 0 ? Double(total - done) / rate : 0
            let line = "Indexing \(done.formatted()) of \(total.formatted()) documents (\(Int(rate).formatted())/s, \(Int(left.rounded(.up))) s left)"
            FileHandle.standardError.write(Data(("\r" + line + (done == total ? "\n" : "")).utf8))
        }
    }
}
