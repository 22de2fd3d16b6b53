import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// The requests `@apostrophecms/apostrophe-astro` makes (read from its source:
/// `lib/aposRequest.js`, `lib/aposResponse.js`, `lib/aposPageFetch.js`, `lib/static.js`),
/// replayed header for header against a site whose quire.yaml enables the external front.
@Suite struct AposExternalFrontTests {
    static let key = "s3cret-front-key"
    static let files: [String: String] = AposRenderAreasTests.files.merging(aposGlobalSchema) { $1 }.merging([
        "quire.yaml": """
            locales: [en, fr]
            defaultLocale: en
            permissions:
              public:
                page: [find, findOne]
                global: [find, findOne]
            apostrophe:
              externalFront: { keyFile: front-key }
            """,
        "content/en/global/global.yaml": "footer: Made with care\n",
    ]) { $1 }

    static func site() async throws -> TestSite {
        let site = try await TestSite.make(files: files)
        try writeKey(gitDirectory: site.repository.gitDirectory)
        return site
    }

    /// `keyFile: front-key` for a site's quire.yaml, holding `key`.
    static func writeKey(gitDirectory: String) throws {
        try FileManager.default.createDirectory(atPath: gitDirectory + "/quire", withIntermediateDirectories: true)
        try Data((key + "\n").utf8).write(to: URL(fileURLWithPath: gitDirectory + "/quire/front-key"))
    }

    /// `aposRequest` in SSR: the browser's request cloned, plus the two external front headers.
    static func ssr(key: String = key) -> HTTPFields {
        var headers = HTTPFields()
        headers[.accept] = "text/html,application/xhtml+xml"
        headers[.acceptLanguage] = "en-US,en;q=0.9"
        headers[.userAgent] = "Mozilla/5.0"
        headers[HTTPField.Name("x-requested-with")!] = "AposExternalFront"
        headers[HTTPField.Name("apos-external-front-key")!] = key
        return headers
    }

    /// `authHeaders` of `lib/static.js` (and `aposRequest` in a static build).
    static let staticBuild: HTTPFields = [
        HTTPField.Name("x-requested-with")!: "AposExternalFront",
        HTTPField.Name("apos-external-front-key")!: key,
        HTTPField.Name("x-apos-static-base-url")!: "1",
    ]

    @Test func aPageURLAnswersApostrophesPageData() async throws {
        let site = try await Self.site()
        try await site.test { client async throws in
            let team = try await client.apos(.get, "/about/team", headers: Self.ssr())
            #expect(team.status == .ok, "\(team.text)")
            let data = try team.json
            #expect(data["template"] == "page:page")
            #expect(data["module"] == "page")
            #expect(data["slug"] == "/about/team")
            #expect(data["page"]?["title"] == "Team")
            #expect(data["page"]?["_id"] == "team:en:published")
            #expect(data["page"]?["_ancestors"]?.array.compactMap { $0["slug"]?.stringValue } == ["/", "/about"])
            // Ancestors come with their children, for navigation, as Apostrophe's serve builders ask.
            #expect(data["page"]?["_ancestors"]?[0]?["_children"]?.array.compactMap { $0["slug"]?.stringValue } == ["/about", "/contact"])
            #expect(data["home"]?["slug"] == "/")
            #expect(data["home"]?["_children"]?.array.count == 2)
            #expect(data["global"]?["footer"] == "Made with care")
            #expect(data["global"]?["type"] == "@apostrophecms/global")
            #expect(data["locale"] == "en")
            #expect(data["i18n"]?["direction"] == "ltr")
            #expect(data["aposBodyData"]?["locale"] == "en")
            #expect(data["aposBodyData"]?["scene"] == "public")
            #expect(data["user"] == nil, "no user: Astro picks its run layout")
            #expect(data["prependHead"] == "")
            let locales = data["localizations"]?.array ?? []
            #expect(locales.compactMap { $0["locale"]?.stringValue } == ["en", "fr"])
            #expect(locales[0]["current"] == true)
            #expect(locales[0]["_url"] == "/api/v1/@apostrophecms/page/team:en:published/locale/en")
            #expect(locales[1]["available"] == nil, "Team has no French version")
            #expect(locales[1]["homePageUrl"] == "/fr/")

            let about = try await client.apos(.get, "/about?utm_source=x", headers: Self.ssr()).json
            let area = about["page"]?["body"]
            #expect(area?["metaType"] == "area")
            #expect(area?["items"]?[0]?["metaType"] == "widget")
            #expect(area?["items"]?[0]?["content"] == "<p>Hello <b>you</b></p>")

            let home = try await client.apos(.get, "/", headers: Self.ssr()).json
            #expect(home["page"]?["title"] == "Home")
            #expect(home["page"]?["_ancestors"] == .array([]))
            let french = try await client.apos(.get, "/fr/", headers: Self.ssr()).json
            #expect(french["page"]?["title"] == "Accueil", "\(french)")
            #expect(french["locale"] == "fr")
            #expect(french["aposBodyData"]?["prefix"] == "/fr")
            #expect(french["global"]?["footer"] == .null, "the French global is not saved yet")
            let propos = try await client.apos(.get, "/fr/a-propos", headers: Self.ssr()).json
            #expect(propos["page"]?["title"] == "À propos")
        }
    }

