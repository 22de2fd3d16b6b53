import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `render-areas=1|inline` on piece and page reads, as Apostrophe's `renderDocsAreas`.
@Suite struct AposRenderAreasTests {
    static let files = aposPageFiles.merging([
        "content/en/page/about.yaml": """
            title: About
            slug: about
            parent: home
            rank: 1
            body:
              _id: a1
              items:
              - { _id: w1, type: '@apostrophecms/rich-text', content: '<p>Hello <script>alert(1)</script><b>you</b></p>' }
              - { _id: w2, type: video, url: 'https://example.com/v' }
            """,
    ]) { $1 }

    @Test func wholeAreasBecomeSanitisedHTML() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        let expected: Value = "<div class=\"apos-area\"><div data-rich-text><p>Hello <b>you</b></p></div></div>"
        try await site.test { client async throws in
            for uri in ["/api/v1/page/about?render-areas=1", "/api/v1/@apostrophecms/page/about:en:published?render-areas=true"] {
                let page = try await client.apos(.get, uri, token: token)
                #expect(page.status == .ok, "\(page.text)")
                let body = try page.json["body"]
                #expect(body?["_rendered"] == expected, "\(uri): \(page.text)")
                #expect(body?["items"] == nil, "\(uri)")
                #expect(body?["metaType"] == "area")
            }
            let list = try await client.apos(.get, "/api/v1/page?render-areas=1&title=About", token: token).json
            #expect(list["results"]?[0]?["body"]?["_rendered"] == expected)
            // The page tree's neighbours are not rendered, as in Apostrophe (only the document's own areas).
            let team = try await client.apos(.get, "/api/v1/@apostrophecms/page/team?render-areas=1", token: token).json
            #expect(team["_ancestors"]?[1]?["title"] == "About")
            let plain = try await client.apos(.get, "/api/v1/page/about", token: token).json
            #expect(plain["body"]?["items"]?.array.count == 2, "without the parameter areas stay data")
            #expect(plain["body"]?["_rendered"] == nil)
            let off = try await client.apos(.get, "/api/v1/page/about?render-areas=0", token: token).json
            #expect(off["body"]?["_rendered"] == nil)
        }
    }

    @Test func inlineRendersEachWidgetBesideItsData() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let page = try await client.apos(.get, "/api/v1/page/about?render-areas=inline", token: token)
            let items = try page.json["body"]?["items"]?.array ?? []
            #expect(items.count == 2, "\(page.text)")
            #expect(items.first?["_rendered"] == "<div data-rich-text><p>Hello <b>you</b></p></div>")
            #expect(items.first?["content"] == "<p>Hello <b>you</b></p>")
            #expect(items.last?["_rendered"] == "", "no template for a video widget: rendered as nothing")
            #expect(items.last?["url"] == "https://example.com/v")
            // A write's HTML is kept to the policy too, so what renders is always sanitised.
            let patched = try await client.apos(.patch, "/api/v1/page/about:en:published", token: token,
                                                json: #"{"body.items.0.content":"<p onclick=\"x()\">Hi <a href=\"javascript:x()\">there</a></p>"}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            let after = try await client.apos(.get, "/api/v1/page/about?render-areas=1", token: token).json
            #expect(after["body"]?["_rendered"] == "<div class=\"apos-area\"><div data-rich-text><p>Hi <a>there</a></p></div></div>")
        }
    }

    @Test func routesThatDoNotRenderAreasRefuseTheParameter() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            try expectAposError(try await client.apos(.get, "/api/v1/@apostrophecms/page?render-areas=1", token: token), .badRequest, name: "invalid")
            try expectAposError(try await client.apos(.get, "/api/v1/@apostrophecms/page?type=page&render-areas=1", token: token), .badRequest, name: "invalid")
            try expectAposError(try await client.apos(.get, "/api/v1/page/about?render-areas=maybe", token: token), .badRequest, name: "invalid")
        }
    }
}
