import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

let aposGlobalSchema: [String: String] = [
    "schemas/global.yaml": """
        kind: singleType
        info: { singularName: global, pluralName: globals, displayName: Global }
        options: { draftAndPublish: true }
        pluginOptions: { i18n: { localized: true } }
        attributes:
          footer: { type: string }
          contactEmail: { type: email }
          showBanner: { type: boolean, default: true }
        """,
]

/// `@apostrophecms/global`: the `global` single type at Apostrophe's paths.
@Suite struct AposGlobalTests {
    static let base = "/api/v1/@apostrophecms/global"

    @Test func aSiteWithoutAGlobalSchemaAnswersTheFieldlessGlobalAndRefusesWrites() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let list = try await client.apos(.get, Self.base, token: token)
            #expect(list.status == .ok, "\(list.text)")
            let results = try list.json["results"]?.array ?? []
            #expect(results.count == 1)
            #expect(results.first?["_id"] == "global:en:published")
            #expect(results.first?["type"] == "@apostrophecms/global")
            #expect(results.first?["slug"] == "global")
            #expect(results.first?["title"] == "global")
            let one = try await client.apos(.get, "\(Self.base)/global:fr:draft", token: token)
            #expect(one.status == .ok, "\(one.text)")
            #expect(try one.json["aposLocale"] == "fr:draft")
            // Closed by default, as Apostrophe's global without a public projection.
            try expectAposError(try await client.apos(.get, Self.base), .notFound, name: "notfound")
            let patch = try await client.apos(.patch, "\(Self.base)/global:en:draft", token: token, json: #"{"footer":"x"}"#)
            try expectAposError(patch, .badRequest, name: "invalid")
            #expect(patch.text.contains("schemas/global.yaml"))
            try expectAposError(try await client.apos(.get, "\(Self.base)/other:en:draft", token: token), .notFound, name: "notfound")
        }
    }

    @Test func theFirstWriteSavesTheGlobalAndItIsEditedLikeAnySingleType() async throws {
        let site = try await TestSite.make(files: aposGlobalSchema)
        let token = site.fullToken
        try await site.test { client async throws in
            let before = try await client.apos(.get, "\(Self.base)?aposMode=draft", token: token)
            #expect(before.status == .ok, "\(before.text)")
            let unsaved = try before.json["results"]?.array.first
            #expect(unsaved?["showBanner"] == true, "the schema's default: \(before.text)")
            #expect(unsaved?["updatedAt"] == .null)
            #expect(try site.git("ls-tree", "-r", "--name-only", "main").contains("content/en/global") == false, "a read writes nothing")
            // A filter over the unsaved global is refused, not answered as if applied.
            try expectAposError(try await client.apos(.get, "\(Self.base)?footer=x", token: token), .badRequest, name: "invalid")

            let patched = try await client.apos(.patch, "\(Self.base)/global:en:draft", token: token, json: #"{"footer":"© Quire"}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(try patched.json["footer"] == "© Quire")
            #expect(try patched.json["type"] == "@apostrophecms/global")
            let draftFile = try site.git("show", "drafts/en/global/global:content/en/global/global.yaml")
            #expect(draftFile.contains("footer: © Quire") && draftFile.contains("showBanner: true"), "\(draftFile)")

            let published = try await client.apos(.post, "\(Self.base)/global:en:draft/publish", token: token)
            #expect(published.status == .ok, "\(published.text)")
            let live = try await client.apos(.get, Self.base, token: token)
            #expect(try live.json["results"]?.array.first?["footer"] == "© Quire", "\(live.text)")
            #expect(try live.json["results"]?.array.first?["modified"] == false)
            // The same document through Strapi's single-type route.
            let strapi = try await client.send(.get, "/api/global", token: token)
            #expect(strapi.status == .ok, "\(strapi.text)")

            // A published-mode PUT of another locale saves that locale on main at once.
            let french = try await client.apos(.put, "\(Self.base)/global:fr:published", token: token, json: #"{"footer":"© Quire (fr)"}"#)
            #expect(french.status == .ok, "\(french.text)")
            #expect(try site.git("show", "main:content/fr/global/global.yaml").contains("© Quire (fr)"))
            let locales = try await client.apos(.get, "\(Self.base)/global/locales", token: token)
            #expect(try locales.json["results"]?.array.count == 2, "\(locales.text)")

            try expectAposError(try await client.apos(.delete, "\(Self.base)/global:en:draft", token: token), .forbidden, name: "forbidden")
            try expectAposError(try await client.apos(.post, "\(Self.base)/global:en:published/unpublish", token: token), .forbidden, name: "forbidden")
            try expectAposError(try await client.apos(.post, Self.base, token: token, json: #"{"footer":"Second"}"#), .forbidden, name: "forbidden")
            let template = try await client.apos(.post, Self.base, token: token, json: #"{"_newInstance":true}"#)
            #expect(template.status == .ok, "\(template.text)")
            #expect(try template.json["type"] == "@apostrophecms/global")
            #expect(try site.git("show", "main:content/en/global/global.yaml").contains("© Quire"), "still the one global")
            let choices = try await client.apos(.get, "\(Self.base)?choices=footer", token: token)
            #expect(try choices.json["choices"]?["footer"]?.array.first?["value"] == "© Quire", "\(choices.text)")
        }
    }

    @Test func concurrentFirstWritesAreBothKept() async throws {
        let site = try await TestSite.make(files: aposGlobalSchema)
        let token = site.fullToken
        try await site.test { client async throws in
            async let first = client.apos(.patch, "\(Self.base)/global:en:draft", token: token, json: #"{"showBanner":false}"#)
            async let second = client.apos(.patch, "\(Self.base)/global:en:draft", token: token, json: #"{"contactEmail":"a@b.co"}"#)
            let (a, b) = try await (first, second)
            #expect(a.status == .ok, "\(a.text)")
            #expect(b.status == .ok, "\(b.text)")
            let file = try site.git("show", "drafts/en/global/global:content/en/global/global.yaml")
            #expect(file.contains("showBanner: false") && file.contains("contactEmail: a@b.co"), "\(file)\n\(a.text)\n\(b.text)")
        }
    }
}
