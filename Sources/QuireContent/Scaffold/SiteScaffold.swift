/// The files `quire init` writes into a new site.
public enum SiteScaffold {
    public static let files: [(path: String, contents: String)] = [
        (path: "README.md", contents: readme),
        (path: "quire.yaml", contents: config),
        (path: "schemas/article.yaml", contents: articleSchema),
        (path: "schemas/author.yaml", contents: authorSchema),
        (path: "content/en/article/hello-quire.yaml", contents: helloArticle),
        (path: "content/en/author/jane-doe.yaml", contents: janeDoe),
    ]

    private static let readme = """
        # My Quire site

        This folder is a git repository that Quire serves as a Strapi 5 style REST API.

        - `quire.yaml`: locales, default locale and what unauthenticated callers may read.
        - `schemas/<singularName>.yaml`: one content type per file, in Strapi's schema.json
          structure written as YAML. `schemas/components/<category>/<name>.yaml` holds components.
        - `content/<locale>/<singularName>/<documentId>.yaml`: one document per file. The file
          name is the documentId; keys follow the schema's attribute order.
        - The `main` branch is the published site; a draft lives on `drafts/<locale>/<type>/<id>`.
        - Dates (`createdAt`, `updatedAt`, `publishedAt`) come from git history, not the files.

        Run `quire serve --repo .` and open http://127.0.0.1:1337/api/articles?populate=author.
        Edit files by hand and commit, or write through the API (one commit per change).
        Run `quire validate --repo .` to check every schema and document.

        """

    private static let config = """
        locales: [en]
        defaultLocale: en
        permissions:            # what unauthenticated callers may do; everything else needs a token
          public:
            article: [find, findOne]

        """

    private static let articleSchema = """
        kind: collectionType
        collectionName: articles
        info:
          singularName: article
          pluralName: articles
          displayName: Article
        options:
          draftAndPublish: true
        pluginOptions:
          i18n:
            localized: false
        attributes:
          title:
            type: string
            required: true
            maxLength: 200
          slug:
            type: uid
            targetField: title
          body:
            type: richtext
          author:
            type: relation
            relation: manyToOne
            target: api::author.author
            inversedBy: articles

        """

    private static let authorSchema = """
        kind: collectionType
        collectionName: authors
        info:
          singularName: author
          pluralName: authors
          displayName: Author
        options:
          draftAndPublish: false
        pluginOptions:
          i18n:
            localized: false
        attributes:
          name:
            type: string
            required: true
          email:
            type: email
          articles:
            type: relation
            relation: oneToMany
            target: api::article.article
            mappedBy: author

        """

    private static let helloArticle = """
        title: Hello, Quire
        slug: hello-quire
        body: |
          This article is a YAML file: `content/en/article/hello-quire.yaml`.

          Change it in your editor, commit, and the API serves the new text.
          The `author` key below holds the documentId of an author file.
        author: jane-doe

        """

    private static let janeDoe = """
        name: Jane Doe
        email: jane@example.com

        """
}
