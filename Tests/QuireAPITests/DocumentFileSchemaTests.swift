import Foundation
import QuireContent
import Testing

/// `quire schema --json-schema`: one JSON Schema per type, checked with Python's `jsonschema`
/// against real files, and against Quire's own reading of the same files.
@Suite struct DocumentFileSchemaTests {
    /// The schema of every type of a site's files, by singular name.
    private static func schemas(of files: [String: String]) -> (SiteSchema, [String: [UInt8]]) {
        let schema = SiteSchema.load(files: files.filter { $0.key.hasPrefix("schemas/") }.map { ($0.key, Array($0.value.utf8)) })
        var bytes: [String: [UInt8]] = [:]
        for file in DocumentFileSchema(schema: schema).files() {
            bytes[String(file.name.dropLast(".schema.json".count))] = file.bytes
        }
        return (schema, bytes)
    }

    /// `content/<locale>/<type>/…` → type.
    private static func type(ofPath path: String) -> String {
        String(path.split(separator: "/")[2])
    }

    @Test func theArticleSchemaDescribesTheStoredForm() throws {
        let (_, schemas) = Self.schemas(of: try SchemaFixtures.demoFiles())
        #expect(schemas.keys.sorted() == ["article", "author", "homepage", "page", "tag"])
        let article = try JSON.parse(try #require(schemas["article"]))
        #expect(article["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(article["additionalProperties"] == .bool(false))
        #expect(article["required"] == .array([.string("title")]))
        let properties = article["properties"]
        #expect(properties?["title"]?["type"] == .string("string"), "required: no null")
        #expect(properties?["summary"]?["type"] == .array([.string("string"), .string("null")]))
        #expect(properties?["publishDate"]?["pattern"] == .string(TextPatterns.date))
        #expect(properties?["author"]?["pattern"] == .string(TextPatterns.documentId), "relations are documentIds")
        #expect(properties?["tags"]?["items"]?["pattern"] == .string(TextPatterns.documentId))
        #expect(properties?["rating"]?["maximum"] == .int(5))
        guard case .object(let definitions)? = article["$defs"] else { throw TestFailure("no $defs") }
        #expect(definitions.keys == ["component.shared.seo", "zoneItem.sections.hero", "zoneItem.sections.text-block"])
        #expect(definitions["zoneItem.sections.hero"]?["required"] == .array([.string("__component"), .string("heading")]))
    }

    @Test func everyDemoFileMatchesItsSchema() throws {
        let files = try SchemaFixtures.demoFiles()
        let (_, schemas) = Self.schemas(of: files)
        let documents = files.filter { $0.key.hasPrefix("content/") }.sorted { $0.key < $1.key }
        #expect(documents.count >= 30)
        let results = try PythonTool.validateYAML(documents.map { path, text in
            (path, schemas[Self.type(ofPath: path)] ?? [], text)
        })
        #expect(results.count == documents.count)
        for (path, errors) in results.sorted(by: { $0.key < $1.key }) {
            #expect(errors.isEmpty, "\(path): \(errors)")
        }
    }

    /// Each of these breaks one rule; the JSON Schema and Quire must both refuse it.
    static let wrongArticles: [String: String] = [
        "missing-title": "slug: no-title\n",
        "unknown-field": "title: T\ncolour: red\n",
        "bad-enum": "title: T\ncategory: opinion\n",
        "bad-date": "title: T\npublishDate: 12/02/2024\n",
        "too-long": "title: \(String(repeating: "x", count: 201))\n",
        "out-of-range": "title: T\nrating: 7\n",
        "to-one-as-list": "title: T\nauthor: [henrik-lund]\n",
        "bad-zone-item": "title: T\nsections:\n  - __component: sections.hero\n    body: no heading here\n",
        "unknown-zone-component": "title: T\nsections:\n  - __component: sections.video\n",
        "bad-component-field": "title: T\nseo:\n  metaTitle: Fine\n  keywords: [a]\n",
        "not-a-number": "title: T\nreadingMinutes: soon\n",
    ]

    @Test func wrongDocumentsFailBothTheSchemaAndQuire() async throws {
        var files = try SchemaFixtures.demoFiles()
        let (_, schemas) = Self.schemas(of: files)
        // Quire stores any text as a relation and leaves dangling ids to the API; an id that can
        // never name a file is still worth flagging in the editor.
        let schemaOnly = ["bad-document-id": "title: T\ntags: [\"not/an id\"]\n"]
        let results = try PythonTool.validateYAML(Self.wrongArticles.merging(schemaOnly) { $1 }.map { ($0.key, schemas["article"] ?? [], $0.value) })
        for name in (Array(Self.wrongArticles.keys) + Array(schemaOnly.keys)).sorted() {
            #expect(results[name]?.isEmpty == false, "\(name) passed the JSON Schema")
        }
        for (name, text) in Self.wrongArticles { files["content/en/article/\(name).yaml"] = text }
        let site = try await TestSite.make(exactly: files)
        defer { site.remove() }
        let flagged = Set(site.site.snapshot.problems.map(\.path))
        for name in Self.wrongArticles.keys.sorted() {
            #expect(flagged.contains("content/en/article/\(name).yaml"), "\(name) passed Quire")
        }
    }

    @Test func everyAttributeTypeAgreesWithQuire() async throws {
        let site = try await TestSite.make(files: SchemaFixtures.everyType)
        defer { site.remove() }
        #expect(site.site.snapshot.problems.isEmpty)
        let (_, schemas) = Self.schemas(of: TestSite.schemas.merging(SchemaFixtures.everyType) { $1 })
        let page = try #require(schemas["page"])
        let wrong = [
            "valid": SchemaFixtures.validPage,
            "bad-time": SchemaFixtures.validPage.replacingOccurrences(of: "opens: \"09:30\"", with: "opens: \"9h30\""),
            "bad-datetime": SchemaFixtures.validPage.replacingOccurrences(of: "at: 2024-02-12T09:30:00Z", with: "at: yesterday"),
            "bad-regex": SchemaFixtures.validPage.replacingOccurrences(of: "code: ABC", with: "code: abc"),
            "too-many-links": SchemaFixtures.validPage.replacingOccurrences(
                of: "links:\n", with: "links:\n  - { label: a }\n  - { label: b }\n  - { label: c }\n"),
            "bad-big": SchemaFixtures.validPage.replacingOccurrences(of: "big: \"123456789012345678901234\"", with: "big: 1.5"),
            "bad-email": SchemaFixtures.validPage.replacingOccurrences(of: "contact: hello@example.com", with: "contact: nobody"),
        ]
        let results = try PythonTool.validateYAML(wrong.map { ($0.key, page, $0.value) })
        #expect(results["valid"] == [])
        for name in wrong.keys.sorted() where name != "valid" {
            #expect(results[name]?.isEmpty == false, "\(name) passed the JSON Schema")
        }
    }

    static let quireBinary = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/quire").path

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: quireBinary), "needs the debug quire binary"))
    func theCommandWritesOneFilePerType() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let out = site.path + "/json-schema"
        let output = try TestSite.run([Self.quireBinary, "schema", "--json-schema", "--repo", site.path, "--out", out])
        let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(written == ["article.schema.json", "author.schema.json", "homepage.schema.json", "tag.schema.json"])
        #expect(output.contains(#""json-schema/article.schema.json": ["content/*/article/**/*.yaml"]"#))
        #expect(output.contains("# yaml-language-server: $schema=../../../json-schema/article.schema.json"))
        let article = try JSON.parse(Array(try Data(contentsOf: URL(fileURLWithPath: out + "/article.schema.json"))))
        #expect(article["title"] == .string("Article"))
    }
}