    @Test func unknownURLsAndRedirectsAnswerAsApostropheDoes() async throws {
        let site = try await Self.site()
        try await site.test { client async throws in
            let missing = try await client.apos(.get, "/about/nothing-here", headers: Self.ssr())
            #expect(missing.status == .notFound)
            let data = try missing.json
            #expect(data["template"] == "@apostrophecms/page:notFound", "aposPageFetch sets notFound from this")
            #expect(data["page"] == .null)
            #expect(data["bestPage"]?["slug"] == "/about")
            #expect(data["home"]?["slug"] == "/")

            // Redirects come as JSON for the front to follow (aposPageFetch retries slash-only ones).
            let slash = try await client.apos(.get, "/about/", headers: Self.ssr())
            #expect(slash.status == .ok)
            #expect(try slash.json == .object(["redirect": true, "url": "/about", "status": 302]))
            #expect(try await client.apos(.get, "/fr", headers: Self.ssr()).json["url"] == "/fr/")
            #expect(try await client.apos(.get, "//about", headers: Self.ssr()).json["url"] == "/about")

            // A draft-only page: the public gets 404; a signed-in editor is sent to the draft.
            let draft = try await client.apos(.post, "/api/v1/@apostrophecms/page?aposMode=draft", token: site.fullToken,
                                              json: #"{"type":"page","title":"Soon"}"#)
            #expect(draft.status == .ok, "\(draft.text)")
            #expect(try await client.apos(.get, "/soon", headers: Self.ssr()).status == .notFound)
            var signedIn = Self.ssr()
            signedIn[.authorization] = "Bearer \(site.fullToken)"
            #expect(try await client.apos(.get, "/soon", headers: signedIn).json["url"] == "/soon?aposMode=draft")
            let preview = try await client.apos(.get, "/soon?aposMode=draft", headers: signedIn)
            #expect(try preview.json["page"]?["title"] == "Soon", "\(preview.text)")
            #expect(preview.headers[.cacheControl] == "no-store")
            try expectAposError(try await client.apos(.get, "/soon?aposMode=draft", headers: Self.ssr()), .forbidden, name: "forbidden")
        }
    }

    @Test func theKeyIsCheckedOnEveryExternalFrontRequest() async throws {
        let site = try await Self.site()
        try await site.test { client async throws in
            for path in ["/about", "/api/v1/@apostrophecms/i18n/locales", "/api/v1/@apostrophecms/url"] {
                let wrong = try await client.apos(.get, path, headers: Self.ssr(key: "guess"))
                #expect(wrong.status == .forbidden, "\(path)")
                #expect(wrong.text == "forbidden")
            }
            var missing = Self.ssr()
            missing[HTTPField.Name("apos-external-front-key")!] = nil
            #expect(try await client.apos(.get, "/about", headers: missing).status == .forbidden)
            // Without the external front header a page URL is no route, as before.
            #expect(try await client.apos(.get, "/about").status == .notFound)
            // Writes and API routes pass through with the right key.
            #expect(try await client.apos(.get, "/api/v1/page/about", headers: Self.ssr()).status == .ok)
        }
    }

    @Test func aSiteWithoutAKeyRefusesExternalFronts() async throws {
        let site = try await TestSite.make(files: Self.files)
        try await site.test { client async throws in
            let refused = try await client.apos(.get, "/about", headers: Self.ssr())
            #expect(refused.status == .forbidden, "no .git/quire/front-key: no key matches")
        }
    }

    @Test func aStaticBuildListsLocalesAndPageURLs() async throws {
        let site = try await Self.site()
        try await site.test { client async throws in
            let locales = try await client.apos(.get, "/api/v1/@apostrophecms/i18n/locales", headers: Self.staticBuild)
            #expect(try locales.json["fr"]?["prefix"] == "/fr")
            let english = try await client.apos(.get, "/api/v1/@apostrophecms/url?aposMode=published", headers: Self.staticBuild)
            #expect(english.status == .ok, "\(english.text)")
            let pages = try english.json["pages"]?.array ?? []
            #expect(pages.compactMap { $0["url"]?.stringValue } == ["/", "/about", "/about/team", "/contact"])
            #expect(pages[1]["_id"] == "about:en:published")
            #expect(pages[1]["i18nId"] == "about")
            #expect(pages[1]["type"] == "page")
            #expect(try english.json["attachments"] == .null)
            let french = try await client.apos(.get, "/api/v1/@apostrophecms/url?aposLocale=fr&aposMode=published", headers: Self.staticBuild)
            #expect(try french.json["pages"]?.array.compactMap { $0["url"]?.stringValue } == ["/fr/", "/fr/a-propos"])
            // Each listed URL is then fetched as a page, with the static header.
            let page = try await client.apos(.get, "/fr/a-propos", headers: Self.staticBuild).json
            #expect(page["localizations"]?[1]?["_url"] == "/fr/a-propos", "static builds get real URLs")
            #expect(page["staticUrls"] == true)
            try expectAposError(try await client.apos(.get, "/api/v1/@apostrophecms/url?attachments=1", headers: Self.staticBuild), .badRequest, name: "invalid")
            try expectAposError(try await client.apos(.get, "/api/v1/@apostrophecms/url", token: site.fullToken), .forbidden, name: "forbidden")
        }
    }

    @Test func theKeyItselfIsNeverCommittedToQuireYaml() {
        let committed = SiteConfig.load(Array("apostrophe:\n  externalFront: { key: abc }\n".utf8))
        #expect(committed.config.externalFront == nil)
        #expect(committed.problems.map(\.message).contains { $0.contains("must not be committed") })
        let named = SiteConfig.load(Array("apostrophe:\n  externalFront: { keyEnv: APOS_EXTERNAL_FRONT_KEY }\n".utf8))
        #expect(named.config.externalFront == ExternalFrontConfig(keyEnv: "APOS_EXTERNAL_FRONT_KEY"))
        #expect(named.problems.isEmpty)
    }
}
