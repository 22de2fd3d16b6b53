import QuireContent

/// Apostrophe routes added beside `OpenAPIAposPaths`: `@apostrophecms/global` (the `global`
/// single type, see `AposGlobal`), `revert-published-to-previous` and `@apostrophecms/user`.
struct OpenAPIAposExtraPaths {
    let apos: OpenAPIAposPaths

    func all() -> [(String, Value)] {
        let base = AposGlobal.path
        let id = OpenAPIAposPaths.parameter("_id", in: "path", "`global:<locale>:<mode>` or `global`")
        let scope = [OpenAPIAposPaths.parameter("aposLocale", in: "query", "Locale, or `locale:mode`"),
                     OpenAPIAposPaths.parameter("aposMode", in: "query", "`draft` or `published` (default)")]
        let list = ["page", "perPage", "project", "count"].map { OpenAPIAposPaths.parameter($0, in: "query", "") }
        let document = OpenAPIAposPaths.document
        var paths: [(String, Value)] = [
            (base, SchemaNode.object([
                ("get", apos.operation("aposGlobalList", "The global document as a list of one (the unsaved global, with the schema's defaults, before its first write)",
                                       parameters: list + scope, success: OpenAPIAposPaths.pieceList)),
                ("post", apos.operation("aposGlobalPost", "POST-as-GET (__aposGetWithQuery) or _newInstance; inserting a second global is 403",
                                        parameters: scope, body: SchemaNode.typed("object"), success: document)),
            ])),
            ("\(base)/{_id}", SchemaNode.object([
                ("get", apos.operation("aposGlobalGet", "The global document", parameters: [id] + scope, success: document)),
                ("put", apos.operation("aposGlobalPut", "Replace the global's fields (the first write of a locale saves it)",
                                       parameters: [id] + scope, body: document, success: document)),
                ("patch", apos.operation("aposGlobalPatch", "Patch the global, as a piece PATCH (the first write of a locale saves it)",
                                         parameters: [id] + scope, body: SchemaNode.typed("object"), success: document)),
                ("delete", apos.operation("aposGlobalDelete", "Refused (403): the global is a singleton", parameters: [id] + scope, success: nil)),
            ])),
        ]
        let actions: [(String, String, Value?)] = [
            ("publish", "Merge the global's draft branch into main", nil),
            ("unpublish", "Refused (403): Apostrophe forbids unpublishing a singleton", nil),
            ("revert-draft-to-published", "Drop the global draft's changes (answers false when there were none)", nil),
            ("revert-published-to-previous", Self.revertPublished, nil),
            ("localize", "Copy the global to another locale as a draft", SchemaNode.typed("object", [
                ("properties", SchemaNode.object([("toLocale", SchemaNode.typed("string")), ("update", SchemaNode.typed("boolean"))])),
                ("required", SchemaNode.strings(["toLocale"])),
            ])),
        ]
        for (action, summary, body) in actions {
            paths.append(("\(base)/{_id}/\(action)", SchemaNode.object([
                ("post", apos.operation("aposGlobal\(OpenAPIAposPaths.operationName(action))", summary, parameters: [id], body: body, success: document)),
            ])))
        }
        paths.append(("\(base)/{_id}/locales", SchemaNode.object([
            ("get", apos.operation("aposGlobalLocales", "The locales the global is saved in", parameters: [id], success: SchemaNode.typed("object"))),
        ])))
        let loginContext = SchemaNode.object([
            ("get", apos.operation("aposLoginContext", "What the login page shows: env, name, version, requirementProps (public)", parameters: [], success: SchemaNode.typed("object"))),
            ("post", apos.operation("aposLoginContextPost", "The same, by POST", parameters: [], success: SchemaNode.typed("object"))),
        ])
        let urlMetadata = SchemaNode.object([
            ("get", apos.operation("aposURLMetadata",
                                   "Every page URL of a locale, for an external front's static build (needs the x-requested-with: AposExternalFront and apos-external-front-key headers; 403 otherwise)",
                                   parameters: scope + [OpenAPIAposPaths.parameter("attachments", in: "query", "Not served: 400 when 1")],
                                   success: SchemaNode.typed("object"))),
        ])
        let fieldId = OpenAPIAposPaths.parameter("fieldId", in: "query", "Apostrophe's field id")
        let choicesSummary = "A field's dynamic choices: always 400 invalid, as Apostrophe answers for a field without them (Quire runs no module code; choices are listed in the schema)"
        let schemaChoices = SchemaNode.object([
            ("get", apos.operation("aposSchemaChoices", choicesSummary, parameters: [fieldId], success: SchemaNode.typed("object"))),
            ("post", apos.operation("aposSchemaChoicesPost", choicesSummary, parameters: [fieldId], success: SchemaNode.typed("object"))),
        ])
        return paths + revertPublishedPaths(id: id) + userPaths()
            + [(AposRoutes.loginContextPath, loginContext), (AposRoutes.urlMetadataPath, urlMetadata), (AposRoutes.schemaChoicesPath, schemaChoices)]
    }

