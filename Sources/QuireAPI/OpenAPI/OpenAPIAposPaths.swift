import QuireContent

/// The ApostropheCMS dialect's routes (`/api/v1/...`): unwrapped answers, `{name, data,
/// message}` errors, every success 200. Bodies are the document in Apostrophe's shape.
struct OpenAPIAposPaths {
    let schema: SiteSchema

    func all() -> [(String, Value)] {
        var paths: [(String, Value)] = []
        let types = schema.contentTypes.values.sorted { $0.singularName < $1.singularName }
        let id = Self.parameter("_id", in: "path", "`<aposDocId>:<locale>:<mode>` or a bare aposDocId")
        let scope = [Self.parameter("aposLocale", in: "query", "Locale, or `locale:mode`"), Self.parameter("aposMode", in: "query", "`draft` or `published` (default)")]
        for type in types {
            let base = "/api/v1/\(type.singularName)"
            let name = Self.operationName(type.singularName)
            let list = ["page", "perPage", "search", "autocomplete", "sort", "project", "_ids", "archived", "count", "choices", "counts"].map { Self.parameter($0, in: "query", "") }
                + [Self.renderAreas]
            paths.append((base, SchemaNode.object([
                ("get", operation("apos\(name)List", "List \(type.displayName) documents (filters per field, relationships by id `_rel` or slug `rel`, `sort[field]=1|-1`, `project`, `_ids[]`, "
                                  + "`choices`/`counts`); \(AposParameters.unsupported.joined(separator: ", ")) are refused (400), "
                                  + "as is a value Quire cannot apply; names Apostrophe does not know are ignored, as in Apostrophe",
                                  parameters: list + scope, success: Self.pieceList)),
                ("post", operation("apos\(name)Create", "Insert (published at once; a draft only with aposMode=draft), or POST-as-GET with __aposGetWithQuery",
                                   parameters: scope, body: Self.document, success: Self.document)),
            ])))
            paths.append(("\(base)/{_id}", SchemaNode.object([
                ("get", operation("apos\(name)Get", "One \(type.displayName)", parameters: [id] + scope + [Self.renderAreas], success: Self.document)),
                ("put", operation("apos\(name)Put", "Replace the whole document", parameters: [id] + scope, body: Self.document, success: Self.document)),
                ("patch", operation("apos\(name)Patch", "Patch: dot paths, @_id paths, $push/$pullAll/$pullAllById/$move, _patches, _publish, _advisoryLock (409 locked)",
                                    parameters: [id] + scope, body: SchemaNode.typed("object"), success: Self.document)),
                ("delete", operation("apos\(name)Delete", "Delete the draft (everywhere) or the published record (unpublish)", parameters: [id] + scope, success: nil)),
            ])))
            var actions: [(String, String, Value?)] = [("localize", "Copy to another locale as a draft", SchemaNode.typed("object", [
                ("properties", SchemaNode.object([("toLocale", SchemaNode.typed("string")), ("update", SchemaNode.typed("boolean"))])),
                ("required", SchemaNode.strings(["toLocale"])),
            ]))]
            if type.draftAndPublish {
                actions += [("publish", "Merge the draft branch into main", nil), ("unpublish", "Remove from main, keep the draft", nil),
                            ("revert-draft-to-published", "Drop the draft's changes (answers false when there were none)", nil)]
            }
            for (action, summary, body) in actions {
                paths.append(("\(base)/{_id}/\(action)", SchemaNode.object([
                    ("post", operation("apos\(name)\(Self.operationName(action))", summary, parameters: [id], body: body, success: Self.answer(of: action))),
                ])))
            }
            paths.append(("\(base)/{_id}/locales", SchemaNode.object([
                ("get", operation("apos\(name)Locales", "The locales this document exists in", parameters: [id], success: SchemaNode.typed("object"))),
            ])))
        }
        let i18n = "/api/v1/@apostrophecms/i18n"
        paths.append(("\(i18n)/locales", SchemaNode.object([("get", operation("aposLocales", "Configured locales", parameters: [], success: SchemaNode.typed("object")))])))
        paths.append(("\(i18n)/locale", SchemaNode.object([("post", operation(
            "aposSwitchLocale", "Locale switcher: {locale} → {redirectTo}", parameters: [], body: SchemaNode.typed("object"), success: SchemaNode.typed("object")))])))
        paths.append(("\(i18n)/exist-in-locale", SchemaNode.object([("post", operation(
            "aposExistInLocale", "Which of these documents exist in a locale", parameters: [], body: SchemaNode.typed("object"), success: SchemaNode.typed("object")))])))
        if types.contains(where: \.isPageType) {
            let page = "/api/v1/@apostrophecms/page"
            let lists = [Self.parameter("type", in: "query", "A page type: its pages as a paginated, filterable list {results, pages, currentPage}"),
                         Self.parameter("autocomplete", in: "query", "A title prefix: the 10 first matching pages as {results} (with type: of that type)")]
            let tree = [Self.parameter("all", in: "query", "1: the whole tree"), Self.parameter("flat", in: "query", "1 with all=1: a flat list"),
                        Self.parameter("children[depth]", in: "query", "Depth of _children (default 1)")]
            paths.append((page, SchemaNode.object([
                ("get", operation("aposPageTree", "The home page with _children, or a flat list with type= or autocomplete=", parameters: tree + lists + scope, success: Self.document)),
                ("post", operation("aposPageTreeInsert", "Insert a page at _targetId/_position", parameters: scope, body: Self.document, success: Self.document)),
            ])))
            paths.append(("\(page)/{_id}", SchemaNode.object([
                ("get", operation("aposPageTreeGetOne", "One page with _ancestors and _children (also _home)", parameters: [id] + tree + scope + [Self.renderAreas], success: Self.document)),
                ("put", operation("aposPageTreePut", "Replace the page's fields (it keeps its place; move with PATCH)", parameters: [id] + scope, body: Self.document, success: Self.document)),
                ("patch", operation("aposPageTreePatch", "Patch or move (_targetId, _position) a page", parameters: [id] + scope, body: SchemaNode.typed("object"), success: Self.document)),
                ("delete", operation("aposPageTreeDelete", "Delete a page without children", parameters: [id] + scope, success: nil)),
            ])))
            let pageActions: [(String, String, Value?)] = [
                ("publish", "Merge the page's draft branch into main", nil), ("unpublish", "Remove the page from main, keep the draft", nil),
                ("revert-draft-to-published", "Drop the page draft's changes (answers false when there were none)", nil),
                ("localize", "Copy the page to another locale as a draft", SchemaNode.typed("object", [
                    ("properties", SchemaNode.object([("toLocale", SchemaNode.typed("string")), ("update", SchemaNode.typed("boolean"))])),
                    ("required", SchemaNode.strings(["toLocale"])),
                ])),
            ]
            for (action, summary, body) in pageActions {
                paths.append(("\(page)/{_id}/\(action)", SchemaNode.object([
                    ("post", operation("aposPageTree\(Self.operationName(action))", summary, parameters: [id], body: body, success: Self.answer(of: action))),
                ])))
            }
            paths.append(("\(page)/{_id}/locales", SchemaNode.object([
                ("get", operation("aposPageTreeLocales", "The locales this page exists in", parameters: [id], success: SchemaNode.typed("object"))),
            ])))
            paths.append(("\(page)/{_id}/locale/{toLocale}", SchemaNode.object([
                ("get", Self.redirecting(operation("aposPageInLocale", "302 to the page's URL in another locale (plain text 400 for an unknown locale, 404 for a missing page)",
                                  parameters: [id, Self.parameter("toLocale", in: "path", "A locale of quire.yaml")] + scope, success: nil))),
            ])))
        }
        return paths + OpenAPIAposExtraPaths(apos: self).all()
    }

