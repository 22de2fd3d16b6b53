import QuireContent
import QuireGit
@testable import QuireIndex

/// A deterministic random source (SplitMix64), so generated sites and queries repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

struct NullRenderer: DocumentRenderer {
    func render(_ data: DocumentData, numericID: Int64, type: ContentType) -> [UInt8] { [] }
}

/// A generated site held only in memory: articles with scalars of every kind, a to-one and a
/// to-many relation (both with inverse sides) and a component, with nulls and dangling links.
enum QueryFixture {
    static let schema = SiteSchema.load(files: schemaFiles)

    static let schemaFiles: [(String, [UInt8])] = [
        ("schemas/article.yaml", """
            kind: collectionType
            info: { singularName: article, pluralName: articles, displayName: Article }
            options: { draftAndPublish: true }
            attributes:
              title: { type: string }
              views: { type: integer }
              rating: { type: decimal }
              featured: { type: boolean }
              publishDate: { type: date }
              category: { type: enumeration, enum: [news, review, guide] }
              author: { type: relation, relation: manyToOne, target: author, inversedBy: articles }
              tags: { type: relation, relation: manyToMany, target: tag, inversedBy: articles }
              seo: { type: component, component: shared.seo }
            """),
        ("schemas/author.yaml", """
            kind: collectionType
            info: { singularName: author, pluralName: authors, displayName: Author }
            attributes:
              name: { type: string }
              age: { type: integer }
              articles: { type: relation, relation: oneToMany, target: article, mappedBy: author }
            """),
        ("schemas/tag.yaml", """
            kind: collectionType
            info: { singularName: tag, pluralName: tags, displayName: Tag }
            attributes:
              name: { type: string }
              articles: { type: relation, relation: manyToMany, target: article, mappedBy: tags }
            """),
        ("schemas/components/shared/seo.yaml", """
            attributes:
              metaTitle: { type: string }
              score: { type: integer }
            """),
    ].map { ($0.0, Array($0.1.utf8)) }

    static let words = ["alpha", "Beta", "gamma", "DELTA", "épée", "Straße", "omega", "zeta", "Eta", "theta"]

    static func type(_ name: String) -> ContentType { schema.contentType(singular: name)! }

    static func version(_ type: String, _ id: String, created: Int64, fields: OrderedObject) -> DocumentVersion {
        let data = DocumentData(
            key: DocumentKey(locale: "en", type: type, documentId: id), path: "\(type)/\(id).yaml",
            blob: ObjectID.emptyTree, fields: fields, createdAt: created, updatedAt: created + 5, publishedAt: created + 5)
        return DocumentVersion(data, type: self.type(type), renderer: NullRenderer())
    }

    static func article(_ index: Int, created: Int64? = nil, using random: inout SeededGenerator) -> DocumentVersion {
        func maybe(_ value: @autoclosure () -> Value) -> Value? { Int.random(in: 0..<10, using: &random) == 0 ? nil : value() }
        var fields = OrderedObject()
        fields["title"] = maybe(.string("\(words.randomElement(using: &random)!) \(words.randomElement(using: &random)!) \(index % 7)"))
        fields["views"] = maybe(.int(Int64.random(in: 0...60, using: &random)))
        fields["rating"] = maybe(.double(Double(Int.random(in: 0...50, using: &random)) / 10))
        fields["featured"] = maybe(.bool(Bool.random(using: &random)))
        fields["publishDate"] = maybe(.string("2024-0\(Int.random(in: 1...9, using: &random))-1\(Int.random(in: 0...9, using: &random))"))
        fields["category"] = maybe(.string(["news", "review", "guide"].randomElement(using: &random)!))
        // Author 40 and up do not exist: dangling links must read as no relation.
        fields["author"] = maybe(.string("author-\(Int.random(in: 0..<44, using: &random))"))
        let tags = (0..<Int.random(in: 0...3, using: &random)).map { _ in Value.string("tag-\(Int.random(in: 0..<12, using: &random))") }
        fields["tags"] = .array(tags)
        fields["seo"] = maybe(.object([
            "metaTitle": maybe(.string(words.randomElement(using: &random)!)) ?? .null,
            "score": .int(Int64.random(in: 0...9, using: &random)),
        ]))
        let time = Int64.random(in: 0...400, using: &random)
        return version("article", "article-\(index)", created: created ?? time, fields: fields)
    }

    static func snapshot(articles: Int, seed: UInt64) -> (SiteSnapshot, SeededGenerator) {
        var random = SeededGenerator(state: seed)
        let authors = (0..<40).map { index in
            version("author", "author-\(index)", created: Int64(index), fields: [
                "name": index % 9 == 0 ? .null : .string(words[index % words.count] + " \(index)"),
                "age": .int(Int64(20 + index % 30)),
            ])
        }
        let tags = (0..<10).map { version("tag", "tag-\($0)", created: Int64($0), fields: ["name": .string(words[$0])]) }
        let list = (0..<articles).map { article($0, using: &random) }
        return (snapshot(articles: list, authors: authors, tags: tags), random)
    }

    static func snapshot(articles: [DocumentVersion], authors: [DocumentVersion], tags: [DocumentVersion]) -> SiteSnapshot {
        func key(_ type: String) -> CollectionKey { CollectionKey(view: .published, locale: "en", type: type) }
        let definition = SiteDefinition(schema: schema, config: SiteConfig(locales: ["en"], defaultLocale: "en"), problems: [])
        return SiteSnapshot(definition: definition, mainTip: nil, problems: [], collections: [
            key("article"): DocumentCollection(articles),
            key("author"): DocumentCollection(authors),
            key("tag"): DocumentCollection(tags),
        ])
    }
}
