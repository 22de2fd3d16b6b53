import QuireContent

/// `@apostrophecms/image` and `@apostrophecms/file` pieces over the media library (see
/// `AposImageFileRoutes`); `make contract` checks them against Apostrophe's official file too.
enum OpenAPIAposImageFilePaths {
    static func all() -> [(String, Value)] {
        let security = [OpenAPIOperation.bearer, OpenAPIOperation.anonymous]
        let id = OpenAPIAposPaths.parameter("_id", in: "path", "`<aposDocId>:<locale>:<mode>` or the bare aposDocId (the file's documentId)")
        let scope = [OpenAPIAposPaths.parameter("aposLocale", in: "query", "Locale, or `locale:mode`"),
                     OpenAPIAposPaths.parameter("aposMode", in: "query", "`draft` or `published` (default)")]
        let list = ["page", "perPage", "count", "search", "autocomplete", "_ids", "sort", "archived", "title", "slug", "project",
                    "_tags", "_tagsAnd", "tags", "tagsAnd"]
            .map { OpenAPIAposPaths.parameter($0, in: "query", "") }
        let attachment = SchemaNode.typed("object", [("properties", SchemaNode.object([("_id", SchemaNode.typed("string"))]))])
        var paths: [(String, Value)] = []
        for (kind, name, text) in [(MediaPieceFields.Kind.image, "Image", "alt"), (.file, "File", "description")] {
            let base = "/api/v1/" + kind.rawValue
            let piece = SchemaNode.typed("object", [
                ("description", .string("A media file as an \(kind.rawValue) piece: title, slug, \(text), credit, creditUrl, archived, attachment (with _urls or _url)")),
                ("properties", SchemaNode.object(["title", "slug", text, "credit", "creditUrl"].map { ($0, SchemaNode.typed("string")) }
                    + [("archived", SchemaNode.typed("boolean")), ("attachment", attachment)])),
            ])
            let pieces = page(of: piece)
            func operation(_ operation: String, _ summary: String, parameters: [Value], body: Value? = nil, success: Value?, errors: [Int]) -> Value {
                OpenAPIOperation.make("apos\(name)\(operation)", summary, tag: "Upload", security: security, parameters: parameters, body: body,
                                      success: success, errors: [], extraResponses: OpenAPIOperation.apostropheErrors(errors))
            }
            paths.append((base, SchemaNode.object([
                ("get", operation("List", "\(name) pieces (one per media file of that kind), newest first", parameters: list + scope,
                                  success: pieces, errors: [400, 401, 403, 404])),
                ("post", operation("Insert", "Insert a piece with an uploaded attachment (or POST-as-GET, _newInstance, _copyingId)",
                                   parameters: scope, body: piece, success: piece, errors: [400, 401, 403, 404, 409, 413])),
            ])))
            paths.append(("\(base)/{_id}", SchemaNode.object([
                ("get", operation("Get", "One piece", parameters: [id] + scope, success: piece, errors: [400, 401, 403, 404])),
                ("put", operation("Put", "Replace the piece's fields (left out: emptied; the file is kept unless attachment names another)",
                                  parameters: [id] + scope, body: piece, success: piece, errors: [400, 401, 403, 404, 409, 413])),
                ("patch", operation("Patch", "Change the fields given (top-level keys only)", parameters: [id] + scope, body: piece,
                                    success: piece, errors: [400, 401, 403, 404, 409, 413])),
                ("delete", operation("Delete", "Delete the piece and its media file (200, empty)", parameters: [id] + scope,
                                     success: nil, errors: [400, 401, 403, 404])),
            ])))
            paths.append(("\(base)/{_id}/publish", SchemaNode.object([
                ("post", operation("Publish", "Autopublished: answers the piece (as a draft) and changes nothing", parameters: [id],
                                   success: piece, errors: [400, 401, 403, 404])),
            ])))
            paths.append(("\(base)/{_id}/locales", SchemaNode.object([
                ("get", operation("Locales", "{results: [{_id, aposLocale}]}: every configured locale (a media file is the same in each)",
                                  parameters: [id], success: SchemaNode.typed("object"), errors: [400, 401, 403, 404])),
            ])))
            let plain = SchemaNode.object([("text/plain", SchemaNode.object([("schema", SchemaNode.typed("string"))]))])
            paths.append(("\(base)/{_id}/locale/{toLocale}", SchemaNode.object([("get", SchemaNode.object([
                ("operationId", .string("apos\(name)InLocale")), ("tags", SchemaNode.strings(["Upload"])),
                ("summary", .string("Text `invalid (has no URL)` (400): media pieces have no page to redirect to")),
                ("security", .array(security)),
                ("parameters", .array([id, OpenAPIAposPaths.parameter("toLocale", in: "path", "A configured locale")])),
                ("responses", SchemaNode.object([
                    ("400", SchemaNode.object([("description", .string("invalid locale name, or invalid (has no URL)")), ("content", plain)])),
                    ("404", SchemaNode.object([("description", .string("not found")), ("content", plain)])),
                ])),
            ]))])))
            paths.append(("\(base)/{_id}/revert-draft-to-published", SchemaNode.object([
                ("post", operation("RevertDraft", "Autopublished, so the draft never differs: answers `false`", parameters: [id],
                                   success: SchemaNode.typed("boolean"), errors: [400, 401, 403, 404])),
            ])))
            for (route, reason) in AposImageFileRoutes.refusals {
                let operationName = route.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
                paths.append(("\(base)/{_id}/\(route)", SchemaNode.object([
                    ("post", operation(operationName, "400 invalid: \(reason)", parameters: [id], success: nil, errors: [400, 401, 403, 404])),
                ])))
            }
            for route in AposImageFileRoutes.batchNames(kind) {
                let operationName = "Batch" + route.prefix(1).uppercased() + route.dropFirst()
                paths.append(("\(base)/\(route)", SchemaNode.object([
                    ("post", operation(operationName, "400 invalid: a background job in Apostrophe; Quire has no job module (PATCH each piece)",
                                       parameters: [], body: SchemaNode.typed("object"), success: nil, errors: [400, 401, 403])),
                ])))
            }
        }
        paths += tagPaths(security: security, id: id, scope: scope)
        let relationship = SchemaNode.typed("array", [("items", SchemaNode.typed("object"))])
        let autocrop = SchemaNode.typed("object", [("properties", SchemaNode.object([
            ("relationship", relationship),
            ("widgetOptions", SchemaNode.typed("object", [("properties", SchemaNode.object([
                ("aspectRatio", SchemaNode.typed("array", [("items", SchemaNode.typed("number"))])),
            ]))])),
        ]))])
        paths.append(("/api/v1/@apostrophecms/image/autocrop", SchemaNode.object([
            ("post", OpenAPIOperation.make(
                "aposImageAutocrop", "Crop each related image to the aspect ratio (largest crop, around the focal point); answers {relationship}",
                tag: "Upload", security: security, body: autocrop,
                success: SchemaNode.typed("object", [("properties", SchemaNode.object([("relationship", relationship)]))]),
                errors: [], extraResponses: OpenAPIOperation.apostropheErrors([400, 401, 403, 404, 409, 413]))),
        ])))
        let text = SchemaNode.object([("text/plain", SchemaNode.object([("schema", SchemaNode.typed("string"))]))])
        paths.append(("/api/v1/@apostrophecms/image/{_id}/src", SchemaNode.object([("get", SchemaNode.object([
            ("operationId", .string("aposImageSource")), ("tags", SchemaNode.strings(["Upload"])),
            ("summary", .string("302 to the image's file of `size` (default max); 404 text `notfound`")),
            ("security", .array(security)),
            ("parameters", .array([
                OpenAPIAposPaths.parameter("_id", in: "path", "The image's aposDocId (or _id)"),
                OpenAPIAposPaths.parameter("size", in: "query", "max, full, two-thirds, one-half, one-third, one-sixth or original"),
            ])),
            ("responses", SchemaNode.object([
                ("302", SchemaNode.object([("description", .string("Found: Location is the file's URL"))])),
                ("400", SchemaNode.object([("description", .string("format or quality given")), ("content", text)])),
                ("404", SchemaNode.object([("description", .string("notfound")), ("content", text)])),
            ])),
        ]))])))
        return paths
    }

