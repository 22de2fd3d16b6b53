import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Apostrophe's `relationshipReverse` (and `relationship`) fields in a Quire schema.
@Suite struct AposRelationshipTests {
    static let files: [String: String] = [
        "schemas/author.yaml": """
            kind: collectionType
            info: { singularName: author, pluralName: authors, displayName: Author }
            attributes:
              name: { type: string, required: true }
              articles: { type: relationshipReverse, withType: article, reverseOf: _author }
              books: { type: relationship, withType: tag }
            """,
        "content/en/article/second.yaml": "title: Second post\nslug: second\nauthor: ada\n",
        "content/en/article/other.yaml": "title: Not Ada's\nslug: other\n",
    ]

    @Test func reverseRelationshipsListTheDocumentsLinkingHere() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let ada = try await client.apos(.get, "/api/v1/author/ada", token: token)
            #expect(ada.status == .ok, "\(ada.text)")
            let titles = try ada.json["_articles"]?.array.compactMap { $0["title"]?.stringValue }
            #expect(Set(titles ?? []) == ["First post", "Second post"], "\(ada.text)")
            #expect(try ada.json["articlesIds"] == nil, "a reverse relationship stores nothing on this side")
            #expect(try ada.json["_articles"]?[0]?["_author"] == .array([]), "related documents are one level deep")

            // A new link on the other side shows here at once; the reverse side is never written.
            let third = try await client.apos(.post, "/api/v1/article", token: token, json: #"{"title":"Third","_author":["ada"]}"#)
            #expect(third.status == .ok, "\(third.text)")
            let after = try await client.apos(.get, "/api/v1/author/ada", token: token)
            #expect(try after.json["_articles"]?.array.count == 3)
            let put = try await client.apos(.put, "/api/v1/author/ada", token: token, json: #"{"name":"Ada L.","_articles":[]}"#)
            #expect(put.status == .ok, "\(put.text)")
            #expect(try put.json["_articles"]?.array.count == 3, "ignored on input, as Apostrophe ignores it")
            #expect(try !site.git("show", "main:content/en/author/ada.yaml").contains("articles"))

            // Apostrophe's plain `relationship` is a to-many relation stored as ids.
            let linked = try await client.apos(.patch, "/api/v1/author/ada", token: token, json: #"{"_books":["travel"]}"#)
            #expect(try linked.json["booksIds"] == .array(["travel"]), "\(linked.text)")
            #expect(try linked.json["_books"]?[0]?["name"] == "Travel")
        }
    }

    @Test func aReverseRelationshipNeedsWhatItReverses() {
        let text = """
            kind: collectionType
            info: { singularName: author, pluralName: authors, displayName: Author }
            attributes:
              articles: { type: relationshipReverse, withType: article }
            """
        let schema = SiteSchema.load(files: [(path: "schemas/author.yaml", bytes: Array(text.utf8))])
        #expect(schema.contentType(singular: "author")?.attribute(named: "articles") == nil)
        #expect(schema.problems.contains { $0.message.contains("reverseOf") }, "\(schema.problems)")
    }

    static let withFields: [String: String] = [
        "schemas/article.yaml": """
            kind: collectionType
            info: { singularName: article, pluralName: articles, displayName: Article }
            attributes:
              title: { type: string, required: true }
              tags:
                type: relation
                relation: manyToMany
                target: tag
                fields: { add: { role: { type: string }, weight: { type: integer } } }
            """,
    ]

    @Test func perRelationshipFieldsAreStoredAndAnswered() async throws {
        let site = try await TestSite.make(files: Self.withFields)
        let token = site.fullToken
        try await site.test { client async throws in
            let created = try await client.apos(.post, "/api/v1/article", token: token, json: """
                {"title":"Trip","_tags":[{"_id":"travel:en:published","_fields":{"role":"main","weight":2}},{"_id":"no"}]}
                """)
            #expect(created.status == .ok, "\(created.text)")
            let doc = try created.json
            #expect(doc["_tags"]?[0]?["_fields"] == .object(["role": "main", "weight": 2]))
            #expect(doc["_tags"]?[1]?["_fields"] == .object(["role": .null, "weight": .null]))
            #expect(doc["tagsFields"] == .object(["travel": .object(["role": "main", "weight": 2])]))
            let id = doc["aposDocId"]?.stringValue ?? ""
            let file = try site.git("show", "main:content/en/article/\(id).yaml")
            #expect(file.contains("tagsFields:") && file.contains("role: main"), "\(file)")

            // Links given without _fields keep theirs; new _fields replace them.
            let kept = try await client.apos(.patch, "/api/v1/article/\(id)", token: token, json: #"{"_tags":["no","travel"]}"#)
            #expect(try kept.json["_tags"]?[1]?["_fields"]?["role"] == "main", "\(kept.text)")
            let pushed = try await client.apos(.patch, "/api/v1/article/\(id)", token: token,
                                               json: #"{"_tags":[{"_id":"travel","_fields":{"role":"side"}}]}"#)
            #expect(try pushed.json["_tags"]?.array.count == 1)
            #expect(try pushed.json["_tags"]?[0]?["_fields"] == .object(["role": "side", "weight": .null]), "\(pushed.text)")

            for bad in [#"{"_tags":[{"_id":"travel","_fields":{"colour":"red"}}]}"#, #"{"_tags":[{"_id":"travel","_fields":{"weight":"two"}}]}"#,
                        #"{"_tags":[{"_id":"travel","_fields":"main"}]}"#] {
                try expectAposError(try await client.apos(.patch, "/api/v1/article/\(id)", token: token, json: bad), .badRequest, name: "invalid")
            }
        }
    }
}
