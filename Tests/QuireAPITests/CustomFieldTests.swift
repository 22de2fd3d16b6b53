import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Strapi `customField` attributes load as the type they store, so the type around them serves.
@Suite struct CustomFieldTests {
    static let files: [String: String] = [
        "schemas/swatch.yaml": """
            kind: collectionType
            info: { singularName: swatch, pluralName: swatches, displayName: Swatch }
            attributes:
              name: { type: string }
              color: { type: customField, customField: plugin::color-picker.color, options: { format: hex } }
              rating: { type: customField, customField: plugin::star-rating.rating }
            """,
        "content/en/swatch/red.yaml": "name: Red\ncolor: '#ff0000'\nrating: { stars: 4 }\n",
    ]

    @Test func servedAsTheirUnderlyingTypeInBothDialects() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let strapi = try await client.send(.get, "/api/swatches/red", token: token)
            #expect(strapi.status == .ok, "the type is served: \(strapi.text)")
            #expect(try strapi.json["data"]?["color"] == .string("#ff0000"))
            #expect(try strapi.json["data"]?["rating"]?["stars"] == .int(4), "an unknown custom field is kept as written")
            let apos = try await client.apos(.get, "/api/v1/swatch/red", token: token)
            #expect(try apos.json["color"] == .string("#ff0000"))
            // The color picker stores a string: a number is refused as for any string attribute.
            let wrong = try await client.send(.put, "/api/swatches/red", token: token, json: #"{"data":{"color":255}}"#)
            #expect(wrong.status == .badRequest, "\(wrong.text)")
            let health = try await client.send(.get, "/_health", token: token)
            #expect(try health.json["problemCount"] == .int(0), "\(health.text)")
        }
    }
}
