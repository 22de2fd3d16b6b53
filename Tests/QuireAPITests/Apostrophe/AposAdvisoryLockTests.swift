import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
@testable import QuireAPI
import Testing

/// `_advisoryLock` on PATCH and PUT, and `revert-published-to-previous`.
@Suite struct AposAdvisoryLockTests {
    static let article = "/api/v1/article/first-post:en:draft"

    @Test func anotherEditorsLockIsAConflictUntilReleasedForcedOrLapsed() async throws {
        let site = try await AuthSite.make()
        try await site.addUser("ada", role: "editor", name: "Ada Lovelace")
        try await site.addUser("bob", role: "editor", name: "Bob")
        try await site.test { client async throws in
            let ada = try await client.apostropheLogin("ada")
            let bob = try await client.apostropheLogin("bob")
            let taken = try await client.apos(.patch, Self.article, token: ada, json: #"{"_advisoryLock":{"tabId":"ada-1","lock":true}}"#)
            #expect(taken.status == .ok, "\(taken.text)")
            // Refreshing from the same tab, with changes, is fine.
            let refreshed = try await client.apos(.patch, Self.article, token: ada, json: #"{"_advisoryLock":{"tabId":"ada-1","lock":true},"views":5}"#)
            #expect(refreshed.status == .ok, "\(refreshed.text)")

            let refused = try await client.apos(.patch, Self.article, token: bob, json: #"{"_advisoryLock":{"tabId":"bob-1","lock":true},"views":6}"#)
            try expectAposError(refused, .conflict, name: "locked")
            #expect(try refused.json["data"]?["username"] == "ada", "\(refused.text)")
            #expect(try refused.json["data"]?["title"] == "Ada Lovelace")
            let draft = try site.base.git("show", "drafts/en/article/first-post:content/en/article/first-post.yaml")
            #expect(draft.contains("views: 5"), "nothing of the refused patch was applied: \(draft)")
            // Locks lapse after 15 s: on a busy machine the checks above can take that long.
            #expect(try await client.apos(.patch, Self.article, token: ada, json: #"{"_advisoryLock":{"tabId":"ada-1","lock":true}}"#).status == .ok)
            let sameUser = try await client.apos(.put, Self.article, token: ada, json: #"{"_advisoryLock":{"tabId":"ada-2","lock":true},"title":"T"}"#)
            try expectAposError(sameUser, .conflict, name: "locked")
            #expect(try sameUser.json["data"]?["me"] == true)

            // Releasing after the last change; then Bob may take it.
            let released = try await client.apos(.patch, Self.article, token: ada, json: #"{"_advisoryLock":{"tabId":"ada-1","lock":false},"views":7}"#)
            #expect(released.status == .ok, "\(released.text)")
            let bobs = try await client.apos(.patch, Self.article, token: bob, json: #"{"_advisoryLock":{"tabId":"bob-1","lock":true}}"#)
            #expect(bobs.status == .ok, "\(bobs.text)")
            let forced = try await client.apos(.patch, Self.article, token: ada, json: #"{"_advisoryLock":{"tabId":"ada-3","lock":true,"force":true}}"#)
            #expect(forced.status == .ok, "\(forced.text)")
            try expectAposError(try await client.apos(.patch, Self.article, token: bob, json: #"{"_advisoryLock":{"tabId":"bob-1","lock":true}}"#), .conflict, name: "locked")

            let notAnObject = try await client.apos(.patch, Self.article, token: bob, json: #"{"_advisoryLock":"yes"}"#)
            try expectAposError(notAnObject, .badRequest, name: "invalid")
            try expectAposError(try await client.apos(.patch, Self.article, token: bob, json: #"{"_advisoryLock":{"lock":true}}"#), .badRequest, name: "invalid")
        }
    }

    @Test func aLockLapsesAfterFifteenSeconds() throws {
        let locks = AposLocks()
        let request = try #require(try AposLocks.Request(["_advisoryLock": .object(["tabId": "a", "lock": true])]))
        let other = try #require(try AposLocks.Request(["_advisoryLock": .object(["tabId": "b", "lock": true])]))
        let start = Date()
        try locks.lock("k", request, by: .anonymous, now: start)
        #expect(throws: AposError.self) { try locks.lock("k", other, by: .token(name: "x", access: .fullAccess), now: start.addingTimeInterval(14)) }
        try locks.lock("k", other, by: .token(name: "x", access: .fullAccess), now: start.addingTimeInterval(16))
    }

    @Test func revertPublishedToPreviousUndoesTheLastPublishOnce() async throws {
        let site = try await TestSite.make(files: aposPageFiles)
        let token = site.fullToken
        try await site.test { client async throws in
            let base = "/api/v1/article/first-post"
            _ = try await client.apos(.patch, "\(base):en:draft", token: token, json: #"{"title":"Second"}"#)
            _ = try await client.apos(.patch, "\(base):en:draft", token: token, json: #"{"title":"Third"}"#)
            let published = try await client.apos(.post, "\(base):en:draft/publish", token: token)
            #expect(published.status == .ok, "\(published.text)")
            let reverted = try await client.apos(.post, "\(base):en:published/revert-published-to-previous", token: token)
            #expect(reverted.status == .ok, "\(reverted.text)")
            #expect(try reverted.json["title"] == "First post", "never-published draft steps are skipped: \(reverted.text)")
            #expect(try site.git("show", "main:content/en/article/first-post.yaml").contains("title: First post"))
            let draft = try await client.apos(.get, "\(base):en:draft", token: token)
            #expect(try draft.json["title"] == "Third", "the draft is left as it is")
            #expect(try draft.json["modified"] == true)
            try expectAposError(try await client.apos(.post, "\(base):en:published/revert-published-to-previous", token: token), .badRequest, name: "invalid")

            // A published-mode write is undone the same way; so is a page, at its documented path.
            _ = try await client.apos(.patch, "/api/v1/@apostrophecms/page/about:en:published", token: token, json: #"{"title":"About us"}"#)
            let page = try await client.apos(.post, "/api/v1/@apostrophecms/page/about:en:published/revert-published-to-previous", token: token)
            #expect(page.status == .ok, "\(page.text)")
            #expect(try page.json["title"] == "About", "\(page.text)")
            // A document never published before its last change has nothing to go back to.
            let created = try await client.apos(.post, "/api/v1/article", token: token, json: #"{"title":"New"}"#)
            let id = try created.json["aposDocId"]?.stringValue ?? ""
            try expectAposError(try await client.apos(.post, "/api/v1/article/\(id):en:published/revert-published-to-previous", token: token), .badRequest, name: "invalid")
        }
    }
}
