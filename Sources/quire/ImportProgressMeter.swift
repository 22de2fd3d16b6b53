import Foundation
import QuireContent

/// The import's progress on a terminal's stderr, redrawn in place at most ten times a second:
/// documents done, documents/s and the estimated time left. Silent when stderr is not a terminal.
final class ImportProgressMeter: @unchecked Sendable {
    private let isTerminal: Bool
    private let lock = NSLock()
    private var phaseStarted = Date()
    private var phase: BulkImport.Progress.Phase?
    private var lastDrawn = Date.distantPast
    private var drewSomething = false

    init(isTerminal: Bool) {
        self.isTerminal = isTerminal
    }

    func show(_ progress: BulkImport.Progress) {
        guard isTerminal else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if progress.phase != phase {
            if drewSomething { FileHandle.standardError.write(Data("\n".utf8)) }
            phase = progress.phase
            phaseStarted = now
            lastDrawn = .distantPast
        }
        guard now.timeIntervalSince(lastDrawn) >= 0.1 || progress.done == progress.total else { return }
        lastDrawn = now
        let elapsed = max(now.timeIntervalSince(phaseStarted), 0.001)
        let rate = Double(progress.done) / elapsed
        let left = rate > 0 ? Double(progress.total - progress.done) / rate : 0
        let verb = switch progress.phase {
        case .validating: "Validating"
        case .committing: "Committing"
        case .workTree: "Writing the work tree:"
        }
        let line = "\r\(verb) \(progress.done)/\(progress.total) documents · \(Int(rate)) documents/s · \(Int(left.rounded())) s left\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
        drewSomething = true
    }

    func finish() {
        guard isTerminal else { return }
        lock.lock()
        defer { lock.unlock() }
        if drewSomething { FileHandle.standardError.write(Data("\n".utf8)) }
        drewSomething = false
    }
}
