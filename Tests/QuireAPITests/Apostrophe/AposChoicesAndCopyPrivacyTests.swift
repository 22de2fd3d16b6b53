import Foundation
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Two more ways a piece list or write could show what a caller may not read: a
/// relationship's `choices` (the related titles and slugs) and a duplicate (`_copyingId`) of a
/// document whose draft it may not see.
@Suite struct AposChoicesAndCopyPrivacyTests {
    @Test func relationshipChoicesOfferOnlyDocumentsTheCallerMayRead() async throws {
        let site = try await AuthSite.make()
        let token = try await site.token(name: "articles", access: .custom, permissions: ["article": ["find", "findOne"]])
        try await site.test { client async throws in
            let full = try await client.apos(.get, "/api/v1/article?choices=_author,author", token: site.base.fullToken)
            #expect(try full.json["choices"]?["_author"]?[0]?["label"] == "Ada Lovelace", "\(full.text)")
            let restricted = try await client.apos(.get, "/api/v1/article?choices=_author,author&counts=_author", token: token)
            #expect(restricted.status == .ok, "\(restricted.text)")
            #expect(try restricted.json["counts"]?["_author"] == .array([]), "\(restricted.text)")
            let choices = try await client.apos(.get, "/api/v1/article?choices=_author,author", token: token)
            #expect(try choices.json["choices"]?["_author"] == .array([]) && choices.json["choices"]?["author"] == .array([]), "\(choices.text)")
        }
    }

    @Test func aDuplicateNeverCopiesADraftTheCallerMayNotSee() async throws {
        let site = try await AuthSite.make()
        let token = try await site.token(name: "copier", access: .custom, permissions: ["article": ["find", "findOne", "create", "publish"]])
        try await site.test { client async throws in
            let draft = try await client.apos(.patch, "/api/v1/article/first-post:en:draft", token: site.base.fullToken, json: #"{"title":"Secret plan"}"#)
            #expect(draft.status == .ok, "\(draft.text)")
            let copy = try await client.apos(.post, "/api/v1/article", token: token, json: #"{"_copyingId":"first-post:en:draft"}"#)
            #expect(copy.status == .ok, "\(copy.text)")
            #expect(try copy.json["title"] == "First post", "the published document's, not the draft's: \(copy.text)")
            // Whoever may see drafts copies the draft.
            let editor = try await client.apos(.post, "/api/v1/article", token: site.base.fullToken, json: #"{"_copyingId":"first-post"}"#)
            #expect(try editor.json["title"] == "Secret plan", "\(editor.text)")
        }
    }
}
