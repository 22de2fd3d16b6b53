import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

@Suite struct OpenAPITests {
    /// The served document, fetched without a token.
    private static func document(_ client: any TestClientProtocol) async throws -> Value {
        let response = try await client.send(.get, "/api/openapi.json")
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        return try response.json
    }

    private static func parameterNames(_ operation: Value?) -> [String] {
        guard case .array(let items)? = operation?["parameters"] else { return [] }
        return items.compactMap { $0["$ref"]?.stringValue?.split(separator: "/").last.map(String.init) }
    }

    @Test func describesEveryRouteOfTheSite() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            let document = try await Self.document(client)
            #expect(document["openapi"] == .string("3.1.0"))
            guard case .object(let paths)? = document["paths"] else { throw TestFailure("no paths") }
            #expect(paths.keys.filter { !Self.isGitPath($0) && !OpenAPIAuthTests.isAuthPath($0) && !$0.hasPrefix("/api/v1/") } == [
                "/api/openapi.json", "/_health", "/api/i18n/locales", "/api/articles", "/api/articles/{documentId}",
                "/api/authors", "/api/authors/{documentId}", "/api/homepage", "/api/tags", "/api/tags/{documentId}",
                "/api/users", "/api/users-permissions/roles", "/api/users-permissions/roles/{id}",
                "/api/upload", "/api/upload/files", "/api/upload/files/{id}",
                "/review", "/review/{file}", "/uploads/{file}", "/uploads/attachments/{file}",
            ])
            #expect(paths["/api/articles"]?.count == 2)
            #expect(paths["/api/articles/{documentId}"]?.count == 3)
            #expect(paths["/api/homepage"]?.count == 3)
            #expect(paths["/api/homepage"]?["put"]?["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]
                == .string("#/components/schemas/HomepageRequest"))
            #expect(paths["/api/articles/{documentId}"]?["delete"]?["responses"]?["204"] != nil)
            #expect(paths["/api/articles"]?["post"]?["responses"]?["413"]?["$ref"] == .string("#/components/responses/PayloadTooLarge"))
        }
    }

    /// History, versions, diffs and review actions (see `gitRoutesAreDescribed`).
    private static func isGitPath(_ path: String) -> Bool {
        path.hasPrefix("/api/git/") || ["/history", "/versions/{commit}", "/restore", "/diff", "/publish", "/unpublish", "/discard"]
            .contains { path.hasSuffix($0) }
    }

    @Test func gitRoutesAreDescribed() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            guard case .object(let paths)? = try await Self.document(client)["paths"] else { throw TestFailure("no paths") }
            let article = paths.keys.filter { $0.hasPrefix("/api/articles/{documentId}/") }
            #expect(Set(article) == Set(["history", "versions/{commit}", "restore", "diff", "publish", "unpublish", "discard"]
                .map { "/api/articles/{documentId}/\($0)" }))
            #expect(paths["/api/authors/{documentId}/publish"] == nil, "authors have no draft & publish")
            #expect(paths["/api/authors/{documentId}/history"] != nil)
            let homepage = paths.keys.filter { $0.hasPrefix("/api/homepage/") }
            #expect(Set(homepage) == Set(["history", "versions/{commit}", "restore", "diff", "publish", "unpublish", "discard"]
                .map { "/api/homepage/\($0)" }), "a single type's routes are one segment shorter")
            #expect(Self.parameterNames(paths["/api/homepage/history"]?["get"]).contains("documentId") == false)
            let historyParameters = Self.parameterNames(paths["/api/articles/{documentId}/history"]?["get"])
            #expect(historyParameters.contains("paginationPageSize"))
            #expect(paths["/api/git/changes"]?["get"]?["parameters"]?[0]?["name"] == .string("since"))
            #expect(paths["/api/git/releases"]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]
                == .string("#/components/schemas/ReleaseRequest"))
            #expect(paths["/api/tags/{documentId}/history"]?["get"]?["security"]?.count == 2, "tags are public to read")
            #expect(paths["/api/articles/{documentId}/publish"]?["post"]?["responses"]?["409"] != nil)
        }
    }

    @Test func localeAndStatusOnlyWhereTheTypeHasThem() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            let document = try await Self.document(client)
            let paths = document["paths"]
            // article: localized, draft & publish; tag: localized only; author: neither.
            let articleList = Self.parameterNames(paths?["/api/articles"]?["get"])
            #expect(articleList == [
                "locale", "status", "paginationPage", "paginationPageSize", "paginationStart", "paginationLimit",
                "paginationWithCount", "page", "pageSize", "start", "limit", "filters", "sort", "fields", "populate", "q", "ifNoneMatch",
            ])
            #expect(Self.parameterNames(paths?["/api/tags"]?["get"]).prefix(2) == ["locale", "paginationPage"])
            let authorList = Self.parameterNames(paths?["/api/authors"]?["get"])
            let authorUpdate = Self.parameterNames(paths?["/api/authors/{documentId}"]?["put"])
            #expect(!authorList.contains("locale") && !authorList.contains("status"))
            #expect(authorUpdate == ["documentId", "ifMatch"])
            #expect(Self.parameterNames(paths?["/api/articles/{documentId}"]?["put"]) == ["documentId", "locale", "status", "ifMatch"])

            let parameters = document["components"]?["parameters"]
            #expect(parameters?["locale"]?["schema"]?["enum"] == .array([.string("en"), .string("fr")]))
            #expect(parameters?["paginationPage"]?["name"] == .string("pagination[page]"))
            #expect(parameters?["filters"]?["style"] == .string("deepObject"))
            #expect(parameters?["q"]?["name"] == .string("_q"))
        }
    }

    @Test func schemasFollowTheAttributes() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            let schemas = try await Self.document(client)["components"]?["schemas"]
            let article = schemas?["Article"]?["properties"]
            #expect(article?["id"]?["type"] == .string("integer"))
            #expect(article?["views"]?["type"] == .array([.string("integer"), .string("null")]))
            #expect(article?["publishedAt"]?["type"] == .array([.string("string"), .string("null")]))
            #expect(article?["publishedAt"]?["format"] == .string("date-time"))
            #expect(article?["secret"] == nil, "passwords are never answered")
            #expect(article?["author"]?["anyOf"]?[0]?["$ref"] == .string("#/components/schemas/Author"), "populated relations")
            #expect(schemas?["Article"]?["required"] == .array([.string("id"), .string("documentId")]))

            let input = schemas?["ArticleInput"]
            #expect(input?["required"] == .array([.string("title")]))
            #expect(input?["properties"]?["title"]?["maxLength"] == .int(40))
            #expect(input?["properties"]?["views"]?["minimum"] == .int(0))
            #expect(input?["properties"]?["category"]?["enum"] == .array([.string("news"), .string("review"), .string("guide"), .null]))
            #expect(input?["properties"]?["secret"] != nil)
            #expect(input?["properties"]?["tags"]?["anyOf"]?[1]?["$ref"] == .string("#/components/schemas/RelationOperations"))
            #expect(schemas?["ArticleUpdateInput"]?["required"] == nil, "updates are partial")
            #expect(schemas?["ArticleRequest"]?["properties"]?["data"]?["$ref"] == .string("#/components/schemas/ArticleInput"))
            #expect(schemas?["ArticleListResponse"]?["properties"]?["meta"]?["properties"]?["pagination"]?["$ref"]
                == .string("#/components/schemas/Pagination"))
            #expect(schemas?["Error"]?["properties"]?["error"]?["required"] == .array([.string("status"), .string("name"), .string("message")]))
        }
    }

    @Test func componentsAndDynamicZones() async throws {
        let site = try await TestSite.make(files: SchemaFixtures.everyType)
        try await site.test { client async throws in
            let schemas = try await Self.document(client)["components"]?["schemas"]
            let page = schemas?["PageInput"]?["properties"]
            #expect(page?["big"]?["type"] == .array([.string("string"), .string("integer"), .string("null")]))
            #expect(page?["day"]?["format"] == .string("date"))
            #expect(page?["at"]?["format"] == .string("date-time"))
            #expect(page?["content"]?["items"]?["type"] == .string("object"))
            #expect(page?["links"]?["type"] == .array([.string("array"), .string("null")]))
            #expect(page?["links"]?["items"]?["$ref"] == .string("#/components/schemas/SharedLinkComponentInput"))
            #expect(page?["links"]?["maxItems"] == .int(3))
            let zone = page?["blocks"]?["items"]
            #expect(zone?["discriminator"]?["propertyName"] == .string("__component"))
            #expect(zone?["discriminator"]?["mapping"]?["sections.quote"] == .string("#/components/schemas/SectionsQuoteEntryInput"))
            #expect(schemas?["SectionsQuoteComponent"]?["properties"]?["by"]?["anyOf"]?[0]?["$ref"]
                == .string("#/components/schemas/SharedLinkComponent"))
        }
    }

    @Test func publicWithoutATokenAndNotCapturedByTypeRoutes() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            // Even a bad token is not looked at: the route reveals schemas only.
            #expect(try await client.send(.get, "/api/openapi.json", token: "quire_not-a-token").status == .ok)
            #expect(try await client.send(.post, "/api/openapi.json").status != .ok)
            let document = try await Self.document(client)
            let security = document["paths"]?["/api/tags"]?["get"]?["security"]
            #expect(security == .array([.object([:]), .object(["bearerAuth": .array([])])]), "tag: public find")
            #expect(document["paths"]?["/api/articles"]?["get"]?["security"] == .array([.object(["bearerAuth": .array([])])]))
            #expect(document["components"]?["securitySchemes"]?["bearerAuth"]?["scheme"] == .string("bearer"))
        }
    }

    @Test func cachedUntilTheSchemaChanges() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            let first = try await client.send(.get, "/api/openapi.json")
            let etag = try #require(first.headers[.eTag])
            let again = try await client.send(.get, "/api/openapi.json")
            #expect(again.body == first.body)
            #expect(try await client.send(.get, "/api/openapi.json", headers: [.ifNoneMatch: etag]).status == .notModified)

            // A content commit leaves the schema alone; a schema commit changes the document.
            _ = try await client.send(.post, "/api/tags", token: site.fullToken, json: #"{"data":{"name":"New"}}"#)
            #expect(try await client.send(.get, "/api/openapi.json").headers[.eTag] == etag)
            let schema = site.path + "/schemas/author.yaml"
            try (String(contentsOfFile: schema, encoding: .utf8) + "\n  bio: { type: text }\n").write(toFile: schema, atomically: false, encoding: .utf8)
            try site.git("commit", "-qam", "Add bio")
            try await site.site.sync()
            let changed = try await client.send(.get, "/api/openapi.json")
            #expect(changed.headers[.eTag] != etag)
            #expect(try changed.json["components"]?["schemas"]?["AuthorInput"]?["properties"]?["bio"] != nil)
        }
    }

    @Test func theTestSitesDocumentsAreValidOpenAPI() async throws {
        for extra in [[:], SchemaFixtures.everyType] {
            let site = try await TestSite.make(files: extra)
            try await site.test { client async throws in
                let response = try await client.send(.get, "/api/openapi.json")
                try PythonTool.validateOpenAPI(Array(response.body.readableBytesView))
            }
        }
    }

    @Test func theDemoSitesDocumentIsValidOpenAPI() async throws {
        let site = try await TestSite.make(exactly: try SchemaFixtures.demoFiles())
        #expect(site.site.snapshot.problems.isEmpty)
        try await site.test { client async throws in
            let response = try await client.send(.get, "/api/openapi.json")
            let document = try response.json
            #expect(document["paths"]?["/api/articles"]?["get"]?["tags"] == .array([.string("Article")]))
            #expect(document["components"]?["schemas"]?["SectionsHeroEntry"] != nil)
            try PythonTool.validateOpenAPI(Array(response.body.readableBytesView))
        }
    }
}
