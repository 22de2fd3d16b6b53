@testable import QuireContent

/// A demo-like site: an article using every attribute type, its relation targets, a single
/// type and three components.
enum Fixtures {
    static let article = """
        kind: collectionType
        info:
          singularName: article
          pluralName: articles
          displayName: Article
        options:
          draftAndPublish: true
          shard: 2
        pluginOptions:
          i18n: { localized: true }
        attributes:
          title:    { type: string, required: true, maxLength: 20, minLength: 2 }
          slug:     { type: uid, targetField: title }
          summary:  { type: text }
          body:     { type: richtext }
          content:  { type: blocks }
          contact:  { type: email }
          secret:   { type: password }
          views:    { type: integer, min: 0, max: 1000, default: 0 }
          big:      { type: biginteger }
          ratio:    { type: float }
          rating:   { type: decimal, min: 0.5, max: 5 }
          day:      { type: date }
          at:       { type: time }
          stamp:    { type: datetime }
          featured: { type: boolean, default: false }
          category: { type: enumeration, enum: [news, review, guide, "NO"] }
          extra:    { type: json }
          code:     { type: string, regex: "^[A-Z]{3}$" }
          author:   { type: relation, relation: manyToOne, target: api::author.author, inversedBy: articles }
          tags:     { type: relation, relation: manyToMany, target: tag }
          cover:    { type: media, multiple: false, allowedTypes: [images] }
          seo:      { type: component, component: shared.seo, repeatable: false }
          links:    { type: component, component: shared.link, repeatable: true, max: 3, min: 1 }
          sections: { type: dynamiczone, components: [sections.hero, sections.text] }
        """

    static let author = """
        kind: collectionType
        info: { singularName: author, pluralName: authors, displayName: Author }
        attributes:
          name: { type: string, required: true }
          articles: { type: relation, relation: oneToMany, target: article, mappedBy: author }
        """

    static let tag = """
        {
          "kind": "collectionType",
          "collectionName": "tags",
          "info": { "singularName": "tag", "pluralName": "tags", "displayName": "Tag" },
          "options": { "draftAndPublish": false },
          "attributes": { "name": { "type": "string", "unique": true } }
        }
        """

    static let homepage = """
        kind: singleType
        info:
          singularName: homepage
          pluralName: homepages
          displayName: Homepage
        attributes:
          headline: { type: string }
          seo: { type: component, component: shared.seo }
        """

    static let seo = """
        collectionName: components_shared_seos
        info: { displayName: SEO }
        attributes:
          metaTitle: { type: string, required: true, maxLength: 10 }
          metaDescription: { type: text }
        """

    static let link = """
        info: { displayName: Link }
        attributes:
          label: { type: string }
          url: { type: string, required: true }
        """

    static let hero = """
        info: { displayName: Hero }
        attributes:
          heading: { type: string, minLength: 3 }
          image: { type: media }
        """

    static let text = """
        info: { displayName: Text }
        attributes:
          body: { type: richtext }
          count: { type: integer, max: 9 }
        """

    static var files: [(path: String, bytes: [UInt8])] {
        [
            ("schemas/article.yaml", Array(article.utf8)),
            ("schemas/author.yaml", Array(author.utf8)),
            ("schemas/tag.json", Array(tag.utf8)),
            ("schemas/homepage.yaml", Array(homepage.utf8)),
            ("schemas/components/shared/seo.yaml", Array(seo.utf8)),
            ("schemas/components/shared/link.yaml", Array(link.utf8)),
            ("schemas/components/sections/hero.yaml", Array(hero.utf8)),
            ("schemas/components/sections/text.yaml", Array(text.utf8)),
        ]
    }

    static let schema = SiteSchema.load(files: files)

    static var articleType: ContentType {
        guard let type = schema.contentType(singular: "article") else { fatalError("fixture article did not load: \(schema.problems)") }
        return type
    }

    static func decode(_ yaml: String, format: DocumentFormat = .yaml, type: ContentType = articleType) -> DecodedDocument {
        DocumentCodec(schema: schema).decode(Array(yaml.utf8), format: format, type: type, path: "content/en/article/x.yaml")
    }
}
