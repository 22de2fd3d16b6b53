import QuireContent

/// Every route Quire serves, per content type: collection types at `/api/{plural}[/{documentId}]`,
/// single types at `/api/{singular}`, plus the locales and this document.
struct OpenAPIPaths {
    let schema: SiteSchema
    let config: SiteConfig

    func all() -> [(String, Value)] {
        var paths: [(String, Value)] = [
            (OpenAPIRoutes.path, SchemaNode.object([("get", SchemaNode.object([
                ("operationId", .string("getOpenAPIDocument")), ("summary", .string("This document")),
                ("tags", SchemaNode.strings(["Meta"])), ("security", .array([])),
                ("responses", SchemaNode.object([("200", SchemaNode.object([
                    ("description", .string("The OpenAPI 3.1 document of this site, generated from its schemas.")),
                    ("content", OpenAPIComponents.json(SchemaNode.typed("object"))),
                ]))])),
            ]))])),
            ("/_health", SchemaNode.object([("get", SchemaNode.object([
                ("operationId", .string("getHealth")), ("summary", .string("Whether every file reads; with a full-access token, every problem")),
                ("tags", SchemaNode.strings(["Meta"])), ("security", .array([])),
                ("responses", SchemaNode.object([("200", SchemaNode.object([
                    ("description", .string("{status: ok|degraded, commit, problemCount}, and problems[{path, line, message}] for a full-access token.")),
                    ("content", OpenAPIComponents.json(SchemaNode.typed("object"))),
                ]))])),
            ]))])),
            ("/api/i18n/locales", SchemaNode.object([("get", SchemaNode.object([
                ("operationId", .string("listLocales")), ("summary", .string("The site's locales (quire.yaml)")),
                ("tags", SchemaNode.strings(["Meta"])), ("security", .array([])),
                ("responses", SchemaNode.object([("200", SchemaNode.object([
                    ("description", .string("Every locale, the default one marked.")),
                    ("content", OpenAPIComponents.json(SchemaNode.typed("array", [("items", OpenAPINames.schema("Locale"))]))),
                ]))])),
            ]))])),
        ]
        for type in schema.contentTypes.values.sorted(by: { $0.singularName < $1.singularName }) {
            let name = OpenAPINames.type(type)
            switch type.kind {
            case .collectionType:
                paths.append(("/api/\(type.pluralName)", SchemaNode.object([
                    ("get", operation(type, "find", "list" + OpenAPINames.pascal(type.pluralName), "List \(type.displayName) documents",
                                      parameters: scope(type) + listParameters, success: ("200", "\(name)ListResponse"))),
                    ("post", operation(type, "create", "create\(name)", "Create a \(type.displayName)",
                                       parameters: scope(type), body: "\(name)Request", success: ("201", "\(name)Response"))),
                ])))
                let id = [OpenAPINames.parameter("documentId")]
                paths.append(("/api/\(type.pluralName)/{documentId}", SchemaNode.object([
                    ("get", operation(type, "findOne", "get\(name)", "Get a \(type.displayName)",
                                      parameters: id + scope(type) + oneParameters, success: ("200", "\(name)Response"))),
                    ("put", operation(type, "update", "update\(name)", "Update a \(type.displayName) (or add a localization)",
                                      parameters: id + scope(type) + [OpenAPINames.parameter("ifMatch")],
                                      body: "\(name)UpdateRequest", success: ("200", "\(name)Response"))),
                    ("delete", operation(type, "delete", "delete\(name)", "Delete a \(type.displayName)",
                                         parameters: id + scope(type) + [OpenAPINames.parameter("ifMatch")], success: ("204", nil))),
                ])))
            case .singleType:
                paths.append(("/api/\(type.singularName)", SchemaNode.object([
                    ("get", operation(type, "find", "get\(name)", "Get the \(type.displayName)",
                                      parameters: scope(type) + oneParameters, success: ("200", "\(name)Response"))),
                    ("put", operation(type, "update", "update\(name)", "Create or update the \(type.displayName)",
                                      parameters: scope(type) + [OpenAPINames.parameter("ifMatch")],
                                      body: "\(name)Request", success: ("200", "\(name)Response"))),
                    ("delete", operation(type, "delete", "delete\(name)", "Delete the \(type.displayName)",
                                         parameters: scope(type) + [OpenAPINames.parameter("ifMatch")], success: ("204", nil))),
                ])))
            }
        }
        return paths + OpenAPIGitPaths(schema: schema, config: config).all() + OpenAPIAposPaths(schema: schema).all()
    }