    /// `@apostrophecms/user`, over the users ref (admins only).
    private func userPaths() -> [(String, Value)] {
        let base = AposRoutes.userPath
        let id = OpenAPIAposPaths.parameter("_id", in: "path", "The user's id (or username)")
        let list = ["page", "perPage", "count", "search", "role"].map { OpenAPIAposPaths.parameter($0, in: "query", "") }
        let user = SchemaNode.typed("object", [
            ("properties", SchemaNode.object(["title", "username", "email", "role"].map { ($0, SchemaNode.typed("string")) }
                + [("password", SchemaNode.typed("string", [("format", .string("password")), ("writeOnly", .bool(true))])),
                   ("disabled", SchemaNode.typed("boolean"))])),
        ])
        return [
            (base, SchemaNode.object([
                ("get", apos.operation("aposUserList", "Users (admins; other signed-in callers get an empty list)", parameters: list, success: OpenAPIAposPaths.pieceList)),
                ("post", apos.operation("aposUserInsert", "Add a user (username, email and password required)", parameters: [], body: user, success: user)),
            ])),
            ("\(base)/{_id}", SchemaNode.object([
                ("get", apos.operation("aposUserGet", "One user", parameters: [id], success: user)),
                ("put", apos.operation("aposUserPut", "Change a user (fields left out, and the password, are kept)", parameters: [id], body: user, success: user)),
                ("patch", apos.operation("aposUserPatch", "Change a user; a new password ends the user's tokens and sessions", parameters: [id], body: user, success: user)),
                ("delete", apos.operation("aposUserDelete", "Remove a user", parameters: [id], success: nil)),
            ])),
        ]
    }

    static let revertPublished = "Undo the last publish: main gets back what it held before it, as a new commit (400 when there is nothing to go back to)"

    /// `revert-published-to-previous` of every draft & publish type, and of pages at their path.
    private func revertPublishedPaths(id: Value) -> [(String, Value)] {
        let types = apos.schema.contentTypes.values.filter(\.draftAndPublish).sorted { $0.singularName < $1.singularName }
        var paths = types.map { type in
            ("/api/v1/\(type.singularName)/{_id}/revert-published-to-previous", SchemaNode.object([
                ("post", apos.operation("apos\(OpenAPIAposPaths.operationName(type.singularName))RevertPublishedToPrevious", Self.revertPublished,
                                        parameters: [id], success: OpenAPIAposPaths.document)),
            ]))
        }
        if types.contains(where: \.isPageType) {
            paths.append(("/api/v1/@apostrophecms/page/{_id}/revert-published-to-previous", SchemaNode.object([
                ("post", apos.operation("aposPageTreeRevertPublishedToPrevious", Self.revertPublished, parameters: [id], success: OpenAPIAposPaths.document)),
            ])))
        }
        return paths
    }
}
