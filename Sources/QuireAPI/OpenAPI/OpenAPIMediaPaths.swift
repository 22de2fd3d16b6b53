import QuireContent

/// The Upload plugin's routes and its file object.
enum OpenAPIMediaPaths {
    static let tag = SchemaNode.object([("name", .string("Upload")), ("description", .string("Media files, Strapi's Upload plugin"))])

    static func all() -> [(String, Value)] {
        let security = [OpenAPIOperation.bearer, OpenAPIOperation.anonymous]
        let file = OpenAPINames.schema("UploadFile")
        let files = SchemaNode.typed("array", [("items", file)])
        let id = SchemaNode.object([
            ("name", .string("id")), ("in", .string("path")), ("required", .bool(true)),
            ("description", .string("The file's id or documentId")), ("schema", SchemaNode.typed("string")),
        ])
        let form = SchemaNode.typed("object", [("properties", SchemaNode.object([
            ("files", SchemaNode.typed("array", [("items", SchemaNode.typed("string", [("contentMediaType", .string("application/octet-stream"))]))])),
            ("fileInfo", SchemaNode.typed("string", [("description", .string("JSON: {name, alternativeText, caption, focalPoint}, or an array of them, one per file"))])),
            ("ref", SchemaNode.typed("string", [("description", .string("With refId and field: the entry's type (api::article.article)"))])),
            ("refId", SchemaNode.typed("string", [("description", .string("The entry's documentId or numeric id"))])),
            ("field", SchemaNode.typed("string", [("description", .string("The entry's media attribute the files go into"))])),
            ("source", SchemaNode.typed("string", [("description", .string("`api` (the default)"))])),
        ]))])
        var upload = OpenAPIOperation.make(
            "uploadFiles", "Upload files (201 with their file objects), or with `?id=` change a file's fileInfo, or replace its bytes with one file in `files` (200)",
            tag: "Upload", security: security,
            parameters: [SchemaNode.object([
                ("name", .string("id")), ("in", .string("query")), ("required", .bool(false)), ("schema", SchemaNode.typed("string")),
            ])],
            success: file, errors: [400, 401, 403, 404, 409, 413, 415],
            extraResponses: [("201", SchemaNode.object([("description", .string("Created")), ("content", OpenAPIComponents.json(files))]))])
        if case .object(var operation) = upload {
            operation["requestBody"] = SchemaNode.object([
                ("required", .bool(true)),
                ("content", SchemaNode.object([("multipart/form-data", SchemaNode.object([("schema", form)]))])),
            ])
            upload = .object(operation)
        }
        var attachment = OpenAPIOperation.make(
            "uploadApostropheAttachment", "Apostrophe: upload one file (multipart field `file`); answers the attachment",
            tag: "Upload", security: security, success: SchemaNode.typed("object"), errors: [],
            extraResponses: OpenAPIOperation.apostropheErrors([400, 401, 403, 413]))
        if case .object(var operation) = attachment {
            operation["requestBody"] = SchemaNode.object([
                ("required", .bool(true)),
                ("content", SchemaNode.object([("multipart/form-data", SchemaNode.object([("schema", SchemaNode.typed("object", [
                    ("properties", SchemaNode.object([("file", SchemaNode.typed("string", [("contentMediaType", .string("application/octet-stream"))]))])),
                ]))]))])),
            ])
            attachment = .object(operation)
        }
        let crop = SchemaNode.typed("object", [("properties", SchemaNode.object([
            ("_id", SchemaNode.typed("string")),
            ("crop", SchemaNode.typed("object", [("properties", SchemaNode.object(["top", "left", "width", "height"].map { ($0, SchemaNode.typed("integer")) }))])),
        ]))])
        return [
            ("/api/v1/@apostrophecms/attachment/upload", SchemaNode.object([("post", attachment)])),
            ("/api/v1/@apostrophecms/attachment/crop", SchemaNode.object([("post", OpenAPIOperation.make(
                "cropApostropheAttachment", "Apostrophe: record a crop of an image attachment (answers true)",
                tag: "Upload", security: security, body: crop, success: SchemaNode.typed("boolean"), errors: [],
                extraResponses: OpenAPIOperation.apostropheErrors([400, 401, 403, 404])))])),
            ("/api/upload", SchemaNode.object([("post", upload)])),
            ("/api/upload/files", SchemaNode.object([("get", OpenAPIOperation.make(
                "listUploadFiles", "Files, with `filters`, `sort` and `pagination` (an array, as Strapi answers)",
                tag: "Upload", security: security, success: files, errors: [400, 401, 403]))])),
            ("/api/upload/files/{id}", SchemaNode.object([
                ("get", OpenAPIOperation.make("getUploadFile", "One file", tag: "Upload", security: security,
                                              parameters: [id], success: file, errors: [401, 403, 404])),
                ("delete", OpenAPIOperation.make("deleteUploadFile", "Delete a file; answers its file object", tag: "Upload",
                                                 security: security, parameters: [id], success: file, errors: [401, 403, 404])),
            ])),
        ] + OpenAPIAposImageFilePaths.all()
    }

    static func schemas() -> [(String, Value)] {
        let string = SchemaNode.typed("string")
        let nullableString = SchemaNode.object([("type", SchemaNode.strings(["string", "null"]))])
        let nullableInteger = SchemaNode.object([("type", SchemaNode.strings(["integer", "null"]))])
        let format = SchemaNode.typed("object", [("properties", SchemaNode.object([
            ("name", string), ("hash", string), ("ext", string), ("mime", string), ("path", nullableString),
            ("width", SchemaNode.typed("integer")), ("height", SchemaNode.typed("integer")),
            ("size", SchemaNode.typed("number")), ("sizeInBytes", SchemaNode.typed("integer")), ("url", string),
        ]))])
        let file = SchemaNode.typed("object", [
            ("properties", SchemaNode.object([
                ("id", SchemaNode.typed("integer")), ("documentId", string), ("name", string),
                ("alternativeText", nullableString), ("caption", nullableString),
                ("width", nullableInteger), ("height", nullableInteger),
                ("focalPoint", SchemaNode.object([("type", SchemaNode.strings(["object", "null"]))])),
                ("formats", SchemaNode.object([("type", SchemaNode.strings(["object", "null"])), ("additionalProperties", format)])),
                ("hash", string), ("ext", string), ("mime", string), ("size", SchemaNode.typed("number")), ("url", string),
                ("previewUrl", nullableString), ("provider", string),
                ("provider_metadata", SchemaNode.object([("type", SchemaNode.strings(["object", "null"]))])),
                ("createdAt", string), ("updatedAt", string), ("publishedAt", nullableString), ("locale", nullableString),
            ])),
            ("required", SchemaNode.strings(["id", "documentId", "name", "hash", "ext", "mime", "size", "url", "provider"])),
        ])
        return [("UploadFile", file)]
    }
}
