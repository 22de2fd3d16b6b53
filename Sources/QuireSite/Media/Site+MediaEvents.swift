import Foundation
import QuireContent
import QuireGit

extension Site {
    /// Sends a `media.*` webhook event for a file the server committed (`file`: its file object).
    public nonisolated func announceMedia(_ kind: SiteEvent.Kind, documentId: String, file: [UInt8], commit: ObjectID?) {
        let key = DocumentKey(locale: "", type: "upload", documentId: documentId)
        eventHub.send([SiteEvent(kind: kind, key: key, entry: file, commit: commit, time: Date().timeIntervalSince1970)])
    }
}