    /// `locale` only where documents have localizations, `status` only where drafts exist.
    private func scope(_ type: ContentType) -> [Value] {
        (type.localized ? [OpenAPINames.parameter("locale")] : [])
            + (type.draftAndPublish ? [OpenAPINames.parameter("status")] : [])
    }

    private let listParameters = [
        "paginationPage", "paginationPageSize", "paginationStart", "paginationLimit", "paginationWithCount",
        "page", "pageSize", "start", "limit", "filters", "sort", "fields", "populate", "q", "ifNoneMatch",
    ].map(OpenAPINames.parameter)

    private let oneParameters = ["fields", "populate", "ifNoneMatch"].map(OpenAPINames.parameter)

    private func operation(
        _ type: ContentType, _ action: String, _ operationId: String, _ summary: String,
        parameters: [Value], body: String? = nil, success: (status: String, schema: String?)
    ) -> Value {
        var pairs: [(String, Value)] = [
            ("operationId", .string(operationId)), ("summary", .string(summary)),
            ("description", .string("A query parameter not listed here is refused (400 ValidationError `Invalid key <name>`), "
                + "as Strapi does with `rest.strictParams`; `apikey`/`apiKey` are read as credentials.")),
            ("tags", SchemaNode.strings([type.displayName])),
        ]
        // A public action works without a token too: security lists "none" as an alternative.
        let isPublic = config.publicPermissions[type.singularName]?.contains(action) ?? false
        let bearer = SchemaNode.object([("bearerAuth", .array([]))])
        pairs.append(("security", .array(isPublic ? [SchemaNode.object([]), bearer] : [bearer])))
        pairs.append(("parameters", .array(parameters)))
        if let body {
            pairs.append(("requestBody", SchemaNode.object([
                ("required", .bool(true)), ("content", OpenAPIComponents.json(OpenAPINames.schema(body))),
            ])))
        }
        var responses: [(String, Value)] = []
        if let schema = success.schema {
            responses.append((success.status, SchemaNode.object([
                ("description", .string(success.status == "201" ? "Created" : "OK")),
                ("content", OpenAPIComponents.json(OpenAPINames.schema(schema))),
            ])))
        } else {
            responses.append((success.status, SchemaNode.object([("description", .string("Deleted; no body."))])))
        }
        if action == "find" || action == "findOne" {
            responses.append(("304", SchemaNode.object([("description", .string("Not modified (If-None-Match)."))])))
        }
        for error in OpenAPIComponents.errors where Self.statuses(action, isCollectionList: type.kind == .collectionType).contains(error.status) {
            responses.append((String(error.status), OpenAPINames.response(error.key)))
        }
        pairs.append(("responses", SchemaNode.object(responses)))
        return SchemaNode.object(pairs)
    }

    /// The error statuses each action can answer with.
    private static func statuses(_ action: String, isCollectionList: Bool) -> Set<Int> {
        switch action {
        case "find": isCollectionList ? [400, 401, 403] : [400, 401, 403, 404]
        case "findOne": [400, 401, 403, 404]
        case "create": [400, 401, 403, 409, 413, 415]
        case "update": [400, 401, 403, 404, 409, 412, 413, 415]
        default: [400, 401, 403, 404, 409, 412]
        }
    }
}
