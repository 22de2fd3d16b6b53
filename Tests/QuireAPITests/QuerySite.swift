import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// A site for the query-language tests: every scalar type, relations with and without an
/// inverse side, a component, a repeatable component, a dynamic zone and media. All documents
/// share one commit, so default order is documentId order:
/// biscotti, crepes, first-post, markets, wine.
enum QuerySite {
    static let files: [String: String] = [
        "quire.yaml": """
            locales: [en, fr]
            defaultLocale: en
            permissions:
              public:
                article: [find, findOne]
                tag: [find, findOne]
            """,
        "schemas/article.yaml": """
            kind: collectionType
            info: { singularName: article, pluralName: articles, displayName: Article }
            options: { draftAndPublish: true }
            pluginOptions: { i18n: { localized: true } }
            attributes:
              title: { type: string, required: true }
              views: { type: integer }
              rating: { type: decimal }
              big: { type: biginteger }
              featured: { type: boolean }
              publishDate: { type: date }
              startTime: { type: time }
              eventAt: { type: datetime }
              category: { type: enumeration, enum: [news, review, guide] }
              contact: { type: email }
              secret: { type: password }
              internal: { type: string, private: true }
              author: { type: relation, relation: manyToOne, target: api::author.author, inversedBy: articles }
              tags: { type: relation, relation: manyToMany, target: tag, inversedBy: articles }
              seo: { type: component, component: shared.seo }
              links: { type: component, component: shared.link, repeatable: true }
              sections: { type: dynamiczone, components: [sections.hero, sections.quote] }
              cover: { type: media, multiple: false }
            """,
        "schemas/author.yaml": """
            kind: collectionType
            info: { singularName: author, pluralName: authors, displayName: Author }
            attributes:
              name: { type: string, required: true }
              articles: { type: relation, relation: oneToMany, target: article, mappedBy: author }
            """,
        "schemas/tag.yaml": """
            kind: collectionType
            info: { singularName: tag, pluralName: tags, displayName: Tag }
            pluginOptions: { i18n: { localized: true } }
            attributes:
              name: { type: string, required: true }
              articles: { type: relation, relation: manyToMany, target: article, mappedBy: tags }
            """,
        "schemas/homepage.yaml": """
            kind: singleType
            info: { singularName: homepage, pluralName: homepages, displayName: Homepage }
            attributes:
              title: { type: string, required: true }
              featured: { type: relation, relation: oneToMany, target: article }
            """,
        "schemas/components/shared/seo.yaml": """
            attributes:
              metaTitle: { type: string }
              score: { type: integer }
            """,
        "schemas/components/shared/link.yaml": """
            attributes:
              label: { type: string }
              url: { type: string }
              page: { type: relation, relation: oneToOne, target: article }
            """,
        "schemas/components/sections/hero.yaml": """
            attributes:
              heading: { type: string }
            """,
        "schemas/components/sections/quote.yaml": """
            attributes:
              text: { type: text }
              seo: { type: component, component: shared.seo }
            """,
        "content/en/author/ada.yaml": "name: Ada Lovelace\n",
        "content/en/author/grace.yaml": "name: Grace Hopper\n",
        "content/en/author/alan.yaml": "name: Alan Turing\n",
        "content/en/tag/travel.yaml": "name: Travel\n",
        "content/en/tag/no.yaml": "name: NO\n",
        "content/en/tag/baking.yaml": "name: Baking\n",
        "content/fr/tag/travel.yaml": "name: Voyage\n",
        "content/en/homepage/homepage.yaml": "title: Welcome\nfeatured: [wine, biscotti, gone]\n",
        "content/en/article/first-post.yaml": """
            title: First post
            views: 3
            rating: 4.5
            big: 9007199254740993
            featured: true
            publishDate: 2024-01-10
            startTime: 08:30
            eventAt: 2024-01-10T08:00:00Z
            category: news
            contact: first@example.com
            secret: hunter2
            internal: hidden
            author: ada
            tags: [travel, no]
            seo: { metaTitle: Hello world, score: 7 }
            links:
              - { label: Alpha, url: /a, page: crepes }
              - { label: Beta, url: /b }
            sections:
              - { __component: sections.hero, heading: Big news }
              - { __component: sections.quote, text: To be or not, seo: { metaTitle: Inner, score: 1 } }
            cover: { id: 5, url: /uploads/cover.jpg, ext: .jpg }
            """,
        "content/en/article/crepes.yaml": """
            title: Crêpes on the coast
            views: 10
            rating: 3
            big: 12
            featured: false
            publishDate: 2024-03-05
            startTime: "14:00:00"
            eventAt: 2024-03-05T12:30:00Z
            category: review
            author: grace
            tags: [travel]
            seo: { metaTitle: Crêpes, score: 3 }
            links: [{ label: Gamma, url: /c }]
            """,
        "content/en/article/biscotti.yaml": """
            title: The Perfect Biscotti
            views: 25
            rating: 4.9
            big: -4
            featured: true
            publishDate: 2024-02-12
            category: guide
            author: ada
            tags: [baking]
            """,
        "content/en/article/markets.yaml": """
            title: ÉCOLE des marchés
            views: 0
            featured: false
            category: news
            tags: []
            """,
        "content/en/article/wine.yaml": """
            title: Wine 100% natural_ish
            views: 40
            rating: 2.25
            author: linus
            tags: [no, baking]
            """,
        "content/fr/article/crepes.yaml": """
            title: Crêpes en Bretagne
            views: 11
            author: ada
            tags: [travel]
            """,
    ]

    /// `TestSite`'s own files are replaced where the names collide (its schemas, its first post).
    static func make() async throws -> TestSite {
        try await TestSite.make(files: files)
    }
}

extension TestClientProtocol {
    /// The documentIds of a list answer, in order; fails the test on a non-200 answer.
    func ids(_ query: String, path: String = "/api/articles", token: String? = nil,
             sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        let response = try await send(.get, "\(path)?\(query)", token: token)
        #expect(response.status == .ok, "\(query): \(response.text)", sourceLocation: sourceLocation)
        guard case .array(let items)? = try response.json["data"] else { return [] }
        return items.compactMap { $0["documentId"]?.stringValue }
    }

    /// The error of an answer that must be a 400 ValidationError.
    func badRequest(_ query: String, path: String = "/api/articles", token: String? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) async throws -> Value {
        let response = try await send(.get, "\(path)?\(query)", token: token)
        #expect(response.status == .badRequest, "\(query): \(response.text)", sourceLocation: sourceLocation)
        let error = try response.json["error"] ?? .null
        #expect(error["name"] == .string("ValidationError"), sourceLocation: sourceLocation)
        return error
    }
}
