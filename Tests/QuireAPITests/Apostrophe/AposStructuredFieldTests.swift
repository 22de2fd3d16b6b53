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

    /// Apostrophe's `select` and `radio`: enumerations whose `choices` labels `choices=` answers,
    /// in Apostrophe's order; dynamic choices (module code) refused with the reason.
    @Test func selectAndRadioChoicesAsApostropheAnswersThem() async throws {
        let site = try await TestSite.make(files: [
            "schemas/event.yaml": """
                kind: collectionType
                info: { singularName: event, pluralName: events, displayName: Event }
                attributes:
                  name: { type: string }
                  level:
                    type: select
                    choices: [{ label: Zeta, value: z }, { label: alpha, value: a }, { label: "10", value: ten }, { label: "9", value: nine }, { label: Unused, value: u }]
                  mood: { type: radio, choices: [{ label: Happy, value: happy }, { label: Calm, value: calm }] }
                  featured: { type: boolean }
                """,
            "schemas/dynamic.yaml": """
                kind: collectionType
                info: { singularName: dynamic, pluralName: dynamics, displayName: Dynamic }
                attributes:
                  sponsor: { type: select, choices: sponsorNames }
                """,
            "content/en/event/e1.yaml": "name: One\nlevel: z\nmood: calm\nfeatured: true\n",
            "content/en/event/e2.yaml": "name: Two\nlevel: a\nmood: happy\n",
            "content/en/event/e3.yaml": "name: Three\nlevel: ten\n",
            "content/en/event/e4.yaml": "name: Four\nlevel: nine\nmood: calm\n",
        ])
        let token = site.fullToken
        try await site.test { client async throws in
            let list = try await client.apos(.get, "/api/v1/event?choices=level,mood", token: token)
            #expect(list.status == .ok, "\(list.text)")
            #expect(try list.json["choices"]?["level"] == .array([
                .object(["label": "9", "value": "nine"]), .object(["label": "10", "value": "ten"]),
                .object(["label": "alpha", "value": "a"]), .object(["label": "Zeta", "value": "z"]),
            ]), "\(list.text)")
            // Booleans as Apostrophe's boolean builder answers them, values the filter takes back.
            let featured = try await client.apos(.get, "/api/v1/event?choices=featured", token: token)
            #expect(try featured.json["choices"]?["featured"] == .array([
                .object(["label": "apostrophe:yes", "value": "1"]), .object(["label": "apostrophe:no", "value": "0"]),
            ]), "\(featured.text)")
            #expect(try await client.apos(.get, "/api/v1/event?featured=1", token: token).json["results"]?.array.count == 1)
            // Filtering by one field narrows the other's choices, not its own.
            let calm = try await client.apos(.get, "/api/v1/event?mood=calm&counts=mood,level", token: token)
            #expect(try calm.json["counts"]?["mood"] == .array([
                .object(["label": "Calm", "value": "calm", "count": 2]), .object(["label": "Happy", "value": "happy", "count": 1]),
            ]), "\(calm.text)")
            #expect(try calm.json["counts"]?["level"]?.array.compactMap { $0["value"]?.stringValue } == ["nine", "z"])
            try expectAposError(try await client.apos(.post, "/api/v1/event", token: token, json: #"{"name":"X","level":"zz"}"#), .badRequest, name: "invalid")
            #expect(try await client.send(.post, "/api/events", token: token, json: #"{"data":{"name":"Y","level":"a","mood":"happy"}}"#).status == .created)

            // Dynamic choices are module code: the schema is reported, the parameter and the route say so.
            let health = try await client.send(.get, "/_health", token: token).text
            #expect(health.contains("need server-side module code"), "\(health)")
            let dynamic = try await client.apos(.get, "/api/v1/event?dynamicChoices=level", token: token)
            try expectAposError(dynamic, .badRequest, name: "invalid")
            #expect(dynamic.text.contains("module"), "\(dynamic.text)")
            for method in [HTTPRequest.Method.get, .post] {
                let route = try await client.apos(method, "/api/v1/@apostrophecms/schema/choices?fieldId=abc", token: token, json: method == .post ? "{}" : nil)
                try expectAposError(route, .badRequest, name: "invalid")
                #expect(route.text.contains("choices=<field>"), "\(route.text)")
            }
        }
    }

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
            // The schema's labels, sorted by label as Apostrophe sorts them.
            #expect(try counts.json["counts"]?["features"] == .array([
                .object(["label": "Garden", "value": "garden", "count": 2]), .object(["label": "Parking", "value": "parking", "count": 1]),
                .object(["label": "Wifi", "value": "wifi", "count": 1]),
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
