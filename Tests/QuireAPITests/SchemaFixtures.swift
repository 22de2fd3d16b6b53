import Foundation
import QuireAPI
import QuireContent
import QuireGit
import QuireIndex

/// Sites for the schema-document tests: one type using every attribute type, and the demo site.
enum SchemaFixtures {
    /// Extra files for `TestSite.make`: a `page` type with every attribute type, components and
    /// a dynamic zone, and one valid page.
    static let everyType: [String: String] = [
        "schemas/page.yaml": """
            kind: collectionType
            info: { singularName: page, pluralName: pages, displayName: Page }
            attributes:
              title: { type: string, required: true, minLength: 2, maxLength: 60 }
              code: { type: string, regex: "^[A-Z]{3}$" }
              summary: { type: text }
              body: { type: richtext }
              content: { type: blocks }
              contact: { type: email }
              pin: { type: password }
              slug: { type: uid, targetField: title }
              rank: { type: integer, min: 1, max: 10 }
              big: { type: biginteger }
              ratio: { type: float }
              price: { type: decimal, min: 0 }
              day: { type: date }
              opens: { type: time }
              at: { type: datetime }
              live: { type: boolean }
              kind: { type: enumeration, enum: [landing, legal] }
              extra: { type: json }
              cover: { type: media, multiple: false, allowedTypes: [images] }
              owner: { type: relation, relation: oneToOne, target: api::author.author }
              related: { type: relation, relation: oneToMany, target: api::article.article }
              links: { type: component, component: shared.link, repeatable: true, max: 3 }
              blocks: { type: dynamiczone, components: [shared.link, sections.quote] }
            """,
        "schemas/components/shared/link.yaml": """
            info: { displayName: Link }
            attributes:
              label: { type: string, required: true }
              url: { type: string }
            """,
        "schemas/components/sections/quote.yaml": """
            info: { displayName: Quote }
            attributes:
              text: { type: text, required: true }
              by: { type: component, component: shared.link }
            """,
        "content/en/page/about.yaml": validPage,
    ]

    static let validPage = """
        title: About us
        code: ABC
        summary: A page.
        content:
          - type: paragraph
            children: [{ type: text, text: Hello }]
        contact: hello@example.com
        slug: about-us
        rank: 3
        big: "123456789012345678901234"
        ratio: 0.5
        price: 12
        day: 2024-02-12
        opens: "09:30"
        at: 2024-02-12T09:30:00Z
        live: true
        kind: landing
        extra: { any: [thing, 1] }
        owner: ada
        related: [first-post]
        links:
          - label: Home
            url: /
        blocks:
          - __component: sections.quote
            text: Well said.
            by: { label: Ada }
          - __component: shared.link
            label: More
        """

    /// The package's own demo site (`quire.yaml`, `schemas/`, `content/`), path → contents.
    static func demoFiles() throws -> [String: String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var files = ["quire.yaml": try String(contentsOf: root.appendingPathComponent("quire.yaml"), encoding: .utf8)]
        for folder in ["schemas", "content"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".yaml") || relative.hasSuffix(".json") {
                files["\(folder)/\(relative)"] = try String(contentsOf: base.appendingPathComponent(relative), encoding: .utf8)
            }
        }
        return files
    }
}
