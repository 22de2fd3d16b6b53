import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

@Suite struct AposPieceWriteTests {
    @Test func createReplaceAndDeleteThroughGit() async throws {
        let site = try await TestSite.make(files: ["content/en/author/bob.yaml": "name: Bob\n"])
        let token = site.fullToken
        try await site.test { client async throws in
            let created = try await client.apos(
                .post, "/api/v1/article", token: token,
                json: #"{"title":"Crème brûlée","views":2,"_author":[{"_id":"ada:en:published"}],"_tags":["travel","ghost"],"type":"ignored","_id":"ignored"}"#)
            #expect(created.status == .ok, "Apostrophe answers 200 on create")
            let doc = try created.json
            let id = try #require(doc["aposDocId"]?.stringValue)
            #expect(doc["_id"] == .string("\(id):en:published"))
            #expect(doc["slug"] == .string("creme-brulee"), "a missing slug comes from the title")
            #expect(doc["authorIds"] == .array(["ada"]))
            #expect(doc["tagsIds"] == .array(["travel"]), "related documents that do not exist are dropped")
            #expect(try site.git("log", "-1", "--format=%an|%s", "main") == "editor|Create article/\(id) (en)\n")
            let file = try site.git("show", "main:content/en/article/\(id).yaml")
            #expect(file == "title: Crème brûlée\nslug: creme-brulee\nviews: 2\nauthor: ada\ntags:\n- travel\n")

            let again = try await client.apos(.post, "/api/v1/article", token: token, json: #"{"title":"Crème Brûlée"}"#)
            #expect(try again.json["slug"] == .string("creme-brulee-2"), "a taken slug gets a number")

            let replaced = try await client.apos(.put, "/api/v1/article/\(id):en:published", token: token, json: #"{"title":"Flan","category":"guide"}"#)
            #expect(replaced.status == .ok)
            let after = try replaced.json
            #expect(after["title"] == .string("Flan"))
            #expect(after["views"] == .null, "PUT replaces: fields left out are emptied")
            #expect(after["authorIds"] == .array([]))
            #expect(after["slug"] == .string("creme-brulee"), "the slug is kept when the body has none")

            let invalid = try await client.apos(.put, "/api/v1/article/\(id)", token: token, json: #"{"views":-1}"#)
            try expectAposError(invalid, .badRequest, name: "invalid")
            let errors = try invalid.json["data"]?["errors"]?.array ?? []
            #expect(errors.contains { $0["name"] == .string("required") && $0["path"] == .string("title") && $0["code"] == .int(422) })
            #expect(errors.contains { $0["name"] == .string("min") && $0["path"] == .string("views") && $0["code"] == .int(400) })
            try expectAposError(
                try await client.apos(.post, "/api/v1/article", token: token, json: #"{"title":"\#(String(repeating: "x", count: 41))"}"#),
                .badRequest, name: "invalid")
            try expectAposError(try await client.apos(.post, "/api/v1/article", token: token, json: "[1"), .badRequest, name: "invalid")
            try expectAposError(
                try await client.apos(.post, "/api/v1/article", token: token, json: #"{"title":"x","_author":["ada","bob"]}"#),
                .badRequest, name: "invalid")
            try expectAposError(try await client.apos(.put, "/api/v1/article/nope", token: token, json: #"{"title":"x"}"#), .notFound, name: "notfound")

            let deleted = try await client.apos(.delete, "/api/v1/article/\(id):en:draft", token: token)
            #expect(deleted.status == .ok)
            #expect(deleted.body.readableBytes == 0)
            try expectAposError(try await client.apos(.get, "/api/v1/article/\(id)", token: token), .notFound, name: "notfound")
            try expectAposError(try await client.apos(.delete, "/api/v1/article/\(id)", token: token), .notFound, name: "notfound")
            _ = try site.git("fsck", "--strict")
        }
    }

    @Test func draftPublishUnpublishAndRevert() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let draft = try await client.apos(.post, "/api/v1/article?aposMode=draft", token: token, json: #"{"title":"Soon"}"#).json
            let id = try #require(draft["aposDocId"]?.stringValue)
            #expect(draft["_id"] == .string("\(id):en:draft"))
            #expect(draft["modified"] == .bool(true))
            #expect(draft["lastPublishedAt"] == .null)
            try expectAposError(try await client.apos(.get, "/api/v1/article/\(id)", token: token), .notFound, name: "notfound")
            #expect(try site.git("branch", "--list", "drafts/en/article/\(id)").contains(id))

            let published = try await client.apos(.post, "/api/v1/article/\(id):en:draft/publish", token: token)
            #expect(published.status == .ok)
            #expect(try published.json["_id"] == .string("\(id):en:draft"), "publish answers the draft")
            #expect(try published.json["modified"] == .bool(false))
            #expect(try published.json["lastPublishedAt"]?.stringValue != nil)
            #expect(try await client.apos(.get, "/api/v1/article/\(id)", token: token).status == .ok)
            #expect(try await client.apos(.post, "/api/v1/article/\(id)/publish", token: token).status == .ok, "nothing left to publish is fine")

            // A published-mode edit changes the published record and leaves the pending draft alone.
            let edited = try await client.apos(.patch, "/api/v1/article/\(id):en:draft", token: token, json: #"{"title":"Sooner"}"#)
            #expect(try edited.json["modified"] == .bool(true))
            let draftTip = try site.tip("drafts/en/article/\(id)")
            let live = try await client.apos(.patch, "/api/v1/article/\(id):en:published", token: token, json: #"{"views":1}"#)
            #expect(live.status == .ok, "\(live.text)")
            #expect(try live.json["views"] == .int(1))
            #expect(try live.json["title"] == .string("Soon"), "the draft's title stays in the draft")
            #expect(try site.tip("drafts/en/article/\(id)") == draftTip, "the draft branch is untouched")
            #expect(try await client.apos(.get, "/api/v1/article/\(id):en:draft", token: token).json["title"] == .string("Sooner"))
            #expect(try site.parents("main").count == 1, "an update of main, not a merge of the draft")
            let reverted = try await client.apos(.post, "/api/v1/article/\(id):en:draft/revert-draft-to-published", token: token)
            #expect(try reverted.json["title"] == .string("Soon"))
            #expect(try reverted.json["modified"] == .bool(false))
            let nothing = try await client.apos(.post, "/api/v1/article/\(id)/revert-draft-to-published", token: token)
            #expect(nothing.status == .ok)
            #expect(nothing.text == "false")

            let patchedAndPublished = try await client.apos(
                .patch, "/api/v1/article/\(id):en:draft", token: token, json: #"{"title":"Now","_publish":true}"#)
            #expect(try patchedAndPublished.json["modified"] == .bool(false))
            #expect(try await client.apos(.get, "/api/v1/article/\(id)", token: token).json["title"] == .string("Now"))

            let unpublished = try await client.apos(.post, "/api/v1/article/\(id)/unpublish", token: token)
            #expect(unpublished.status == .ok)
            #expect(try unpublished.json["_id"] == .string("\(id):en:draft"))
            #expect(try unpublished.json["lastPublishedAt"] == .null)
            try expectAposError(try await client.apos(.get, "/api/v1/article/\(id)", token: token), .notFound, name: "notfound")
            try expectAposError(try await client.apos(.post, "/api/v1/article/\(id)/unpublish", token: token), .notFound, name: "notfound")

            // Deleting the published record keeps the draft; deleting the draft removes everything.
            _ = try await client.apos(.post, "/api/v1/article/\(id)/publish", token: token)
            #expect(try await client.apos(.delete, "/api/v1/article/\(id):en:published", token: token).status == .ok)
            #expect(try await client.apos(.get, "/api/v1/article/\(id):en:draft", token: token).status == .ok)
            #expect(try await client.apos(.delete, "/api/v1/article/\(id):en:draft", token: token).status == .ok)
            #expect(try await client.apos(.get, "/api/v1/article/\(id):en:draft", token: token).status == .notFound)
            try expectAposError(try await client.apos(.post, "/api/v1/author/ada/publish", token: token), .badRequest, name: "invalid")
        }
    }

    @Test func localizeAndLocales() async throws {
        let site = try await TestSite.make(files: ["content/fr/tag/voyage.yaml": "name: Voyage\n"])
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.apos(.patch, "/api/v1/article/first-post:en:draft", token: token, json: #"{"_tags":["travel"]}"#)
            let localized = try await client.apos(.post, "/api/v1/article/first-post:en:draft/localize", token: token, json: #"{"toLocale":"fr"}"#)
            #expect(localized.status == .ok)
            let doc = try localized.json
            #expect(doc["_id"] == .string("first-post:fr:draft"))
            #expect(doc["title"] == .string("First post"))
            #expect(doc["authorIds"] == .array(["ada"]), "unlocalized targets stay")
            #expect(doc["tagsIds"] == .array([]), "targets missing in the new locale are dropped")
            #expect(try site.git("branch", "--list", "drafts/fr/article/first-post").contains("first-post"))
            try expectAposError(
                try await client.apos(.post, "/api/v1/article/first-post/localize", token: token, json: #"{"toLocale":"fr"}"#), .conflict, name: "conflict")
            let updated = try await client.apos(.post, "/api/v1/article/first-post/localize", token: token, json: #"{"toLocale":"fr","update":true}"#)
            #expect(updated.status == .ok)
            try expectAposError(
                try await client.apos(.post, "/api/v1/article/first-post/localize", token: token, json: #"{"toLocale":"de"}"#), .badRequest, name: "invalid")
            try expectAposError(
                try await client.apos(.post, "/api/v1/article/first-post/localize", token: token, json: #"{"toLocale":"en"}"#), .badRequest, name: "invalid")

            let locales = try await client.apos(.get, "/api/v1/article/first-post/locales", token: token).json
            #expect(locales == .object(["results": .array([
                .object(["_id": "first-post:en:draft", "aposLocale": "en:draft"]),
                .object(["_id": "first-post:fr:draft", "aposLocale": "fr:draft"]),
            ])]))
            let publicLocales = try await client.apos(.get, "/api/v1/tag/travel/locales").json
            #expect(publicLocales["results"]?.count == 1, "without drafts, published records only")
        }
    }

    @Test func bothDialectsReadWhatTheOtherWrote() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let fromApos = try await client.apos(.post, "/api/v1/article", token: token, json: #"{"title":"From Apostrophe","_author":["ada"]}"#).json
            let aposId = try #require(fromApos["aposDocId"]?.stringValue)
            let strapiView = try await client.send(.get, "/api/articles/\(aposId)?populate=author", token: token).json
            #expect(strapiView["data"]?["title"] == .string("From Apostrophe"))
            #expect(strapiView["data"]?["slug"] == .string("from-apostrophe"))
            #expect(strapiView["data"]?["author"]?["documentId"] == .string("ada"))

            let fromStrapi = try await client.send(.post, "/api/articles", token: token, json: #"{"data":{"title":"From Strapi","slug":"from-strapi","tags":["travel"]}}"#)
            let strapiId = try #require(try fromStrapi.json["data"]?["documentId"]?.stringValue)
            let aposView = try await client.apos(.get, "/api/v1/article/\(strapiId)", token: token).json
            #expect(aposView["title"] == .string("From Strapi"))
            #expect(aposView["_tags"]?[0]?["title"] == .string("Travel"))
        }
    }
}
