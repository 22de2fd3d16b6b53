import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Apostrophe's `checkboxes` and `oembed` field types, in both dialects, files and schemas.
@Suite struct AposStructuredFieldTests {
    static let files: [String: String] = [
        "schemas/venue.yaml": """
            kind: collectionType
            info: { singularName: venue, pluralName: venues, displayName: Venue }
            attributes:
              name: { type: string, required: true }
              features:
                type: checkboxes
                choices: [{ label: Wifi, value: wifi }, { label: Parking, value: parking }, { label: Garden, value: garden }]
              video: { type: oembed }
            """,
        "content/en/venue/hall.yaml": """
            name: Hall
            features: [wifi, garden]
            video: { url: 'https://www.youtube.com/watch?v=abc', title: Tour }
            """,
    ]

    @Test func valuesAreCheckedOnEveryWayIn() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let hall = try await client.apos(.get, "/api/v1/venue/hall", token: token)
            #expect(try hall.json["features"] == .array(["wifi", "garden"]), "\(hall.text)")
            #expect(try hall.json["video"]?["title"] == "Tour")
            let made = try await client.apos(.post, "/api/v1/venue", token: token, json: """
                {"name":"Barn","features":["parking"],"video":{"url":"https://vimeo.com/1","thumbnail":"https://i.vimeocdn.com/1.jpg"}}
                """)
            #expect(made.status == .ok, "\(made.text)")
            for bad in [#"{"name":"X","features":["pool"]}"#, #"{"name":"X","features":["wifi","wifi"]}"#, #"{"name":"X","features":"wifi"}"#,
                        #"{"name":"X","video":{"url":"javascript:alert(1)"}}"#, #"{"name":"X","video":{"url":"https://a.b/c","html":"<script>"}}"#,
                        #"{"name":"X","video":"https://a.b/c"}"#] {
                try expectAposError(try await client.apos(.post, "/api/v1/venue", token: token, json: bad), .badRequest, name: "invalid")
            }
            let strapi = try await client.send(.post, "/api/venues", token: token, json: #"{"data":{"name":"Y","features":["pool"]}}"#)
            #expect(strapi.status == .badRequest, "\(strapi.text)")
            let strapiOK = try await client.send(.post, "/api/venues", token: token, json: #"{"data":{"name":"Y","features":["garden"],"video":{"url":"http://x.io/v"}}}"#)
            #expect(strapiOK.status == .created || strapiOK.status == .ok, "\(strapiOK.text)")

            // Apostrophe's filter: any of the values asked.
            let garden = try await client.apos(.get, "/api/v1/venue?features=garden", token: token)
            #expect(try garden.json["results"]?.array.compactMap { $0["name"]?.stringValue }.sorted() == ["Hall", "Y"], "\(garden.text)")
            try expectAposError(try await client.apos(.get, "/api/v1/venue?features=pool", token: token), .badRequest, name: "invalid")
            let counts = try await client.apos(.get, "/api/v1/venue?counts=features", token: token)
            #expect(try counts.json["counts"]?["features"] == .array([
                .object(["label": "wifi", "value": "wifi", "count": 1]), .object(["label": "parking", "value": "parking", "count": 1]),
                .object(["label": "garden", "value": "garden", "count": 2]),
            ]), "\(counts.text)")
            try expectAposError(try await client.apos(.get, "/api/v1/venue?video=x", token: token), .badRequest, name: "invalid")

            // The schemas say the same.
            let openapi = try await client.send(.get, "/api/openapi.json", token: token)
            #expect(openapi.text.contains("\"uniqueItems\":true"), "checkboxes in the OpenAPI document")
        }
    }

    @Test func filesAreCheckedToo() {
        let schema = SiteSchema.load(files: Self.files.filter { $0.key.hasPrefix("schemas/") }.map { (path: $0.key, bytes: Array($0.value.utf8)) })
        #expect(schema.problems.isEmpty, "\(schema.problems)")
        #expect(schema.contentType(singular: "venue")?.attribute(named: "features")?.type == .checkboxes(["wifi", "parking", "garden"]))
        #expect(schema.contentType(singular: "venue")?.attribute(named: "video")?.type == .oembed)
        let venue = schema.contentType(singular: "venue")!
        let codec = DocumentCodec(schema: schema)
        let good = codec.decode(Array(Self.files["content/en/venue/hall.yaml"]!.utf8), format: .yaml, type: venue, path: "hall.yaml")
        #expect(good.problems.isEmpty, "\(good.problems)")
        let bad = codec.decode(Array("name: B\nfeatures: [pool]\nvideo: { url: 'ftp://x' }\n".utf8), format: .yaml, type: venue, path: "b.yaml")
        #expect(bad.problems.count == 2, "\(bad.problems)")
        let json = String(decoding: JSON.encode(DocumentFileSchema(schema: schema).document(for: venue)), as: UTF8.self)
        #expect(json.contains("\"uniqueItems\":true") && json.contains("\"required\":[\"url\"]"), "\(json)")
    }
}
