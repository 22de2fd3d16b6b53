import Foundation
import QuireContent
import QuireIndex
import QuireSite

/// The `remote` part of `/_health` (full-access tokens only): is this server keeping up with
/// the others?
enum RemoteHealth {
    static func json(_ status: RemoteStatus) -> Value {
        .object([
            "url": .string(status.url),
            "lastFetchAt": status.lastFetch.map { .string(StrapiRenderer.timestamp(Int64($0.timeIntervalSince1970))) } ?? .null,
            "lastPushAt": status.lastPush.map { .string(StrapiRenderer.timestamp(Int64($0.timeIntervalSince1970))) } ?? .null,
            "unpushed": .bool(status.unpushed),
            "unpushedCommits": .int(Int64(status.unpushedCommits)),
            "refusedPushesInARow": .int(Int64(status.refusedInARow)),
            "refusedPushes": .int(Int64(status.refusedTotal)),
            "error": status.lastError.map(Value.string) ?? .null,
        ])
    }
}
