import QuireContent

/// The parts of the document every content type shares: query parameters, error answers,
/// pagination, relation inputs and the bearer scheme.
enum OpenAPIComponents {
    static func parameters(config: SiteConfig) -> [(String, Value)] {
        [
            ("documentId", parameter("documentId", in: "path", required: true,
                                     SchemaNode.typed("string", [("pattern", .string(TextPatterns.documentId))]),
                                     "The document's documentId (its file name).")),
            ("locale", parameter("locale", SchemaNode.typed("string", [
                ("enum", SchemaNode.strings(config.locales)), ("default", .string(config.defaultLocale)),
            ]), "Which localization to read or write.")),
            ("status", parameter("status", SchemaNode.typed("string", [
                ("enum", SchemaNode.strings(["draft", "published"])), ("default", .string("published")),
            ]), "Read or write the draft (its own branch) or the published version (main).")),
            ("paginationPage", parameter("pagination[page]", SchemaNode.typed("integer", [("minimum", .int(1)), ("default", .int(1))]),
                                         "Page number, from 1.")),
            ("paginationPageSize", parameter("pagination[pageSize]", SchemaNode.typed("integer", [
                ("minimum", .int(1)), ("maximum", .int(Int64(StrapiQuery.maximumLimit))), ("default", .int(Int64(StrapiQuery.defaultLimit))),
            ]), "Documents per page.")),
            ("paginationStart", parameter("pagination[start]", SchemaNode.typed("integer", [("minimum", .int(0))]),
                                          "Offset of the first document (instead of page and pageSize).")),
            ("paginationLimit", parameter("pagination[limit]", SchemaNode.typed("integer", [("minimum", .int(-1))]),
                                          "Number of documents from start; -1 for the most allowed.")),
            ("page", parameter("page", SchemaNode.typed("integer", [("minimum", .int(1))]), "Strapi 5's top-level form of pagination[page].")),
            ("pageSize", parameter("pageSize", SchemaNode.typed("integer", [("minimum", .int(1))]), "Strapi 5's top-level form of pagination[pageSize].")),
            ("start", parameter("start", SchemaNode.typed("integer", [("minimum", .int(0))]), "Strapi 5's top-level form of pagination[start].")),
            ("limit", parameter("limit", SchemaNode.typed("integer", [("minimum", .int(-1))]), "Strapi 5's top-level form of pagination[limit].")),
            ("paginationWithCount", parameter("pagination[withCount]", SchemaNode.typed("boolean", [("default", .bool(true))]),
                                              "Whether meta.pagination carries total and pageCount.")),
            ("filters", deepObject("filters", "Strapi filters, e.g. filters[title][$contains]=bun.")),
            ("sort", parameter("sort", stringOrList, "Fields to sort by, e.g. sort=title:asc or sort[0]=views:desc.")),
            ("fields", parameter("fields", stringOrList, "The attributes to return, e.g. fields[0]=title.")),
            ("populate", deepObject("populate", "Relations, media, components and dynamic zones to include: *, a list, or an object.",
                                    schema: SchemaNode.object([("anyOf", .array([SchemaNode.typed("string"), SchemaNode.typed("array", [("items", SchemaNode.typed("string"))]), SchemaNode.typed("object")]))]))),
            ("q", parameter("_q", SchemaNode.typed("string"), "Full-text search in the documents' text attributes.")),
            ("ifNoneMatch", parameter("If-None-Match", in: "header", SchemaNode.typed("string"), "An ETag from an earlier answer: 304 if it still matches.")),
            ("ifMatch", parameter("If-Match", in: "header", SchemaNode.typed("string"), "The ETag the change is based on: 412 if the document changed since.")),
        ]
    }

    private static let stringOrList = SchemaNode.object([
        ("anyOf", .array([SchemaNode.typed("string"), SchemaNode.typed("array", [("items", SchemaNode.typed("string"))])])),
    ])

    private static func parameter(_ name: String, in location: String = "query", required: Bool = false,
                                  _ schema: Value, _ description: String) -> Value {
        var pairs: [(String, Value)] = [("name", .string(name)), ("in", .string(location))]
        if required { pairs.append(("required", .bool(true))) }
        return SchemaNode.object(pairs + [("description", .string(description)), ("schema", schema)])
    }

    private static func deepObject(_ name: String, _ description: String, schema: Value = SchemaNode.typed("object")) -> Value {
        SchemaNode.object([
            ("name", .string(name)), ("in", .string("query")), ("description", .string(description)),
            ("style", .string("deepObject")), ("explode", .bool(true)), ("schema", schema),
        ])
    }

