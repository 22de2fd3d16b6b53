import Foundation
import QuireContent
import QuireGit

/// This server's own ref on the remote, `refs/quire/servers/<id>`: where its main stood at its
/// last push.
///
/// `main` on the remote moves by compare-and-swap, and a server whose fetch, merge and push take
/// longer than the others' interval between pushes loses that race every time (the 100k soak:
/// server B's writes never left B). Only this server moves its outbox, so that push always
/// lands: every write it acknowledged reaches the remote within a round, whoever wins `main`.
/// Every server folds the other servers' outboxes into its own main when it fetches, so the
/// loser's writes reach `main` through the winner's next push.
struct ServerOutbox: Sendable {
    /// The ref this server pushes.
    let name: String

    /// The id lives in `.git/quire/server-id`, made at the first start. A clone copied with its
    /// `.git` shares it: two servers with one id refuse each other's outbox pushes, which loses
    /// nothing (the race for main still carries their writes) but gives up the guarantee.
    static func load(gitDirectory: String) throws -> ServerOutbox {
        let file = gitDirectory + "/quire/server-id"
        if let data = FileManager.default.contents(atPath: file),
           let id = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
           DocumentID.isValid(id) {
            return ServerOutbox(name: SiteLayout.serverReferencePrefix + id)
        }
        try FileManager.default.createDirectory(atPath: gitDirectory + "/quire", withIntermediateDirectories: true)
        let id = DocumentID.generate()
        try AtomicFile.write(Array((id + "\n").utf8), to: file)
        return ServerOutbox(name: SiteLayout.serverReferencePrefix + id)
    }

    static func isOutbox(_ name: String) -> Bool {
        name.hasPrefix(SiteLayout.serverReferencePrefix)
    }

    /// The other servers' outboxes in a fetch that main here may not hold yet: those that moved
    /// since `integrated`, and not merely to the remote's main (taken in as main anyway).
    func othersToTakeIn(_ fetched: [String: ObjectID], integrated: [String: ObjectID]) -> [String: ObjectID] {
        let main = fetched[SiteLayout.mainReference]
        return fetched.filter { name, tip in
            Self.isOutbox(name) && name != self.name && tip != main && integrated[name] != tip
        }
    }
}
