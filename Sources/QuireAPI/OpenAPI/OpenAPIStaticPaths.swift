import QuireContent

/// Routes that answer files rather than JSON: the review desk's page and assets, and uploaded
/// media with its derived sizes. Documented so that the document lists every route served.
enum OpenAPIStaticPaths {
    static func all() -> [(String, Value)] {
        let file = SchemaNode.object([
            ("name", .string("file")), ("in", .string("path")), ("required", .bool(true)), ("schema", SchemaNode.typed("string")),
        ])
        func binary(_ id: String, _ summary: String, tag: String, types: [String]) -> Value {
            let content = SchemaNode.object(types.map { ($0, SchemaNode.object([("schema", SchemaNode.typed("string"))])) })
            return SchemaNode.object([
                ("operationId", .string(id)), ("summary", .string(summary)), ("tags", SchemaNode.strings([tag])),
                ("security", .array([OpenAPIOperation.anonymous])),
                ("parameters", .array(id.hasSuffix("Page") ? [] : [file])),
                ("responses", SchemaNode.object([
                    ("200", SchemaNode.object([("description", .string("The file")), ("content", content)])),
                    ("304", SchemaNode.object([("description", .string("Not modified (If-None-Match)"))])),
                    ("404", SchemaNode.object([("description", .string("No such file"))])),
                ])),
            ])
        }
        let media = ["image/*", "application/octet-stream"]
        func served(_ id: String, _ summary: String) -> Value {
            SchemaNode.object([
                ("get", binary(id, summary + " (Range, ETag and If-None-Match honoured)", tag: "Upload", types: media)),
                ("head", binary(id + "Head", summary + ", headers only", tag: "Upload", types: media)),
            ])
        }
        return [
            ("/review", SchemaNode.object([("get", binary("reviewDeskPage", "The review desk (HTML); it signs in and calls this API", tag: "Git", types: ["text/html"]))])),
            ("/review/{file}", SchemaNode.object([("get", binary("reviewDeskAsset", "A stylesheet or script of the review desk", tag: "Git", types: ["text/css", "text/javascript"]))])),
            ("/uploads/{file}", served("uploadedFile", "An uploaded file or one of its sizes (`<format>_<hash><ext>`)")),
            ("/uploads/attachments/{file}", served("apostropheAttachmentFile", "An Apostrophe attachment, its crop or its size, as Apostrophe names them")),
        ]
    }
}
