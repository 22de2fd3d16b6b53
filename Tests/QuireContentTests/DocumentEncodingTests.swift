import Testing
import Yams
@testable import QuireContent

private let codec = DocumentCodec(schema: Fixtures.schema)

private func yaml(_ fields: OrderedObject) -> String {
    String(decoding: codec.encode(fields, type: Fixtures.articleType, format: .yaml), as: UTF8.self)
}

/// Strings that a YAML reader would type, or that need quoting or escaping to survive.
/// (Not "\u{FEFF}…": we write it escaped, but Yams drops a leading U+FEFF from any scalar it reads.)
let trickyStrings: [String] = [
    "NO", "no", "No", "yes", "Yes", "YES", "y", "Y", "n", "N", "on", "Off", "true", "False", "TRUE",
    "null", "Null", "NULL", "~", "", " ", "  ", "1.10", "012", "0", "-0", "+1", "1e3", "1E3", ".5", "-.5", "1.",
    "0x1F", "0o17", "0b101", "1_000", "1:20", "190:20:30", "12:30", "12:30:00.5", ".inf", "-.Inf", ".NaN", "+.inf",
    "2024-03-06", "2024-03-06T13:42:05Z", "2001-12-14 21:59:43.10 -5", "<<", "=",
    " leading", "trailing ", "a: b", "a:b", "key:", "a #comment", "#hash", "a#b", "- item", "-", "--", "---", "...",
    "[x]", "{x}", "[", "]", "{", "}", "*ref", "&anchor", "!tag", "!!str", "%percent", "@at", "`tick", "|", ">", "?",
    "? q", ",", "a, b", "'single'", "\"double\"", "it's", "say \"hi\"", "back\\slash", "tab\there", "\ttab",
    "multi\nline", "multi\nline\n", "trailing newline\n", "\nleading newline", "two\n\nblank", "  indented\nnext",
    "line with trailing space \nnext", "crlf\r\nline", "cr\ronly", "nul\u{0}byte", "bell\u{7}", "esc\u{1B}",
    "del\u{7F}", "nbsp\u{A0}x", "bom\u{FEFF}x", "nel\u{85}x", "ls\u{2028}x", "ps\u{2029}x",
    "é", "日本語", "emoji 😀", "zero\u{200B}width", "combining e\u{301}", "https://example.com/a?b=c#d",
    "C:\\path", "a\\nb", "${var}", "{{ mustache }}", "<html>", "a & b", "100%", "$100", "-1", "- 1", "1 - 1",
    String(repeating: "long words ", count: 30),
]

@Suite struct DocumentEncodingTests {
    @Test func trickyStringsRoundTripThroughOurDecoderAndYamsLoad() throws {
        for string in trickyStrings {
            let text = yaml(["summary": .string(string)])
            let decoded = Fixtures.decode(text)
            let problems = decoded.problems.filter { $0.message != "title must be defined." }
            #expect(problems.isEmpty, "\(string.debugDescription) → \(text)")
            let back = codec.decode(Array(text.utf8), format: .yaml, type: Fixtures.articleType, path: "x", isDraft: true)
            #expect(back.fields?["summary"] == .string(string), "\(string.debugDescription) → \(text)")
            let loaded = try Yams.load(yaml: text) as? [String: Any]
            #expect(loaded?["summary"] as? String == string, "Yams.load: \(string.debugDescription) → \(text)")
        }
    }

    @Test func attributeNamesThatYAMLWouldTypeAreQuoted() throws {
        let files = [("schemas/flag.yaml", "kind: collectionType\ninfo: {singularName: flag, pluralName: flags}\nattributes:\n  on: {type: string}\n  y: {type: integer}\n")]
        let schema = SiteSchema.load(files: files.map { (path: $0.0, bytes: Array($0.1.utf8)) })
        let type = try #require(schema.contentType(singular: "flag"))
        let bytes = DocumentCodec(schema: schema).encode(["on": .string("x"), "y": .int(1)], type: type, format: .yaml)
        let loaded = try Yams.load(yaml: String(decoding: bytes, as: UTF8.self)) as? [String: Any]
        #expect(loaded?["on"] as? String == "x")
        #expect(loaded?["y"] as? Int == 1)
        #expect(DocumentCodec(schema: schema).decode(bytes, format: .yaml, type: type, path: "x").fields == ["on": .string("x"), "y": .int(1)])
    }

