import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Wherever the Apostrophe dialect embeds documents (the page tree and its pages, a page's
/// data for an external front, the global document), it shows only those of types the caller
/// may read, and in draft mode only those whose drafts it may see, as piece reads do
/// (`AposRelationPermissionTests`). The stored `<name>Ids` stay; morph links to unreadable
/// types go altogether, as piece reads drop them.
@Suite struct AposEmbeddedRelationPermissionTests {
    static let files: [String: String] = [
        "quire.yaml": """
            locales: [en, fr]
            defaultLocale: en
            permissions:
              public:
                page: [find, findOne]
                global: [find, findOne]
                tag: [find, findOne]
            apostrophe:
              externalFront: { keyFile: front-key }
            """,
        "schemas/page.yaml": """
            kind: collectionType
            info: { singularName: page, pluralName: pages, displayName: Page }
            options: { pageTree: true, draftAndPublish: true }
            pluginOptions: { i18n: { localized: true } }
            attributes:
              title: { type: string, required: true }
              slug: { type: string }
              author: { type: relation, relation: manyToOne, target: author }
              featured: { type: relation, relation: manyToMany, target: article }
              about: { type: relation, relation: morphToMany }
            """,
        "schemas/global.yaml": """
            kind: singleType
            info: { singularName: global, pluralName: globals, displayName: Global }
            options: { draftAndPublish: true }
            pluginOptions: { i18n: { localized: true } }
            attributes:
              footer: { type: string }
              author: { type: relation, relation: manyToOne, target: author }
              featured: { type: relation, relation: manyToMany, target: article }
              about: { type: relation, relation: morphToMany }
            """,
        "content/en/page/home.yaml": """
            title: Home
            author: ada
            featured: [first-post]
            about:
              - { __type: api::author.author, documentId: ada }
              - { __type: api::tag.tag, documentId: travel }
            """,
        "content/en/page/about.yaml": "title: About\nslug: about\nparent: home\nauthor: ada\n",
        "content/en/global/global.yaml": """
            footer: Made with care
            author: ada
            featured: [first-post]
            about:
              - { __type: api::author.author, documentId: ada }
              - { __type: api::tag.tag, documentId: travel }
            """,
    ]

    static func site() async throws -> AuthSite {
        let site = try await AuthSite.make(files: files)
        try AposExternalFrontTests.writeKey(gitDirectory: site.base.repository.gitDirectory)
        return site
    }

    static func types(_ value: Value?) -> [String] {
        value?.array.compactMap { $0["type"]?.stringValue } ?? []
    }

    /// What the public may see of a document that links to an author (which it may not read)
    /// and, by morph, to that author and a tag (which it may).
    static func expectPublicView(_ document: Value?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(document?["authorIds"] == .array(["ada"]), "\(what)", sourceLocation: sourceLocation)
        #expect(document?["_author"] == .array([]), "\(what): \(String(describing: document))", sourceLocation: sourceLocation)
        #expect(types(document?["_about"]) == ["tag"], "\(what): \(String(describing: document))", sourceLocation: sourceLocation)
    }

    @Test func thePageTreeShowsOnlyRelatedDocumentsTheCallerMayRead() async throws {
        let site = try await Self.site()
        try await site.test { client async throws in
            // The full token first: the tree is cached per snapshot, and must not reach the public.
            let full = try await client.apos(.get, "/api/v1/@apostrophecms/page", token: site.base.fullToken)
            #expect(full.status == .ok, "\(full.text)")
            #expect(try full.json["_author"]?[0]?["title"] == "Ada Lovelace", "\(full.text)")
            #expect(Self.types(try full.json["_about"]) == ["author", "tag"], "\(full.text)")

            let tree = try await client.apos(.get, "/api/v1/@apostrophecms/page")
            #expect(tree.status == .ok, "\(tree.text)")
            Self.expectPublicView(try tree.json, "the tree's home")
            let about = try await client.apos(.get, "/api/v1/@apostrophecms/page/about:en:published")
            #expect(about.status == .ok, "\(about.text)")
            #expect(try about.json["_author"] == .array([]), "\(about.text)")
            #expect(try about.json["_ancestors"]?[0]?["_author"] == nil, "ancestors stay light: \(about.text)")
            let listed = try await client.apos(.get, "/api/v1/@apostrophecms/page?type=page")
            let home = try #require(try listed.json["results"]?.array.first { $0["aposDocId"] == "home" })
            Self.expectPublicView(home, "the page list")
        }
    }

    /// A caller who may read articles, but not their drafts.
    static func drafter(_ site: AuthSite) async throws -> String {
        try await site.token(name: "drafter", access: .custom, permissions: [
            "page": ["find", "findOne", "view-draft"], "global": ["find", "findOne", "view-draft"], "article": ["find", "findOne"],
        ])
    }

    @Test func theGlobalShowsOnlyRelatedDocumentsTheCallerMayRead() async throws {
        let site = try await Self.site()
        let drafter = try await Self.drafter(site)
        try await site.test { client async throws in
            let full = try await client.apos(.get, "/api/v1/@apostrophecms/global", token: site.base.fullToken)
            #expect(try full.json["results"]?[0]?["_author"]?[0]?["title"] == "Ada Lovelace", "\(full.text)")
            let list = try await client.apos(.get, "/api/v1/@apostrophecms/global")
            #expect(list.status == .ok, "\(list.text)")
            Self.expectPublicView(try list.json["results"]?[0], "the global list")
            let one = try await client.apos(.get, "/api/v1/@apostrophecms/global/global:en:published")
            Self.expectPublicView(try one.json, "the global")
            let published = try await client.apos(.get, "/api/v1/@apostrophecms/global", token: drafter)
            #expect(try published.json["results"]?[0]?["_featured"]?[0]?["title"] == "First post", "\(published.text)")
            for path in ["/api/v1/@apostrophecms/global?aposMode=draft", "/api/v1/@apostrophecms/global/global:en:draft"] {
                let draft = try await client.apos(.get, path, token: drafter)
                let global = path.contains("?") ? try draft.json["results"]?[0] : try draft.json
                #expect(global?["featuredIds"] == .array(["first-post"]), "\(path): \(draft.text)")
                #expect(global?["_featured"] == .array([]), "\(path): \(draft.text)")
            }
        }
    }

    @Test func pageDataForAnExternalFrontShowsOnlyRelatedDocumentsTheCallerMayRead() async throws {
        let site = try await Self.site()
        let headers = AposExternalFrontTests.ssr()
        try await site.test { client async throws in
            let home = try await client.apos(.get, "/", headers: headers)
            #expect(home.status == .ok, "\(home.text)")
            Self.expectPublicView(try home.json["page"], "page")
            Self.expectPublicView(try home.json["global"], "global")
            let about = try await client.apos(.get, "/about", headers: headers)
            #expect(try about.json["page"]?["_author"] == .array([]), "\(about.text)")
        }
    }

    /// A caller who may read articles, but not their drafts, sees no article in draft mode.
    @Test func draftModeShowsOnlyRelatedDraftsTheCallerMaySee() async throws {
        let site = try await Self.site()
        let token = try await Self.drafter(site)
        try await site.test { client async throws in
            let published = try await client.apos(.get, "/api/v1/@apostrophecms/page", token: token)
            #expect(try published.json["_featured"]?[0]?["title"] == "First post", "\(published.text)")
            for path in ["/api/v1/@apostrophecms/page?aposMode=draft", "/api/v1/page/home:en:draft"] {
                let draft = try await client.apos(.get, path, token: token)
                #expect(draft.status == .ok, "\(path): \(draft.text)")
                #expect(try draft.json["featuredIds"] == .array(["first-post"]), "\(path): \(draft.text)")
                #expect(try draft.json["_featured"] == .array([]), "\(path): \(draft.text)")
            }
        }
    }
}
