import QuireContent

/// The git-native routes: each document's history (a collection's by documentId, a single type's at its own URL), versions, restore and diff (and
/// publish, unpublish, discard where it has drafts), plus the site-wide `/api/git/...` views.
struct OpenAPIGitPaths {
    let schema: SiteSchema
    let config: SiteConfig

    func all() -> [(String, Value)] {
        var paths: [(String, Value)] = []
        let types = schema.contentTypes.values.sorted { $0.singularName < $1.singularName }
        for type in types {
            let name = OpenAPINames.type(type)
            let isCollection = type.kind == .collectionType
            // A single type's one document: the same routes, one segment shorter.
            let base = isCollection ? "/api/\(type.pluralName)/{documentId}" : "/api/\(type.singularName)"
            let id = isCollection ? [OpenAPINames.parameter("documentId")] : []
            let locale = type.localized ? [OpenAPINames.parameter("locale")] : []
            let status = type.draftAndPublish ? [OpenAPINames.parameter("status")] : []
            paths.append(("\(base)/history", SchemaNode.object([("get", operation(
                type, "findOne", "history\(name)", "Commits that touched this \(type.displayName) (on its draft branch with status=draft)",
                parameters: id + locale + status + ["paginationPage", "paginationPageSize", "paginationStart", "paginationLimit",
                                                    "paginationWithCount"].map(OpenAPINames.parameter),
                success: OpenAPINames.schema("HistoryResponse"), errors: [400, 401, 403, 404]))])))
            paths.append(("\(base)/versions/{commit}", SchemaNode.object([("get", operation(
                type, "findOne", "version\(name)", "This \(type.displayName) as of a commit",
                parameters: id + [Self.commitParameter] + locale,
                success: envelope(OpenAPINames.schema(name), meta: [
                    ("commit", OpenAPINames.schema("Commit")), ("path", SchemaNode.typed("string")),
                ]), errors: [400, 401, 403, 404]))])))
            paths.append(("\(base)/restore", SchemaNode.object([("post", operation(
                type, "update", "restore\(name)", "Restore a version of this \(type.displayName) as a new commit",
                parameters: id + locale + status, body: OpenAPINames.schema("RestoreRequest"),
                success: actionAnswer(name), errors: [400, 401, 403, 404, 409]))])))
            paths.append(("\(base)/diff", SchemaNode.object([("get", operation(
                type, "findOne", "diff\(name)", "Unified and per-field diff between two versions of this \(type.displayName)",
                parameters: id + locale + [Self.versionParameter("from", "published"), Self.versionParameter("to", "draft")],
                success: OpenAPINames.schema("DocumentDiffResponse"), errors: [400, 401, 403, 404]))])))
            guard type.draftAndPublish else { continue }
            let actions = [
                ("publish", "Merge the draft branch into main (fast-forward or a merge commit) and delete it"),
                ("unpublish", "Remove from main in one commit, keeping the content as the draft"),
                ("discard", "Delete the draft branch"),
            ]
            for (action, summary) in actions {
                paths.append(("\(base)/\(action)", SchemaNode.object([("post", operation(
                    type, "update", action + name, summary, parameters: id + locale,
                    success: actionAnswer(name), errors: action == "discard" ? [400, 401, 403, 404] : [400, 401, 403, 404, 409]))])))
            }
        }
        paths.append(("/api/git/drafts", SchemaNode.object([("get", siteOperation(
            "listDrafts", "Every draft branch the caller may read, with authors, distance to main and diff",
            parameters: ["locale", "paginationPage", "paginationPageSize", "paginationStart", "paginationLimit", "paginationWithCount",
                         "page", "pageSize", "start", "limit"].map(OpenAPINames.parameter),
            success: OpenAPINames.schema("DraftListResponse"), errors: [400, 401]))])))
        paths.append(("/api/git/changes", SchemaNode.object([("get", siteOperation(
            "listChanges", "Documents created, changed or deleted on main since a commit",
            parameters: [SchemaNode.object([
                ("name", .string("since")), ("in", .string("query")), ("required", .bool(true)),
                ("description", .string("A full commit id, e.g. the meta.commit of the previous answer.")), ("schema", Self.commitID),
            ])],
            success: OpenAPINames.schema("ChangesResponse"), errors: [400, 401]))])))
        paths.append(("/api/git/releases", SchemaNode.object([("post", siteOperation(
            "createRelease", "Publish several drafts in one merge commit, all or nothing",
            body: OpenAPINames.schema("ReleaseRequest"), success: OpenAPINames.schema("ReleaseResponse"),
            errors: [400, 401, 403, 404, 409, 413, 415], bearerOnly: true))])))
        paths += OpenAPIDeskPaths.paths()
        paths.append(OpenAPIWebhookPath.path())
        return paths
    }

    static let commitID = SchemaNode.typed("string", [("pattern", .string("^[0-9a-fA-F]{40}$"))])

    private static let commitParameter = SchemaNode.object([
        ("name", .string("commit")), ("in", .string("path")), ("required", .bool(true)),
        ("description", .string("A full commit id.")), ("schema", commitID),
    ])

    private static func versionParameter(_ name: String, _ fallback: String) -> Value {
        SchemaNode.object([
            ("name", .string(name)), ("in", .string("query")),
            ("description", .string("draft, published, or a full commit id (default \(fallback)).")),
            ("schema", SchemaNode.typed("string", [("default", .string(fallback))])),
        ])
    }

    private func envelope(_ data: Value, meta: [(String, Value)]) -> Value {
        SchemaNode.typed("object", [("properties", SchemaNode.object([
            ("data", data), ("meta", SchemaNode.typed("object", [("properties", SchemaNode.object(meta))])),
        ]))])
    }

    /// The document after an action (null when none is left in that view) and the commit made.
    private func actionAnswer(_ name: String) -> Value {
        envelope(SchemaNode.object([("anyOf", .array([OpenAPINames.schema(name), SchemaNode.typed("null")]))]),
                 meta: [("commit", OpenAPIGitSchemas.nullableString)])
    }

    private func operation(_ type: ContentType, _ action: String, _ operationId: String, _ summary: String,
                           parameters: [Value], body: Value? = nil, success: Value, errors: [Int]) -> Value {
        let isPublic = config.publicPermissions[type.singularName]?.contains(action) ?? false
        return build(operationId, summary, tag: type.displayName, isPublic: isPublic, parameters: parameters, body: body,
                     success: success, errors: errors)
    }

    private func siteOperation(_ operationId: String, _ summary: String, parameters: [Value] = [], body: Value? = nil,
                               success: Value, errors: [Int], bearerOnly: Bool = false) -> Value {
        // Site-wide reads answer the public with what quire.yaml lets it see.
        build(operationId, summary, tag: "Git", isPublic: !bearerOnly, parameters: parameters, body: body, success: success, errors: errors)
    }

    private func build(_ operationId: String, _ summary: String, tag: String, isPublic: Bool, parameters: [Value],
                       body: Value?, success: Value, errors: [Int]) -> Value {
        OpenAPIOperation.make(
            operationId, summary, tag: tag,
            security: isPublic ? [OpenAPIOperation.anonymous, OpenAPIOperation.bearer] : [OpenAPIOperation.bearer],
            parameters: parameters, body: body, success: success, errors: errors)
    }
}
