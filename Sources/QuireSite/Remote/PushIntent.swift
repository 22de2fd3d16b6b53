import Foundation
import QuireContent
import QuireGit

/// What a push is about to make the remote hold, written before it is sent and cleared once
/// the tracking refs note it. A server killed between the remote taking a push and noting it
/// (or a push whose answer was lost) would otherwise take its own push for another server's
/// work at the next fetch: a draft it had discarded since came back from the remote's copy (the
/// 10k soak, an acknowledged publish undone by the older draft). After each fetch, a branch the
/// remote holds exactly as an unfinished push left it is noted as seen there.
///
/// One line per ref: `name<TAB>blob` (`-`: deleted), flushed before the push.
struct PushIntent {
    let file: String

    init(gitDirectory: String) {
        file = gitDirectory + "/quire/push.intent"
    }

    func record(_ updates: [RemoteUpdate]) throws {
        let lines = updates.map { "\($0.name)\t\($0.new?.hex ?? "-")\n" }.joined()
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: file) {
            FileManager.default.createFile(atPath: file, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: file) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(lines.utf8))
        try handle.synchronize()
    }

    /// Every ref an unfinished push may have moved, with each value it may have sent.
    func intended() -> [String: Set<ObjectID?>] {
        guard let data = FileManager.default.contents(atPath: file) else { return [:] }
        var intended: [String: Set<ObjectID?>] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { continue }
            if parts[1] == "-" {
                intended[String(parts[0]), default: []].insert(nil)
            } else if let id = ObjectID(hex: String(parts[1])) {
                intended[String(parts[0]), default: []].insert(id)
            }
        }
        return intended
    }

    func clear() {
        try? FileManager.default.removeItem(atPath: file)
    }

    /// After a fetch (`fetched`: the remote's refs now): each ref the remote holds as an
    /// unfinished push of ours left it gets its tracking ref (`trackingName`, nil: not one we
    /// track) moved there; then the record is cleared.
    func reconcile(fetched: [String: ObjectID], in repository: Repository, trackingName: (String) -> String?) async throws {
        let intended = intended()
        guard !intended.isEmpty else { return }
        for (name, values) in intended where values.contains(fetched[name]) {
            guard let tracking = trackingName(name) else { continue }
            let seen = try await repository.resolveReference(tracking)
            guard seen != fetched[name] else { continue }
            try await RemoteIntegration.move(tracking, from: seen, to: fetched[name], in: repository, message: "quire: push noted after a restart")
        }
        clear()
    }
}