    static let renderAreas = parameter("render-areas", in: "query", "1: each area's HTML in _rendered (no items); inline: each widget's _rendered")

    static let document = SchemaNode.typed("object", [
        ("description", .string("A document in Apostrophe's shape: _id, aposDocId, aposLocale, aposMode, type, metaType, title, slug, fields, relations as <name>Ids and _<name> (a morph relation's documents each with their own type; written as [{_id, type}])")),
    ])
    /// What a document action answers: the document, or `false` from a revert with nothing to revert.
    static func answer(of action: String) -> Value {
        guard action == "revert-draft-to-published" else { return document }
        return SchemaNode.object([("anyOf", .array([document, SchemaNode.object([("const", .bool(false))])]))])
    }

    /// The locale switch answers a 302, never a 200; like Apostrophe's plain Express route it
    /// answers an unknown locale (`invalid locale name`) and a missing page (`not found`) in text.
    private static func redirecting(_ operation: Value) -> Value {
        guard case .object(var pairs) = operation, case .object(var responses)? = pairs["responses"] else { return operation }
        responses["200"] = nil
        responses["302"] = SchemaNode.object([
            ("description", .string("Found: the page in that locale")),
            ("headers", SchemaNode.object([("Location", SchemaNode.object([("required", .bool(true)), ("schema", SchemaNode.typed("string"))]))])),
        ])
        for (status, text) in [("400", "invalid"), ("404", "notfound")] {
            responses[status] = SchemaNode.object([
                ("description", .string(text)),
                ("content", SchemaNode.object([
                    ("application/json", SchemaNode.object([("schema", error)])),
                    ("text/plain", SchemaNode.object([("schema", SchemaNode.typed("string"))])),
                ])),
            ])
        }
        pairs["responses"] = .object(responses)
        return .object(pairs)
    }

