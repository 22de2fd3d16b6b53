import Testing
@testable import QuireContent

private func load(_ files: [(String, String)]) -> SiteSchema {
    SiteSchema.load(files: files.map { (path: $0.0, bytes: Array($0.1.utf8)) })
}

/// The fixture files with `path` replaced (or added).
private func loadFixtures(replacing path: String, with text: String) -> SiteSchema {
    var files = Fixtures.files.filter { $0.path != path }
    files.append((path, Array(text.utf8)))
    return SiteSchema.load(files: files)
}

@Suite struct SchemaLoadingTests {
    @Test func loadsTheDemoSchemas() throws {
        let schema = Fixtures.schema
        #expect(schema.problems == [])
        #expect(Set(schema.contentTypes.keys) == ["article", "author", "tag", "homepage"])
        #expect(Set(schema.components.keys) == ["shared.seo", "shared.link", "sections.hero", "sections.text"])
        let article = try #require(schema.contentType(plural: "articles"))
        #expect(article.kind == .collectionType)
        #expect(article.displayName == "Article")
        #expect(article.draftAndPublish && article.localized)
        #expect(article.shard == 2)
        #expect(article.sourcePath == "schemas/article.yaml")
        #expect(article.attributes.map(\.name) == [
            "title", "slug", "summary", "body", "content", "contact", "secret", "views", "big", "ratio", "rating",
            "day", "at", "stamp", "featured", "category", "extra", "code", "author", "tags", "cover", "seo", "links",
            "sections",
        ])
        let title = try #require(article.attribute(named: "title"))
        #expect(title.type == .string && title.required && title.maxLength == 20 && title.minLength == 2)
        #expect(article.attribute(named: "slug")?.type == .uid(targetField: "title"))
        #expect(article.attribute(named: "secret")?.isPrivate == true)
        #expect(article.attribute(named: "views")?.defaultValue == .int(0))
        #expect(article.attribute(named: "views")?.min == 0)
        #expect(article.attribute(named: "rating")?.min == 0.5)
        #expect(article.attribute(named: "featured")?.defaultValue == .bool(false))
        // Enumeration values are read as written: `"NO"` is not a boolean.
        #expect(article.attribute(named: "category")?.type == .enumeration(["news", "review", "guide", "NO"]))
        #expect(article.attribute(named: "code")?.regex == "^[A-Z]{3}$")
        #expect(article.attribute(named: "author")?.type == .relation(.manyToOne, target: "author", inversedBy: "articles", mappedBy: nil))
        #expect(article.attribute(named: "tags")?.type == .relation(.manyToMany, target: "tag", inversedBy: nil, mappedBy: nil))
        #expect(article.attribute(named: "cover")?.type == .media(multiple: false, allowedTypes: ["images"]))
        #expect(article.attribute(named: "seo")?.type == .component("shared.seo", repeatable: false))
        let links = try #require(article.attribute(named: "links"))
        #expect(links.type == .component("shared.link", repeatable: true))
        #expect(links.minItems == 1 && links.maxItems == 3 && links.min == nil)
        #expect(article.attribute(named: "sections")?.type == .dynamiczone(["sections.hero", "sections.text"]))
    }

    @Test func readsJSONSchemasAndSingleTypes() throws {
        let tag = try #require(Fixtures.schema.contentType(plural: "tags"))
        #expect(tag.draftAndPublish == false && tag.localized == false && tag.shard == nil)
        #expect(tag.attribute(named: "name")?.unique == true)
        let home = try #require(Fixtures.schema.contentType(singular: "homepage"))
        #expect(home.kind == .singleType)
        #expect(Fixtures.schema.contentType(plural: "nothing") == nil)
        let seo = try #require(Fixtures.schema.components["shared.seo"])
        #expect(seo.displayName == "SEO")
        #expect(seo.sourcePath == "schemas/components/shared/seo.yaml")
        #expect(seo.attributes.map(\.name) == ["_id", "metaTitle", "metaDescription"], "every component item keeps an Apostrophe _id")
    }

    @Test func acceptsBareAndPluginTargets() {
        #expect(SchemaAttributeReader.targetName("api::author.author") == "author")
        #expect(SchemaAttributeReader.targetName("plugin::users-permissions.user") == "user")
        #expect(SchemaAttributeReader.targetName("author") == "author")
    }

    @Test func unparseableFileIsReportedWithItsLine() {
        let schema = loadFixtures(replacing: "schemas/tag.json", with: "kind: collectionType\ninfo: [unclosed\n")
        #expect(schema.contentType(singular: "tag") == nil)
        // Article relates to tag, so it goes too; the others stay.
        #expect(schema.contentType(singular: "article") == nil)
        #expect(schema.contentType(singular: "author") == nil)
        #expect(schema.contentType(singular: "homepage") != nil)
        let tagProblem = schema.problems.first { $0.path == "schemas/tag.json" }
        #expect(tagProblem?.line == 3)
        #expect(schema.problems.contains { $0.path == "schemas/article.yaml" && $0.message.contains("relation target 'tag' could not be loaded") && $0.line == 31 })
    }

    @Test(arguments: [
        // (file, line, message fragment)
        ("kind: collectionType\ninfo:\n  singularName: other\n  pluralName: others\n", 3, "must equal the file name 'thing'"),
        ("info:\n  singularName: thing\n  pluralName: things\n", 1, "missing kind"),
        ("kind: bundle\ninfo:\n  singularName: thing\n  pluralName: things\n", 1, "unknown kind 'bundle'"),
        ("kind: collectionType\ninfo:\n  singularName: thing\n", 3, "missing info.pluralName"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  a: {type: string}\n  b: {type: strong}\n", 5, "unknown type 'strong'"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  c: {type: enumeration}\n", 4, "has no values"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  c: {type: enumeration, enum: []}\n", 4, "has no values"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  documentId: {type: string}\n", 4, "'documentId' is reserved"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n\n  locale: {type: string}\n", 5, "'locale' is reserved"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  my-field: {type: string}\n", 4, "'my-field' is invalid"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  9lives: {type: string}\n", 4, "'9lives' is invalid"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  t: {type: integer}\n  s: {type: uid, targetField: t}\n", 5, "targetField 't' is not a string attribute"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  s: {type: uid, targetField: nope}\n", 4, "targetField 'nope'"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  r: {type: relation, relation: manyToOne, target: api::ghost.ghost}\n", 4, "unknown relation target 'ghost'"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  r: {type: relation, relation: sideways, target: tag}\n", 4, "unknown kind 'sideways'"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  c: {type: component, component: shared.nope}\n", 4, "unknown component 'shared.nope'"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  z: {type: dynamiczone, components: [sections.hero, x.y]}\n", 4, "unknown component 'x.y'"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: articles}\n", 2, "pluralName 'articles' is already used by the type 'article'"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: tag}\n", 2, "pluralName 'tag' is already used by the type 'tag'"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  n: {type: integer, required: maybe}\n", 4, "required must be true or false"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  n: {type: string, regex: \"([\"}\n", 4, "not a valid regular expression"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  n: {type: integer, default: many}\n", 4, "default must be an integer"),
        ("kind: collectionType\ninfo: {singularName: thing, pluralName: things}\nattributes:\n  a: {type: string}\n  a: {type: text}\n", 4, "duplicate key 'a'"),
        ("- just\n- a list\n", 1, "must be a mapping"),
    ])
    func reportsSchemaProblems(text: String, line: Int, fragment: String) {
        let schema = loadFixtures(replacing: "schemas/thing.yaml", with: text)
        #expect(schema.contentType(singular: "thing") == nil)
        let problems = schema.problems.filter { $0.path == "schemas/thing.yaml" }
        #expect(problems.contains { $0.line == line && $0.message.contains(fragment) }, "\(problems)")
        // The fixture types are not affected by a broken neighbour.
        #expect(schema.contentType(singular: "article") != nil)
    }

    /// A type named like a plugin's route would be shadowed by it: reported and left out, never fatal.
    @Test(arguments: [
        ("schemas/member.yaml", "kind: collectionType\ninfo: {singularName: member, pluralName: users}\n", "member", "pluralName 'users' is reserved"),
        ("schemas/upload.yaml", "kind: collectionType\ninfo: {singularName: upload, pluralName: uploads}\n", "upload", "singularName 'upload' is reserved"),
        ("schemas/auth.yaml", "kind: singleType\ninfo: {singularName: auth}\n", "auth", "singularName 'auth' is reserved"),
        ("schemas/role.yaml", "kind: collectionType\ninfo: {singularName: role, pluralName: users-permissions}\n", "role", "pluralName 'users-permissions' is reserved"),
        ("schemas/locale.yaml", "kind: collectionType\ninfo: {singularName: locale, pluralName: i18n}\n", "locale", "Strapi's locales"),
        ("schemas/builder.yaml", "kind: singleType\ninfo: {singularName: builder, pluralName: content-type-builder}\n", "builder", "content-type-builder"),
        ("schemas/v1.yaml", "kind: collectionType\ninfo: {singularName: v1, pluralName: v1s}\n", "v1", "the Apostrophe dialect"),
    ])
    func reservedTypeNamesAreReported(path: String, text: String, name: String, fragment: String) {
        let schema = loadFixtures(replacing: path, with: text)
        #expect(schema.contentType(singular: name) == nil)
        let problems = schema.problems.filter { $0.path == path }
        #expect(problems.count == 1 && problems[0].line == 2 && problems[0].message.contains(fragment), "\(problems)")
        #expect(schema.contentType(singular: "article") != nil)
    }

    @Test func pluralDuplicateLeavesTheFirstTypeLoaded() {
        let schema = loadFixtures(replacing: "schemas/zebra.yaml", with: "kind: collectionType\ninfo: {singularName: zebra, pluralName: authors}\n")
        #expect(schema.contentType(plural: "authors")?.singularName == "author")
        #expect(schema.contentType(singular: "zebra") == nil)
    }

    @Test func componentProblems() {
        let broken = loadFixtures(replacing: "schemas/components/shared/seo.yaml", with: "attributes:\n  x: {type: nope}\n")
        #expect(broken.components["shared.seo"] == nil)
        #expect(broken.problems.contains { $0.path == "schemas/components/shared/seo.yaml" && $0.line == 2 })
        // Both users of the component go, each told why.
        #expect(broken.contentType(singular: "article") == nil)
        #expect(broken.contentType(singular: "homepage") == nil)
        #expect(broken.problems.contains { $0.path == "schemas/homepage.yaml" && $0.line == 8 && $0.message.contains("component 'shared.seo' could not be loaded") })

        let zone = loadFixtures(replacing: "schemas/components/shared/box.yaml", with: "attributes:\n  z: {type: dynamiczone, components: [sections.hero]}\n")
        #expect(zone.components["shared.box"] == nil)
        #expect(zone.problems.contains { $0.message.contains("cannot hold a dynamic zone") })

        let loop = loadFixtures(replacing: "schemas/components/shared/loop.yaml", with: "attributes:\n  again: {type: component, component: shared.loop}\n")
        #expect(loop.components["shared.loop"] == nil)
        #expect(loop.problems.contains { $0.line == 2 && $0.message.contains("cannot nest themselves") })
    }

    @Test func misplacedFilesAreReportedAndOtherFilesIgnored() {
        let schema = load([("schemas/deep/thing.yaml", "kind: collectionType"), ("schemas/README.md", "# hi")])
        #expect(schema.problems.count == 1)
        #expect(schema.problems.first?.message.contains("not a schema location") == true)
        #expect(schema.contentTypes.isEmpty)
    }

    @Test func readsAnyJSONAndReportsJSONErrorsWithLines() {
        let tabs = "{\n\t\"kind\": \"collectionType\",\n\t\"info\": {\"singularName\": \"tag\", \"pluralName\": \"tags\", \"displayName\": \"\\ud83d\\ude00 \\/\"}\n}\n"
        let schema = load([("schemas/tag.json", tabs)])
        #expect(schema.problems == [])
        #expect(schema.contentType(singular: "tag")?.displayName == "😀 /")
        let broken = load([("schemas/tag.json", "{\"kind\": \"collectionType\",\n \"info\": {\"singularName\": \"tag\",, }}")])
        #expect(broken.problems.map(\.line) == [2])
        #expect(broken.problems.first?.message.contains("JSON syntax error") == true)
    }

    @Test func morphRelationsNeedNoTarget() {
        let schema = load([("schemas/note.yaml", "kind: collectionType\ninfo: {singularName: note, pluralName: notes}\nattributes:\n  about: {type: relation, relation: morphToMany}\n")])
        #expect(schema.problems == [])
        #expect(schema.contentType(singular: "note")?.attribute(named: "about")?.type == .relation(.morphToMany, target: "", inversedBy: nil, mappedBy: nil))
    }
}
