import Foundation
import Hummingbird
import HTTPTypes
import QuireContent
import QuireGit
import QuireIndex
import QuireSite
import ServiceLifecycle

/// `GET /api/git/events`: the changes feed as Server-Sent Events. Every document change is
/// sent once it is durable, whoever made it (an API write here, a commit made with git, another
/// server's write arriving by fetch), so a client can follow the site live and ask
/// `/api/git/changes` or `/api/git/drafts` for details. Events carry no content, only which
/// document changed and how; a caller gets only events of the types it may read (changes to
/// drafts only where it may see drafts).
struct EventStreamRoutes: Sendable {
    let access: GitAccess
    /// A comment line this often keeps proxies and the server's idle timeout from closing a quiet stream.
    var heartbeat: Duration = .seconds(15)

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/git/events", use: events)
    }

    func events(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let principal = try await access.principal(request)
        let site = access.site
        let access = self.access
        let heartbeat = self.heartbeat
        // Subscribed before answering, so nothing durable after the answer's headers is missed.
        let events = site.events(bufferingNewest: 1000)
        let (chunks, sink) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(1000))
        let forward = Task {
            var counter = 0
            for await event in events {
                let snapshot = site.snapshot
                guard let type = snapshot.schema.contentType(singular: event.key.type),
                      Self.mayFollow(event, type: type, principal: principal, access: access, snapshot: snapshot) else { continue }
                counter += 1
                sink.yield(Self.frame(event, id: counter))
            }
            sink.finish()
        }
        let beat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: heartbeat)
                // A revoked token, a blocked user or a changed role ends the stream; the client
                // reconnects and gets what its credential allows now.
                guard (try? await access.principal(request)) == principal else { sink.finish(); return }
                sink.yield(Array(": heartbeat\n\n".utf8))
            }
        }
        let body = ResponseBody { writer in
            defer { forward.cancel(); beat.cancel() }
            // `retry`: reconnect after a second; the first comment tells the client the stream is open.
            try await writer.write(ByteBuffer(string: "retry: 1000\n: connected\n\n"))
            // A stream never ends by itself: it ends when the server stops, so stopping never waits on it.
            for await chunk in chunks.cancelOnGracefulShutdown() {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Published changes need `find`; a change only a draft shows (a draft written or
    /// discarded) also needs `view-draft` on draft & publish types.
    static func mayFollow(_ event: SiteEvent, type: ContentType, principal: Principal, access: GitAccess, snapshot: SiteSnapshot) -> Bool {
        guard access.isAllowed(principal, .find, type: type, snapshot: snapshot) else { return false }
        switch event.kind {
        case .publish, .unpublish, .delete:
            return true
        case .create, .update, .discardDraft:
            return !type.draftAndPublish || access.isAllowed(principal, .viewDraft, type: type, snapshot: snapshot)
        case .mediaCreate, .mediaUpdate, .mediaDelete:
            // The stream follows documents; the media library has its own routes and webhooks.
            return false
        }
    }

    static func frame(_ event: SiteEvent, id: Int) -> [UInt8] {
        let data: Value = .object(OrderedObject([
            ("event", .string(event.kind.rawValue)),
        ] + GitAccess.keyJSON(event.key) + [
            ("commit", event.commit.map { .string($0.hex) } ?? .null),
            ("time", .string(StrapiRenderer.timestamp(Int64(event.time)))),
        ]))
        var frame = Array("id: \(id)\nevent: \(event.kind.rawValue)\ndata: ".utf8)
        frame += JSON.encode(data)
        frame += Array("\n\n".utf8)
        return frame
    }
}
