import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Apostrophe's `url`, `color` and `range` field types in a schema.
@Suite struct AposFieldTypeTests {
    static let files: [String: String] = [
        "schemas/banner.yaml": """
            kind: collectionType
            info: { singularName: banner, pluralName: banners, displayName: Banner }
            attributes:
              title: { type: string, required: true }
              link: { type: url }
              tint: { type: color }
              opacity: { type: range, min: 0, max: 1, step: 0.1 }
            """,
    ]

    @Test func valuesAreCheckedAsApostropheChecksThemInBothDialects() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let good = try await client.apos(.post, "/api/v1/banner", token: token,
                                             json: ##"{"title":"Sale","link":"https://example.com/sale?x=1","tint":"#ff8800","opacity":0.5}"##)
            #expect(good.status == .ok, "\(good.text)")
            #expect(try good.json["link"] == "https://example.com/sale?x=1")
            #expect(try good.json["opacity"] == .double(0.5))
            for color in ["#fff", "rgba(0, 0, 0, 0.5)", "hsl(120 50% 50%)", "rebeccapurple"] {
                let response = try await client.apos(.post, "/api/v1/banner", token: token, json: ##"{"title":"C","tint":"\##(color)"}"##)
                #expect(response.status == .ok, "\(color): \(response.text)")
            }
            for url in ["/about", "mailto:a@b.co", "#top", ""] {
                let response = try await client.apos(.post, "/api/v1/banner", token: token, json: ##"{"title":"U","link":"\##(url)"}"##)
                #expect(response.status == .ok, "\(url): \(response.text)")
            }
            for body in [#"{"title":"X","link":"javascript:alert(1)"}"#, #"{"title":"X","link":"not a url"}"#,
                         ##"{"title":"X","tint":"#12"}"##, #"{"title":"X","opacity":2}"#] {
                try expectAposError(try await client.apos(.post, "/api/v1/banner", token: token, json: body), .badRequest, name: "invalid")
            }
            let strapi = try await client.send(.post, "/api/banners", token: token, json: #"{"data":{"title":"S","link":"javascript:x"}}"#)
            #expect(strapi.status == .badRequest, "\(strapi.text)")
        }
    }
}
