import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

@Suite struct AposI18nTests {
    @Test func localesAreQuireYamls() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            let response = try await client.apos(.get, "/api/v1/@apostrophecms/i18n/locales")
            #expect(response.status == .ok, "public, as in Apostrophe")
            #expect(try response.json == .object([
                "en": .object(["label": "English", "direction": "ltr", "_edit": true]),
                "fr": .object(["label": "French", "direction": "ltr", "_edit": true, "prefix": "/fr"]),
            ]))
        }
    }

    @Test func localeSwitcherReadsTheBody() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            let french = try await client.apos(.post, "/api/v1/@apostrophecms/i18n/locale", json: #"{"locale":"fr","contextDocId":"first-post:en:published"}"#)
            #expect(try french.json == .object(["redirectTo": "/fr/"]))
            let english = try await client.apos(.post, "/api/v1/@apostrophecms/i18n/locale", json: #"{"locale":"en"}"#)
            #expect(try english.json == .object(["redirectTo": "/"]))
            try expectAposError(
                try await client.apos(.post, "/api/v1/@apostrophecms/i18n/locale?locale=fr", json: "{}"), .badRequest, name: "invalid")
        }
    }

    @Test func existInLocale() async throws {
        let site = try await TestSite.make(files: [
            "content/fr/article/first-post.yaml": "title: Premier\n",
            "content/en/article/second.yaml": "title: Second\n",
        ])
        let token = site.fullToken
        try await site.test { client async throws in
            let body = #"{"ids":["first-post:en:published","second:en:published","ghost"],"locale":"fr"}"#
            let response = try await client.apos(.post, "/api/v1/@apostrophecms/i18n/exist-in-locale", token: token, json: body)
            #expect(response.status == .ok)
            #expect(try response.json == .object([
                "originalLocaleIds": ["first-post:en:published"], "newLocaleIds": ["first-post:fr:published"], "aposDocIds": ["first-post"],
            ]))
            let drafts = try await client.apos(
                .post, "/api/v1/@apostrophecms/i18n/exist-in-locale", token: token, json: #"{"ids":["ada","travel"],"locale":"en","mode":"draft"}"#)
            #expect(try drafts.json["newLocaleIds"] == .array(["ada", "travel:en:published"]), "types without drafts have published records only")
            try expectAposError(
                try await client.apos(.post, "/api/v1/@apostrophecms/i18n/exist-in-locale", json: body), .notFound, name: "notfound")
            try expectAposError(
                try await client.apos(.post, "/api/v1/@apostrophecms/i18n/exist-in-locale", token: token, json: #"{"ids":[],"locale":"xx"}"#),
                .badRequest, name: "invalid")
        }
    }
}