    /// `@apostrophecms/image-tag` and `@apostrophecms/file-tag` (see `AposMediaTagRoutes`).
    static func tagPaths(security: [Value], id: Value, scope: [Value]) -> [(String, Value)] {
        var paths: [(String, Value)] = []
        let list = ["page", "perPage", "count", "search", "autocomplete", "_ids", "archived", "project"]
            .map { OpenAPIAposPaths.parameter($0, in: "query", "") }
        for (kind, name) in [(MediaTag.Kind.image, "ImageTag"), (.file, "FileTag")] {
            let base = "/api/v1/" + kind.rawValue
            let tag = SchemaNode.typed("object", [
                ("description", .string("An \(kind.rawValue) piece: title (required), slug, archived")),
                ("properties", SchemaNode.object([("title", SchemaNode.typed("string")), ("slug", SchemaNode.typed("string")),
                                                  ("archived", SchemaNode.typed("boolean"))])),
            ])
            let tags = page(of: tag)
            func operation(_ operation: String, _ summary: String, parameters: [Value], body: Value? = nil, success: Value?, errors: [Int]) -> Value {
                OpenAPIOperation.make("apos\(name)\(operation)", summary, tag: "Upload", security: security, parameters: parameters, body: body,
                                      success: success, errors: [], extraResponses: OpenAPIOperation.apostropheErrors(errors))
            }
            paths.append((base, SchemaNode.object([
                ("get", operation("List", "Tags of media pieces, by title", parameters: list + scope, success: tags, errors: [400, 401, 403, 404])),
                ("post", operation("Insert", "Insert a tag", parameters: scope, body: tag, success: tag, errors: [400, 401, 403, 404, 409, 413])),
            ])))
            paths.append(("\(base)/{_id}", SchemaNode.object([
                ("get", operation("Get", "One tag", parameters: [id] + scope, success: tag, errors: [400, 401, 403, 404])),
                ("put", operation("Put", "Replace the tag's fields", parameters: [id] + scope, body: tag, success: tag, errors: [400, 401, 403, 404, 409, 413])),
                ("patch", operation("Patch", "Change the fields given", parameters: [id] + scope, body: tag, success: tag, errors: [400, 401, 403, 404, 409, 413])),
                ("delete", operation("Delete", "Delete the tag (200, empty); pieces naming it drop it", parameters: [id] + scope,
                                     success: nil, errors: [400, 401, 403, 404])),
            ])))
            paths.append(("\(base)/{_id}/publish", SchemaNode.object([
                ("post", operation("Publish", "Autopublished: answers the tag and changes nothing", parameters: [id], success: tag, errors: [400, 401, 403, 404])),
            ])))
        }
        return paths
    }

    /// Apostrophe's list answer: `{pages, currentPage, results: [item]}`.
    static func page(of item: Value) -> Value {
        SchemaNode.typed("object", [("properties", SchemaNode.object([
            ("pages", SchemaNode.typed("integer")), ("currentPage", SchemaNode.typed("integer")),
            ("results", SchemaNode.typed("array", [("items", item)])),
        ]))])
    }
}