    @Test func writesSchemaOrderPlainScalarsAndBlocks() {
        let fields: OrderedObject = [
            "sections": .array([.object(["heading": .string("Big"), "__component": .string("sections.hero")])]),
            "seo": .object(["metaDescription": .string("D"), "metaTitle": .string("M")]),
            "tags": .array([.string("t1"), .string("t2")]),
            "unknownKey": .string("dropped"),
            "summary": .null,
            "body": .string("# Title\n\nText\n"),
            "views": .int(3),
            "ratio": .double(2.5),
            "featured": .bool(true),
            "big": .string("123456789012345678901"),
            "day": .string("2024-03-06"),
            "at": .string("14:30:00.000"),
            "title": .string("Héllo wörld"),
        ]
        let expected = """
            title: Héllo wörld
            body: |
              # Title

              Text
            views: 3
            big: 123456789012345678901
            ratio: 2.5
            day: 2024-03-06
            at: '14:30:00.000'
            featured: true
            tags:
            - t1
            - t2
            seo:
              metaTitle: M
              metaDescription: D
            sections:
            - __component: sections.hero
              heading: Big

            """
        #expect(yaml(fields) == expected)
    }

    @Test func longLinesAreNotWrapped() {
        let long = String(repeating: "word ", count: 40) + "end"
        let text = yaml(["summary": .string(long)])
        #expect(text == "summary: \(long)\n")
    }

    @Test func roundTripsAFullDocumentInBothFormats() throws {
        let original = try #require(Fixtures.decode("""
            title: NO
            slug: no-way
            summary: "1.10"
            body: "line one\\nline two"
            content: [{type: paragraph, children: [{type: text, text: "yes"}]}]
            contact: a@b.co
            views: 7
            big: "-42"
            ratio: 1.25
            rating: 5
            day: 2024-01-31
            at: "23:59:59.999"
            stamp: 2024-03-06T13:42:05.098Z
            featured: true
            category: "NO"
            extra: {nested: {list: [1, "2", 3.0, null, true, "true", "", {}]}, empty: []}
            code: XYZ
            author: a1
            tags: [t1, "012"]
            cover: {id: 3, url: /uploads/x.png}
            seo: {metaTitle: "~", metaDescription: "multi\\nline"}
            links: [{url: u1}, {url: u2, label: "null"}]
            sections: [{__component: sections.text, body: "yes", count: 1}, {__component: sections.hero, heading: "off!"}]
            """).fields)
        for format in [DocumentFormat.yaml, .json] {
            let bytes = codec.encode(original, type: Fixtures.articleType, format: format)
            #expect(bytes.last == UInt8(ascii: "\n"))
            let decoded = codec.decode(bytes, format: format, type: Fixtures.articleType, path: "x")
            #expect(decoded.problems == [], "\(format)")
            #expect(decoded.fields == original, "\(format): \(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func writesPrettyJSONInSchemaOrder() {
        let bytes = codec.encode(["views": .int(1), "title": .string("T"), "summary": .null, "seo": .object(["metaDescription": .string("d"), "metaTitle": .string("m")])],
                                 type: Fixtures.articleType, format: .json)
        let expected = """
            {
              "title": "T",
              "views": 1,
              "seo": {
                "metaTitle": "m",
                "metaDescription": "d"
              }
            }

            """
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func emptyDocumentsStayReadable() {
        let type = Fixtures.articleType
        let text = String(decoding: codec.encode([:], type: type, format: .yaml), as: UTF8.self)
        #expect(text == "{}\n")
        let back = codec.decode(Array(text.utf8), format: .yaml, type: type, path: "x", isDraft: true)
        #expect(back.fields == OrderedObject())
    }
}
