import Foundation
import QuireGit
import Synchronization

/// When each API token was last used on this server, by token id, in
/// `<git dir>/quire/token-usage.json`: per server, since sharing it would mean a commit of the
/// users ref per minute per server. Written at most once a
/// minute, so that a busy server does not write a file per request.
final class TokenUsage: Sendable {
    static let flushInterval: TimeInterval = 60

    private let file: URL
    /// A struct, not a tuple: this runs on every token request, and a tuple type in a generic
    /// position is looked up in the runtime's metadata cache on each use.
    private struct State {
        var lastUsed: [String: Date] = [:]
        var flushed = Date.distantPast
    }

    private let state = Mutex(State())

    init(file: URL) {
        self.file = file
    }

    func record(_ id: String) {
        let now = Date()
        let toWrite: [String: Date]? = state.withLock { state in
            state.lastUsed[id] = now
            guard now.timeIntervalSince(state.flushed) >= Self.flushInterval else { return nil }
            state.flushed = now
            return state.lastUsed
        }
        guard let toWrite else { return }
        var merged = Self.read(file)
        merged.merge(toWrite) { max($0, $1) }
        if let data = try? JSONEncoder.tokens.encode(merged) { try? AtomicFile.write(data, to: file.path, permissions: 0o600) }
    }

    /// Token id → last use, as last written.
    static func read(_ file: URL) -> [String: Date] {
        guard let data = try? Data(contentsOf: file) else { return [:] }
        return (try? JSONDecoder.tokens.decode([String: Date].self, from: data)) ?? [:]
    }
}
