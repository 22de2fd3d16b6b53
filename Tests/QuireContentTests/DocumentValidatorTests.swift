import Testing
@testable import QuireContent

private let validator = DocumentValidator(schema: Fixtures.schema)

private func messages(_ fields: OrderedObject, isDraft: Bool = false) -> [String] {
    validator.validate(fields, for: Fixtures.articleType, isDraft: isDraft).map(\.message)
}

private func normalizeIssues(_ data: OrderedObject) -> [ValidationIssue] {
    do {
        _ = try validator.normalize(data, for: Fixtures.articleType)
        return []
    } catch DataError.invalid(let issues) {
        return issues
    } catch {
        Issue.record("unexpected \(error)")
        return []
    }
}

@Suite struct DocumentValidateTests {
    private let valid: OrderedObject = ["title": .string("Hello")]

    @Test func acceptsAValidDocument() {
        #expect(messages(valid) == [])
    }

    @Test func requiredFields() {
        #expect(messages([:]) == ["title must be defined."])
        #expect(messages(["title": .null]) == ["title must be defined."])
        #expect(messages([:], isDraft: true) == [])
        let issues = validator.validate(["title": .string("Hi"), "seo": .object([:])], for: Fixtures.articleType)
        #expect(issues == [ValidationIssue(path: ["seo", "metaTitle"], message: "seo.metaTitle must be defined.")])
    }

    @Test func lengths() {
        #expect(messages(["title": .string("H")]) == ["title must be at least 2 characters"])
        #expect(messages(["title": .string("H")], isDraft: true) == [])
        #expect(messages(["title": .string(String(repeating: "x", count: 21))]) == ["title must be at most 20 characters"])
        #expect(messages(["title": .string(String(repeating: "x", count: 21))], isDraft: true) == ["title must be at most 20 characters"])
        // JavaScript counts UTF-16 code units: ten emoji are twenty.
        #expect(messages(["title": .string(String(repeating: "😀", count: 10))]) == [])
        #expect(messages(["title": .string(String(repeating: "😀", count: 11))]) == ["title must be at most 20 characters"])
    }

    @Test func numericRanges() {
        #expect(messages(["title": .string("Hi"), "views": .int(-1)]) == ["views must be greater than or equal to 0"])
        #expect(messages(["title": .string("Hi"), "views": .int(1001)]) == ["views must be less than or equal to 1000"])
        #expect(messages(["title": .string("Hi"), "rating": .double(0.25)]) == ["rating must be greater than or equal to 0.5"])
        #expect(messages(["title": .string("Hi"), "rating": .double(5.5)]) == ["rating must be less than or equal to 5"])
        #expect(messages(["title": .string("Hi"), "rating": .double(5)]) == [])
    }

    @Test func enumerationEmailRegexUid() {
        #expect(messages(["title": .string("Hi"), "category": .string("blog")])
            == ["category must be one of the following values: news, review, guide, NO"])
        #expect(messages(["title": .string("Hi"), "contact": .string("not an email")]) == ["contact must be a valid email"])
        #expect(messages(["title": .string("Hi"), "contact": .string("a@b")]) == [])
        #expect(messages(["title": .string("Hi"), "contact": .string("a@-b.com")]) == ["contact must be a valid email"])
        #expect(messages(["title": .string("Hi"), "code": .string("abc")]) == ["code must match the following: \"/^[A-Z]{3}$/\""])
        #expect(messages(["title": .string("Hi"), "code": .string("")]) == [])
        #expect(messages(["title": .string("Hi"), "slug": .string("a b")]) == ["slug must match the following: \"/^[A-Za-z0-9-_.~]*$/\""])
        #expect(messages(["title": .string("Hi"), "slug": .string("a-b_c.d~e")]) == [])
    }

    @Test func repeatableAndZoneRules() {
        #expect(messages(["title": .string("Hi"), "links": .array([])]) == ["links field must have at least 1 items"])
        #expect(messages(["title": .string("Hi"), "links": .array([])], isDraft: true) == [])
        let four = Value.array(Array(repeating: .object(["url": .string("u")]), count: 4))
        #expect(messages(["title": .string("Hi"), "links": four]) == ["links field must have less than or equal to 3 items"])
        let issues = validator.validate([
            "title": .string("Hi"),
            "links": .array([.object(["url": .string("u")]), .object(["label": .string("l")])]),
            "sections": .array([
                .object(["__component": .string("sections.text"), "count": .int(10)]),
                .object(["__component": .string("sections.hero"), "heading": .string("ab")]),
            ]),
        ], for: Fixtures.articleType)
        #expect(issues == [
            ValidationIssue(path: ["links", "1", "url"], message: "links[1].url must be defined."),
            ValidationIssue(path: ["sections", "0", "count"], message: "sections[0].count must be less than or equal to 9"),
            ValidationIssue(path: ["sections", "1", "heading"], message: "sections[1].heading must be at least 3 characters"),
        ])
    }

    @Test func passwordsAreOnlyStrings() {
        #expect(messages(["title": .string("Hi"), "secret": .string("")]) == [])
    }
}

