import Testing
@testable import QuireContent

private func fields(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> OrderedObject {
    let decoded = Fixtures.decode(yaml)
    #expect(decoded.problems == [], sourceLocation: sourceLocation)
    return try #require(decoded.fields, sourceLocation: sourceLocation)
}

@Suite struct DocumentDecodingTests {
    @Test func decodesEveryTypeInSchemaOrder() throws {
        let decoded = try fields("""
            sections:
              - __component: sections.text
                count: 3
                body: "Hello"
              - heading: Big
                __component: sections.hero
                image: 7
            links:
              - { url: "https://a.example", label: A }
            seo: { metaDescription: Described, metaTitle: Meta }
            cover: 12
            tags: [t1, t2]
            author: jane
            code: ABC
            extra: { a: [1, 2.5, true, null, NO, "x"], b: ~ }
            category: review
            featured: false
            stamp: 2024-03-06 13:42:05.098+01:00
            at: "14:30"
            day: 2024-03-06
            rating: 4.5
            ratio: 3
            big: 123456789012345678901234567890
            views: 42
            secret: $2b$04$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0
            contact: jane@example.com
            content:
              - type: paragraph
                children: [{ type: text, text: Hi, bold: true }]
            body: |
              # Title
              Text
            summary: Short
            slug: hello-world
            title: Hello
            """)
        #expect(decoded.keys == Fixtures.articleType.attributes.map(\.name))
        #expect(decoded["title"] == .string("Hello"))
        #expect(decoded["slug"] == .string("hello-world"))
        #expect(decoded["body"] == .string("# Title\nText\n"))
        #expect(decoded["content"] == .array([.object([
            "type": .string("paragraph"),
            "children": .array([.object(["type": .string("text"), "text": .string("Hi"), "bold": .bool(true)])]),
        ])]))
        #expect(decoded["contact"] == .string("jane@example.com"))
        #expect(decoded["secret"] == .string("$2b$04$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0"))
        #expect(decoded["views"] == .int(42))
        #expect(decoded["big"] == .string("123456789012345678901234567890"))
        #expect(decoded["ratio"] == .double(3))
        #expect(decoded["rating"] == .double(4.5))
        #expect(decoded["day"] == .string("2024-03-06"))
        #expect(decoded["at"] == .string("14:30:00.000"))
        #expect(decoded["stamp"] == .string("2024-03-06T12:42:05.098Z"))
        #expect(decoded["featured"] == .bool(false))
        #expect(decoded["category"] == .string("review"))
        // json uses the YAML 1.2 core schema: NO stays a string, ~ is null.
        #expect(decoded["extra"] == .object([
            "a": .array([.int(1), .double(2.5), .bool(true), .null, .string("NO"), .string("x")]), "b": .null,
        ]))
        #expect(decoded["code"] == .string("ABC"))
        #expect(decoded["author"] == .string("jane"))
        #expect(decoded["tags"] == .array([.string("t1"), .string("t2")]))
        #expect(decoded["cover"] == .int(12))
        #expect(decoded["seo"] == .object(["metaTitle": .string("Meta"), "metaDescription": .string("Described")]))
        #expect(decoded["links"] == .array([.object(["label": .string("A"), "url": .string("https://a.example")])]))
        #expect(decoded["sections"] == .array([
            .object(["__component": .string("sections.text"), "body": .string("Hello"), "count": .int(3)]),
            .object(["__component": .string("sections.hero"), "heading": .string("Big"), "image": .int(7)]),
        ]))
    }

    @Test(arguments: [
        ("NO", "NO"), ("yes", "yes"), ("off", "off"), ("1.10", "1.10"), ("012", "012"), ("0x1F", "0x1F"),
        ("1e3", "1e3"), ("true", "true"), ("2024-03-06", "2024-03-06"), ("12:30", "12:30"), (".inf", ".inf"),
        ("'null'", "null"), ("\"~\"", "~"), ("'  padded  '", "  padded  "), ("\"\"", ""), ("'it''s'", "it's"),
        ("\"tab\\there\"", "tab\there"), ("!!str 5", "5"), ("Ünïcødé ✓", "Ünïcødé ✓"),
    ])
    func stringsAreReadAsWritten(scalar: String, expected: String) throws {
        let decoded = try fields("title: Hi\nsummary: \(scalar)\nbody: \(scalar)\ncategory: NO\n")
        #expect(decoded["summary"] == .string(expected))
        #expect(decoded["body"] == .string(expected))
        #expect(decoded["category"] == .string("NO"))
    }

    @Test func nullsAndMissingKeysAreAbsent() throws {
        let decoded = try fields("title: Hi\nsummary: ~\nbody: null\nviews:\nseo:\ntags: ~\n")
        #expect(decoded.keys == ["title"])
        // Tagged empty values type as null too (fuzz-document: `cover: !2` came back absent).
        #expect(try fields("title: Hi\ncover: !2\nextra: !x\n").keys == ["title"])
    }

    /// JSON has no infinity or NaN, so a json or media value holding one could not be served
    /// or written as it was read (fuzz-document: `cover: 1e444`).
    @Test(arguments: ["cover: 1e444", "extra: .inf", "extra: {a: [-.inf]}", "extra: .nan"])
    func nonFiniteNumbersInUntypedFieldsAreProblems(line: String) throws {
        let decoded = Fixtures.decode("title: Hi\n\(line)\n")
        #expect(decoded.problems.contains { $0.message.contains("is not a number JSON can hold") }, "\(decoded.problems)")
        let empty = Fixtures.decode("", type: try #require(Fixtures.schema.contentType(singular: "tag")))
        #expect(empty.fields == OrderedObject())
    }

    @Test func acceptsDateTimeForms() throws {
        let cases = [
            ("2024-03-06T13:42:05Z", "2024-03-06T13:42:05.000Z"),
            ("2024-03-06t13:42:05.1234-02:30", "2024-03-06T16:12:05.123Z"),
            ("2024-03-06 23:30:00 -0100", "2024-03-07T00:30:00.000Z"),
            ("2024-03-06T13:42", "2024-03-06T13:42:00.000Z"),
            ("2024-03-06", "2024-03-06T00:00:00.000Z"),
            ("\"2024-02-29T00:00:00+14\"", "2024-02-28T10:00:00.000Z"),
            // YAML 1.1's own timestamp forms.
            ("2001-12-14 21:59:43.10 -5", "2001-12-15T02:59:43.100Z"),
            ("2001-1-2 1:02:03", "2001-01-02T01:02:03.000Z"),
        ]
        for (written, canonical) in cases {
            #expect(try fields("title: Hi\nstamp: \(written)\n")["stamp"] == .string(canonical), "\(written)")
        }
    }

    @Test func unknownKeysAreReportedButNotFatal() throws {
        let decoded = Fixtures.decode("title: Hi\nfoo: 1\nseo:\n  metaTitle: M\n  bar: 2\n")
        #expect(decoded.fields == ["title": .string("Hi"), "seo": .object(["metaTitle": .string("M")])])
        #expect(decoded.problems.map(\.message) == ["unknown field 'foo'", "unknown field 'seo.bar'"])
        #expect(decoded.problems.map(\.line) == [2, 5])
        #expect(decoded.problems.allSatisfy { $0.path == "content/en/article/x.yaml" })
    }

    @Test(arguments: [
        ("title: Hi\nviews: many\n", 2, "'views' must be an integer, found 'many'"),
        ("title: Hi\nviews: 1.5\n", 2, "'views' must be an integer"),
        ("title: Hi\nfeatured: yes\n", 2, "'featured' must be true or false, found 'yes'"),
        ("title: Hi\nratio: .nan\n", 2, "'ratio' must be a number"),
        ("title: Hi\nbig: 12a\n", 2, "'big' must be an integer (biginteger)"),
        ("title: Hi\nday: 2024-02-30\n", 2, "'day' must be a date"),
        ("title: Hi\nat: 25:00\n", 2, "'at' must be a time"),
        ("title: Hi\nstamp: yesterday\n", 2, "'stamp' must be an ISO 8601 date-time"),
        ("title: [a, b]\n", 1, "'title' must be a string, found a list"),
        ("title: Hi\nseo: text\n", 2, "'seo' must be a mapping, found 'text'"),
        ("title: Hi\nlinks: {url: x}\n", 2, "'links' must be a list of mappings"),
        ("title: Hi\nlinks:\n  - url: x\n  - plain\n", 4, "'links[1]' must be a mapping"),
        ("title: Hi\ntags: t1\n", 2, "'tags' must be a list of documentIds"),
        ("title: Hi\ntags: [t1, {a: 1}]\n", 2, "'tags[1]' must be a documentId"),
        ("title: Hi\nauthor: [a]\n", 2, "'author' must be a documentId"),
        ("title: Hi\ncontent: paragraph\n", 2, "'content' must be a list of blocks"),
        ("title: Hi\nsections:\n  - heading: x\n", 3, "'sections[0].__component' is required"),
        ("title: Hi\nsections:\n  - __component: shared.seo\n", 3, "must be one of: sections.hero, sections.text"),
        ("title: Hi\nseo:\n  metaTitle: [x]\n", 3, "'seo.metaTitle' must be a string"),
        ("title: Hi\nsections:\n  - __component: sections.text\n    count: lots\n", 4, "'sections[0].count' must be an integer"),
        ("- a\n- b\n", 1, "the document must be a mapping"),
        ("title: Hi\n  bad: indent\n", 2, "YAML syntax error"),
        ("title: a\ntitle: b\n", 1, "duplicate key 'title'"),
    ])
    func wrongTypesAreFatalWithLines(yaml: String, line: Int, message: String) {
        let decoded = Fixtures.decode(yaml)
        #expect(decoded.fields == nil)
        #expect(decoded.problems.contains { $0.line == line && $0.message.contains(message) }, "\(decoded.problems)")
    }

    @Test func schemaRulesMakeAFileUnusable() {
        let decoded = Fixtures.decode("title: This title is far too long for the schema\nviews: -1\nseo:\n  metaDescription: d\n")
        #expect(decoded.fields == nil)
        #expect(decoded.problems.map(\.message) == [
            "title must be at most 20 characters",
            "views must be greater than or equal to 0",
            "seo.metaTitle must be defined.",
        ])
        #expect(decoded.problems.map(\.line) == [1, 2, 4])
        let missing = Fixtures.decode("summary: no title\n")
        #expect(missing.fields == nil)
        #expect(missing.problems.map(\.message) == ["title must be defined."])
    }

    @Test func draftsSkipRequiredFields() {
        let codec = DocumentCodec(schema: Fixtures.schema)
        let bytes = Array("summary: no title yet\n".utf8)
        let draft = codec.decode(bytes, format: .yaml, type: Fixtures.articleType, path: "x.yaml", isDraft: true)
        #expect(draft.fields == ["summary": .string("no title yet")])
        #expect(draft.problems.isEmpty)
    }

    @Test func decodesJSONFiles() throws {
        let decoded = Fixtures.decode("""
            {"views": 3, "title": "NO", "ratio": 2, "big": 12, "featured": true, "tags": ["a"],
             "stamp": "2024-03-06T13:42:05+00:00", "extra": {"k": [1, "x"]}, "seo": {"metaTitle": "m"},
             "sections": [{"__component": "sections.hero", "heading": "Big"}], "zzz": 1}
            """, format: .json)
        let fields = try #require(decoded.fields)
        #expect(fields.keys == ["title", "views", "big", "ratio", "stamp", "featured", "extra", "tags", "seo", "sections"])
        #expect(fields["title"] == .string("NO"))
        #expect(fields["ratio"] == .double(2))
        #expect(fields["big"] == .string("12"))
        #expect(fields["stamp"] == .string("2024-03-06T13:42:05.000Z"))
        #expect(decoded.problems.map(\.message) == ["unknown field 'zzz'"])

        let wrong = Fixtures.decode(#"{"title": 5, "views": "5"}"#, format: .json)
        #expect(wrong.fields == nil)
        #expect(wrong.problems.map(\.message) == ["'title' must be a string, found 5", "'views' must be an integer, found '5'"])

        let broken = Fixtures.decode("{\n  \"title\": \"x\",\n}", format: .json)
        #expect(broken.fields == nil)
        #expect(broken.problems.first?.line == 3)
    }
}
