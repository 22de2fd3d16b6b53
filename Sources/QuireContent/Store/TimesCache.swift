import Foundation
import QuireGit

/// Document times as of one main commit, kept in `<git dir>/quire/times.json` so that a restart
/// walks only the commits made since, not the whole history (10,000 commits into a big folder
/// is ten seconds of tree diffs). Only ever a cache: a missing, stale or unreadable file just
/// means a longer walk, and a commit that is no longer an ancestor of main means a full one.
public struct TimesCache: Sendable {
    public var main: ObjectID
    public var times: [DocumentKey: DocumentTimes]

    public init(main: ObjectID, times: [DocumentKey: DocumentTimes]) {
        self.main = main
        self.times = times
    }

    static func file(gitDirectory: String) -> URL {
        URL(fileURLWithPath: gitDirectory).appendingPathComponent("quire/times.json")
    }

    public static func load(gitDirectory: String) -> TimesCache? {
        guard let data = try? Data(contentsOf: file(gitDirectory: gitDirectory)),
            case .object(let root)? = try? JSON.parse(Array(data)),
            case .string(let hex)? = root["main"], let main = ObjectID(hex: hex),
            case .array(let rows)? = root["times"]
        else { return nil }
        var times: [DocumentKey: DocumentTimes] = [:]
        times.reserveCapacity(rows.count)
        for row in rows {
            guard case .array(let fields) = row, fields.count == 5,
                case .string(let locale) = fields[0], case .string(let type) = fields[1], case .string(let id) = fields[2],
                case .int(let created) = fields[3], case .int(let updated) = fields[4]
            else { return nil }
            times[DocumentKey(locale: locale, type: type, documentId: id)] = DocumentTimes(created: created, updated: updated)
        }
        return TimesCache(main: main, times: times)
    }

    public func save(gitDirectory: String) throws {
        let rows = times.map { key, value in
            Value.array([.string(key.locale), .string(key.type), .string(key.documentId), .int(value.created), .int(value.updated)])
        }
        let url = Self.file(gitDirectory: gitDirectory)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(JSON.encode(.object(["main": .string(main.hex), "times": .array(rows)])), to: url.path)
    }
}

extension SiteStore {
    /// Times of every document on main at `tip`, starting from the cache when it still applies.
    public func documentTimes(at tip: ObjectID, cache: TimesCache?) async throws -> [DocumentKey: DocumentTimes] {
        guard let cache else { return try await documentTimes(from: tip, hiding: nil) }
        // A cache from a history that main no longer contains (reset, force push, another repo).
        var applies = cache.main == tip
        if !applies { applies = (try? await repository.isDescendant(tip, of: cache.main)) ?? false }
        guard applies else { return try await documentTimes(from: tip, hiding: nil) }
        var times = cache.times
        for (key, recent) in try await documentTimes(from: tip, hiding: cache.main) {
            times[key] = DocumentTimes(created: times[key]?.created ?? recent.created, updated: recent.updated)
        }
        return times
    }
}