    /// Strapi's error names, by the status each is answered with.
    static let errors: [(key: String, status: Int, name: String)] = [
        ("BadRequest", 400, "ValidationError"),
        ("Unauthorized", 401, "UnauthorizedError"),
        ("Forbidden", 403, "ForbiddenError"),
        ("NotFound", 404, "NotFoundError"),
        ("Conflict", 409, "ConflictError"),
        ("PreconditionFailed", 412, "PreconditionFailedError"),
        ("PayloadTooLarge", 413, "PayloadTooLargeError"),
        ("UnsupportedMediaType", 415, "UnsupportedMediaTypeError"),
    ]

    static func responses() -> [(String, Value)] {
        errors.map { error in
            (error.key, SchemaNode.object([
                ("description", .string("\(error.name) in Strapi's error envelope.")),
                ("content", json(OpenAPINames.schema("Error"))),
            ]))
        }
    }

    static func json(_ schema: Value) -> Value {
        SchemaNode.object([("application/json", SchemaNode.object([("schema", schema)]))])
    }

    static func schemas() -> [(String, Value)] {
        let integer = SchemaNode.typed("integer")
        let target = SchemaNode.typed("object", [
            ("properties", SchemaNode.object([
                ("documentId", SchemaNode.typed("string", [("pattern", .string(TextPatterns.documentId))])),
                ("locale", SchemaNode.typed("string")),
                ("position", SchemaNode.typed("object", [("properties", SchemaNode.object([
                    ("before", SchemaNode.typed("string")), ("after", SchemaNode.typed("string")),
                    ("start", SchemaNode.typed("boolean")), ("end", SchemaNode.typed("boolean")),
                ]))])),
            ])),
            ("required", SchemaNode.strings(["documentId"])),
        ])
        let targets = SchemaNode.typed("array", [("items", OpenAPINames.schema("RelationTarget"))])
        return [
            ("Error", SchemaNode.typed("object", [
                ("properties", SchemaNode.object([
                    ("data", SchemaNode.typed("null")),
                    ("error", SchemaNode.typed("object", [
                        ("properties", SchemaNode.object([
                            ("status", integer), ("name", SchemaNode.typed("string")),
                            ("message", SchemaNode.typed("string")), ("details", SchemaNode.typed("object")),
                        ])),
                        ("required", SchemaNode.strings(["status", "name", "message"])),
                    ])),
                ])),
                ("required", SchemaNode.strings(["data", "error"])),
            ])),
            ("Pagination", SchemaNode.typed("object", [
                ("description", .string("page and pageSize, or start and limit, as requested; total and pageCount unless withCount=false.")),
                ("properties", SchemaNode.object([
                    ("page", integer), ("pageSize", integer), ("pageCount", integer),
                    ("start", integer), ("limit", integer), ("total", integer),
                ])),
            ])),
            ("Locale", SchemaNode.typed("object", [
                ("properties", SchemaNode.object([
                    ("id", integer), ("name", SchemaNode.typed("string")),
                    ("code", SchemaNode.typed("string")), ("isDefault", SchemaNode.typed("boolean")),
                ])),
                ("required", SchemaNode.strings(["id", "name", "code", "isDefault"])),
            ])),
            ("RelationTarget", SchemaNode.object([
                ("description", .string("A related document: its documentId, or an object naming it (with a position when connecting).")),
                ("anyOf", .array([SchemaNode.typed("string", [("pattern", .string(TextPatterns.documentId))]), target])),
            ])),
            ("RelationOperations", SchemaNode.typed("object", [
                ("properties", SchemaNode.object([("connect", targets), ("disconnect", targets), ("set", targets)])),
                ("description", .string("set replaces the relation; connect and disconnect change it (set cannot be combined with them).")),
            ])),
        ]
    }

    static func securitySchemes() -> [(String, Value)] {
        [("bearerAuth", SchemaNode.object([
            ("type", .string("http")), ("scheme", .string("bearer")),
            ("description", .string("An API token made with `quire token create`, a JWT from /api/auth/local or a bearer token from Apostrophe's login.")),
        ])), ("apiKeyAuth", SchemaNode.object([
            ("type", .string("apiKey")), ("in", .string("header")), ("name", .string("Authorization")),
            ("description", .string("`ApiKey <key>` (or ?apiKey=<key>): a token made with `quire token create`, as Apostrophe's API keys.")),
        ]))]
    }
}
