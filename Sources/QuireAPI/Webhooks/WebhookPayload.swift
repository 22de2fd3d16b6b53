import Foundation
import QuireContent
import QuireIndex
import QuireSite

/// The body Strapi 5 posts to a webhook: `{event, createdAt, model, uid, entry}`, the entry as
/// the REST API renders it (no private or password fields, relations unpopulated).
enum WebhookPayload {
    static func body(for event: SiteEvent) -> [UInt8] {
        if event.kind.rawValue.hasPrefix("media.") {
            // Strapi's upload events: `{event, createdAt, media}`.
            return Array(#"{"event":"#.utf8) + JSON.encode(.string(event.kind.rawValue))
                + Array(#","createdAt":"#.utf8) + JSON.encode(.string(timestamp(event.time)))
                + Array(#","media":"#.utf8) + event.entry + Array("}".utf8)
        }
        var bytes: [UInt8] = Array(#"{"event":"#.utf8)
        bytes += JSON.encode(.string(event.kind.rawValue))
        bytes += Array(#","createdAt":"#.utf8) + JSON.encode(.string(timestamp(event.time)))
        bytes += Array(#","model":"#.utf8) + JSON.encode(.string(event.key.type))
        bytes += Array(#","uid":"#.utf8) + JSON.encode(.string("api::\(event.key.type).\(event.key.type)"))
        bytes += Array(#","entry":"#.utf8) + event.entry
        bytes += Array("}".utf8)
        return bytes
    }

    /// ISO 8601 in UTC with milliseconds, as Strapi writes dates.
    static func timestamp(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