    static let pieceList = SchemaNode.typed("object", [
        ("properties", SchemaNode.object([
            ("pages", SchemaNode.typed("integer")), ("currentPage", SchemaNode.typed("integer")),
            ("results", SchemaNode.typed("array", [("items", document)])),
        ])),
        ("required", SchemaNode.strings(["pages", "currentPage", "results"])),
    ])
    static let error = SchemaNode.typed("object", [
        ("properties", SchemaNode.object([("name", SchemaNode.typed("string")), ("data", SchemaNode.typed("object")), ("message", SchemaNode.typed("string"))])),
    ])

    func operation(_ id: String, _ summary: String, parameters: [Value], body: Value? = nil, success: Value?) -> Value {
        var pairs: [(String, Value)] = [("tags", SchemaNode.strings(["Apostrophe"])), ("operationId", .string(id)), ("summary", .string(summary))]
        if !parameters.isEmpty { pairs.append(("parameters", .array(parameters))) }
        if let body { pairs.append(("requestBody", SchemaNode.object([("content", OpenAPIComponents.json(body))]))) }
        var responses: [(String, Value)] = [("200", SchemaNode.object(
            [("description", .string("OK"))] + (success.map { [("content", OpenAPIComponents.json($0))] } ?? [])))]
        for (code, text) in [("400", "invalid"), ("403", "forbidden"), ("404", "notfound"), ("409", "conflict")] {
            responses.append((code, SchemaNode.object([("description", .string(text)), ("content", OpenAPIComponents.json(Self.error))])))
        }
        pairs.append(("responses", SchemaNode.object(responses)))
        return SchemaNode.object(pairs)
    }

    static func parameter(_ name: String, in location: String, _ description: String) -> Value {
        var pairs: [(String, Value)] = [("name", .string(name)), ("in", .string(location)), ("schema", SchemaNode.typed("string"))]
        if location == "path" { pairs.append(("required", .bool(true))) }
        if !description.isEmpty { pairs.append(("description", .string(description))) }
        return SchemaNode.object(pairs)
    }

    /// `revert-draft-to-published` → `RevertDraftToPublished`.
    static func operationName(_ text: String) -> String {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