@Suite struct DocumentNormalizeTests {
    @Test func convertsByTypeAndKeepsSchemaOrder() throws {
        let result = try validator.normalize([
            "featured": .string("t"),
            "views": .string("12"),
            "ratio": .string("1.5"),
            "rating": .int(4),
            "big": .int(1234),
            "day": .string("2024-03-06T10:00:00Z"),
            "at": .string("09:05"),
            "stamp": .string("2024-03-06T13:42:05+01:00"),
            "title": .string("Hi"),
            "summary": .null,
            "author": .object(["connect": .array([.string("x")])]),
            "cover": .int(3),
            "extra": .array([.int(1)]),
            "seo": .object(["metaDescription": .string("d"), "metaTitle": .string("m"), "id": .int(4)]),
            "sections": .array([.object(["heading": .string("Big"), "__component": .string("sections.hero")])]),
        ], for: Fixtures.articleType)
        #expect(result.keys == ["title", "summary", "views", "big", "ratio", "rating", "day", "at", "stamp", "featured", "extra", "author", "cover", "seo", "sections"])
        #expect(result["summary"] == .null)
        #expect(result["views"] == .int(12))
        #expect(result["big"] == .string("1234"))
        #expect(result["ratio"] == .double(1.5))
        #expect(result["rating"] == .double(4))
        #expect(result["day"] == .string("2024-03-06"))
        #expect(result["at"] == .string("09:05:00.000"))
        #expect(result["stamp"] == .string("2024-03-06T12:42:05.000Z"))
        #expect(result["featured"] == .bool(true))
        #expect(result["author"] == .object(["connect": .array([.string("x")])]))
        #expect(result["seo"] == .object(["metaTitle": .string("m"), "metaDescription": .string("d")]))
        #expect(result["sections"] == .array([.object(["__component": .string("sections.hero"), "heading": .string("Big")])]))
    }

    @Test(arguments: [
        ("1", true), ("0", false), ("true", true), ("FALSE", false), ("f", false), ("T", true),
    ])
    func booleanStrings(text: String, expected: Bool) throws {
        #expect(try validator.normalize(["featured": .string(text)], for: Fixtures.articleType)["featured"] == .bool(expected))
    }

    @Test func rejectsIdentityAndUnknownKeys() {
        #expect(throws: DataError.invalidKey("id")) { try validator.normalize(["id": .int(1)], for: Fixtures.articleType) }
        #expect(throws: DataError.invalidKey("documentId")) {
            try validator.normalize(["title": .string("x"), "documentId": .string("a")], for: Fixtures.articleType)
        }
        #expect(throws: DataError.invalidKey("nope")) { try validator.normalize(["nope": .int(1)], for: Fixtures.articleType) }
        #expect(throws: DataError.invalidKey("bogus")) {
            try validator.normalize(["seo": .object(["bogus": .int(1)])], for: Fixtures.articleType)
        }
        #expect(throws: DataError.invalidKey("__component")) {
            try validator.normalize(["seo": .object(["__component": .string("shared.seo")])], for: Fixtures.articleType)
        }
        // Unknown keys win over type errors, as in Strapi.
        #expect(throws: DataError.invalidKey("zzz")) {
            try validator.normalize(["title": .int(5), "zzz": .int(1)], for: Fixtures.articleType)
        }
    }

    @Test func dropsSystemKeys() throws {
        let result = try validator.normalize([
            "title": .string("x"), "createdAt": .string("2020"), "updatedAt": .null, "publishedAt": .string("now"),
            "locale": .string("fr"), "createdBy": .int(1), "updatedBy": .int(1),
        ], for: Fixtures.articleType)
        #expect(result == ["title": .string("x")])
    }

    @Test func collectsTypeErrorsWithStrapiMessages() {
        let issues = normalizeIssues([
            "title": .int(5),
            "views": .string("abc"),
            "ratio": .bool(true),
            "featured": .string("maybe"),
            "day": .string("06/03/2024"),
            "stamp": .string("soon"),
            "content": .string("text"),
            "seo": .string("x"),
            "links": .object([:]),
        ])
        #expect(issues.map(\.message) == [
            "title must be a `string` type, but the final value was: `5`.",
            "content must be a `array` type, but the final value was: `\"text\"`.",
            "views must be a `number` type, but the final value was: `\"abc\"`.",
            "ratio must be a `number` type, but the final value was: `true`.",
            "day must be a `date` type, but the final value was: `\"06/03/2024\"`.",
            "stamp must be a `date` type, but the final value was: `\"soon\"`.",
            "featured must be a `boolean` type, but the final value was: `\"maybe\"`.",
            "seo must be a `object` type, but the final value was: `\"x\"`.",
            "links must be a `array` type, but the final value was: `{}`.",
        ])
        #expect(issues.first?.path == ["title"])
        #expect(normalizeIssues(["views": .double(1.5)]).map(\.message) == ["views must be an integer"])
    }

    @Test func dynamicZoneItemsNeedAKnownComponent() {
        let issues = normalizeIssues(["sections": .array([
            .object(["heading": .string("x")]),
            .object(["__component": .string("shared.seo")]),
            .object(["__component": .string("sections.text"), "count": .string("x")]),
        ])])
        #expect(issues == [
            ValidationIssue(path: ["sections", "0", "__component"], message: "sections[0].__component is a required field"),
            ValidationIssue(path: ["sections", "1", "__component"],
                            message: "sections[1].__component must be one of the following values: sections.hero, sections.text"),
            ValidationIssue(path: ["sections", "2", "count"],
                            message: "sections[2].count must be a `number` type, but the final value was: `\"x\"`."),
        ])
    }

    @Test func nestedComponentErrorsCarryTheirPath() {
        let issues = normalizeIssues(["links": .array([.object(["url": .int(1)])])])
        #expect(issues == [ValidationIssue(path: ["links", "0", "url"],
                                           message: "links[0].url must be a `string` type, but the final value was: `1`.")])
    }

    @Test func nullComponentsAndRelationsClearFields() throws {
        let result = try validator.normalize(["seo": .null, "links": .null, "author": .null, "cover": .null], for: Fixtures.articleType)
        #expect(result == ["author": .null, "cover": .null, "seo": .null, "links": .null])
    }
}
