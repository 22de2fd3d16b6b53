import QuireContent

/// The schema the fuzz targets read against: one content type with an attribute of every
/// type Quire knows (and the rules they can carry), a related type, and components nested two
/// deep, so that every decoding and query path has something to reach. Fixed, so a finding
/// replays the same way.
public enum FuzzSchema {
    public static let schema: SiteSchema = {
        let loaded = SiteSchema.load(files: files.map { ($0.path, Array($0.text.utf8)) })
        precondition(loaded.problems.isEmpty, "the fuzz schema must load cleanly: \(loaded.problems)")
        return loaded
    }()

    public static let article = schema.contentType(singular: "article")!
    public static let config = SiteConfig(locales: ["en", "fr"], defaultLocale: "en")

    static let files: [(path: String, text: String)] = [
        ("schemas/article.yaml", """
        kind: collectionType
        info: {singularName: article, pluralName: articles, displayName: Article}
        options: {draftAndPublish: true}
        pluginOptions: {i18n: {localized: true}}
        attributes:
          title: {type: string, required: true, minLength: 2, maxLength: 80}
          slug: {type: uid, targetField: title}
          code: {type: string, regex: "^[a-z]+-[0-9]{2,}$"}
          summary: {type: text, maxLength: 500}
          body: {type: richtext}
          content: {type: blocks}
          email: {type: email, unique: true}
          secret: {type: password}
          internal: {type: string, private: true}
          rank: {type: integer, min: -5, max: 1000}
          views: {type: biginteger}
          ratio: {type: float}
          price: {type: decimal, min: 0}
          day: {type: date}
          at: {type: time}
          when: {type: datetime}
          featured: {type: boolean, default: false}
          category: {type: enumeration, enum: [news, review, guide]}
          extra: {type: json}
          cover: {type: media, multiple: false, allowedTypes: [images]}
          gallery: {type: media, multiple: true}
          author: {type: relation, relation: manyToOne, target: api::person.person, inversedBy: articles}
          tags: {type: relation, relation: manyToMany, target: api::tag.tag}
          seo: {type: component, component: shared.seo}
          links: {type: component, component: shared.link, repeatable: true, min: 0, max: 5}
          sections: {type: dynamiczone, components: [sections.hero, sections.quote]}
          page: {type: area}
        """),
        ("schemas/person.yaml", """
        kind: collectionType
        info: {singularName: person, pluralName: people, displayName: Person}
        options: {draftAndPublish: false}
        attributes:
          name: {type: string, required: true}
          age: {type: integer}
          secret: {type: password}
          articles: {type: relation, relation: oneToMany, target: api::article.article, mappedBy: author}
          photo: {type: media}
        """),
        ("schemas/tag.yaml", """
        kind: collectionType
        info: {singularName: tag, pluralName: tags, displayName: Tag}
        attributes:
          name: {type: string}
        """),
        ("schemas/components/shared/seo.yaml", """
        info: {displayName: SEO}
        attributes:
          metaTitle: {type: string, maxLength: 60}
          image: {type: media}
          link: {type: component, component: shared.link}
        """),
        ("schemas/components/shared/link.yaml", """
        info: {displayName: Link}
        attributes:
          url: {type: string, required: true}
          label: {type: string}
          target: {type: relation, relation: oneToOne, target: api::tag.tag}
        """),
        ("schemas/components/sections/hero.yaml", """
        info: {displayName: Hero}
        attributes:
          heading: {type: string, required: true}
          image: {type: media}
          links: {type: component, component: shared.link, repeatable: true}
        """),
        ("schemas/components/sections/quote.yaml", """
        info: {displayName: Quote}
        attributes:
          text: {type: text}
          by: {type: relation, relation: oneToOne, target: api::person.person}
        """),
    ]
}
