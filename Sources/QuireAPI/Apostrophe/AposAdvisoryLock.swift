import Foundation
import QuireContent
import QuireGit
import Synchronization

/// Apostrophe's advisory locks (`doc/index.js` `lock`/`unlock`): an editor's tab asks others
/// not to edit a document while its editor is open. A PATCH or PUT with
/// `_advisoryLock: {tabId, lock: true}` takes (or refreshes) the lock before anything else in
/// it is applied, and fails with `409 locked` while another tab holds it (`data.me: true` when
/// that tab is the same person's, else the holder's `username` and `title`); `force: true`
/// takes it anyway; `lock: false` releases it after the rest of the body is applied. A lock not
/// refreshed for 15 seconds (Apostrophe's `advisoryLockTimeout`) lapses. Locks say who is
/// editing, not what the content is: they live in the server's memory, never in git.
final class AposLocks: Sendable {
    struct Holder: Sendable {
        var tabId: String
        var username: String
        var title: String
        var updatedAt: Date
    }

    /// What a body's `_advisoryLock` asks.
    struct Request: Sendable, Equatable {
        var tabId: String
        var lock: Bool
        var force: Bool

        /// nil without `_advisoryLock`; a value Quire cannot use is a 400, never ignored.
        init?(_ body: OrderedObject) throws(AposError) {
            guard let raw = body["_advisoryLock"] else { return nil }
            guard case .object(let object) = raw else { throw AposParameters.badValue("_advisoryLock", "expected {tabId, lock}") }
            guard case .string(let tabId)? = object["tabId"], !tabId.isEmpty else { throw AposParameters.badValue("_advisoryLock", "tabId is required") }
            self.tabId = tabId
            lock = try Self.flag(object["lock"], "lock")
            force = try Self.flag(object["force"], "force")
        }

        private static func flag(_ value: Value?, _ name: String) throws(AposError) -> Bool {
            switch value {
            case nil, .null?: return false
            case .bool(let flag)?: return flag
            case .string(let text)? where ["true", "1", "on", "yes"].contains(text): return true
            case .string(let text)? where ["false", "0", "off", "no", ""].contains(text): return false
            case .int(let number)?: return number != 0
            default: throw AposParameters.badValue("_advisoryLock", "\(name) must be a boolean")
            }
        }
    }

    static let timeout: TimeInterval = 15
    static let pruneAbove = 1024

    private let table = Mutex<[String: Holder]>([:])

    /// Takes or refreshes `key` for the request's tab.
    func lock(_ key: String, _ request: Request, by principal: Principal, now: Date = Date()) throws(AposError) {
        let (username, title) = Self.names(principal)
        let refusal: AposError? = table.withLock { table in
            if let held = table[key], !request.force, held.tabId != request.tabId, now.timeIntervalSince(held.updatedAt) < Self.timeout {
                return held.username == username
                    ? AposError("locked", data: ["me": .bool(true)])
                    : AposError("locked", data: ["title": .string(held.title), "username": .string(held.username)])
            }
            // Lapsed locks are forgotten now and then, so the table holds only live ones.
            if table.count >= Self.pruneAbove { table = table.filter { now.timeIntervalSince($0.value.updatedAt) < Self.timeout } }
            table[key] = Holder(tabId: request.tabId, username: username, title: title, updatedAt: now)
            return nil
        }
        if let refusal { throw refusal }
    }

    /// Releases `key` if this tab holds it; nothing happens otherwise.
    func unlock(_ key: String, tabId: String) {
        table.withLock { table in
            if table[key]?.tabId == tabId { table[key] = nil }
        }
    }

    /// Runs a write under the body's lock request: locks first, unlocks after a `lock: false` write.
    /// The body's own `_advisoryLock` and those of its `_patches` items, in order.
    func around<T>(_ key: String, body: OrderedObject, principal: Principal, _ write: () async throws -> T) async throws -> T {
        var requests: [Request] = []
        if case .array(let patches)? = body["_patches"] {
            for case .object(let patch) in patches { if let request = try Request(patch) { requests.append(request) } }
        }
        if let request = try Request(body) { requests.append(request) }
        for request in requests where request.lock { try lock(key, request, by: principal) }
        let result = try await write()
        for request in requests where !request.lock { unlock(key, tabId: request.tabId) }
        return result
    }

    /// A body that only asks for a lock changes nothing else (Apostrophe skips the update).
    static func onlyLocks(_ body: OrderedObject) -> Bool {
        body["_advisoryLock"] != nil && body.keys.allSatisfy { $0 == "_advisoryLock" }
    }

    private static func names(_ principal: Principal) -> (username: String, title: String) {
        switch principal {
        case .user(let user): (user.username, user.displayName ?? user.username)
        default: (principal.signature.name, principal.signature.name)
        }
    }
}
