import QuireContent

/// How schema names are derived, in one place so references and definitions always agree.
/// Names follow Strapi's documentation plugin: `Article`, `ArticleRequest`, `ArticleListResponse`.
enum OpenAPINames {
    /// `text-block` → `TextBlock`, `sections.hero` → `SectionsHero`.
    static func pascal(_ name: String) -> String {
        name.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    static func type(_ type: ContentType) -> String { pascal(type.singularName) }
    static func component(_ uid: String) -> String { pascal(uid) + "Component" }
    static func zoneEntry(_ uid: String) -> String { pascal(uid) + "Entry" }

    static func schema(_ name: String) -> Value { SchemaNode.ref("#/components/schemas/\(name)") }
    static func parameter(_ name: String) -> Value { SchemaNode.ref("#/components/parameters/\(name)") }
    static func response(_ name: String) -> Value { SchemaNode.ref("#/components/responses/\(name)") }
}
