import QuireContent

/// Answer and request shapes of the git-native routes (see `OpenAPIGitPaths`).
enum OpenAPIGitSchemas {
    static let nullableString = SchemaNode.object([("type", .array([.string("string"), .string("null")]))])

    private static let string = SchemaNode.typed("string")
    private static let integer = SchemaNode.typed("integer")
    private static let dateTime = SchemaNode.typed("string", [("format", .string("date-time"))])

    private static func object(_ properties: [(String, Value)], required: [String] = []) -> Value {
        var more: [(String, Value)] = [("properties", SchemaNode.object(properties))]
        if !required.isEmpty { more.append(("required", SchemaNode.strings(required))) }
        return SchemaNode.typed("object", more)
    }

    private static func list(_ items: Value) -> Value { SchemaNode.typed("array", [("items", items)]) }

    private static let person = object([("name", string), ("email", string)])
    private static let documentKey: [(String, Value)] = [
        ("type", SchemaNode.typed("string", [("description", .string("The content type's singular name."))])),
        ("documentId", string), ("locale", string),
    ]

    static func all() -> [(String, Value)] {
        [
            ("Commit", object([
                ("id", OpenAPIGitPaths.commitID), ("author", person), ("date", dateTime), ("message", string),
            ], required: ["id", "author", "date", "message"])),
            ("HistoryResponse", object([
                ("data", list(OpenAPINames.schema("Commit"))),
                ("meta", object([("pagination", OpenAPINames.schema("Pagination")), ("path", string)])),
            ])),
            ("DiffSide", object([
                ("version", SchemaNode.typed("string", [("enum", SchemaNode.strings(["published", "draft", "commit"]))])),
                ("commit", nullableString), ("path", nullableString), ("blob", nullableString),
            ])),
            ("DocumentDiffResponse", object([
                ("data", object(documentKey + [
                    ("from", OpenAPINames.schema("DiffSide")), ("to", OpenAPINames.schema("DiffSide")),
                    ("diff", SchemaNode.typed("string", [("description", .string("Unified diff of the file; empty when equal."))])),
                    ("fields", SchemaNode.typed("object", [
                        ("description", .string("Each changed attribute: its value before and after (null: absent).")),
                        ("additionalProperties", object([("from", SchemaNode.object([])), ("to", SchemaNode.object([]))])),
                    ])),
                ])),
                ("meta", SchemaNode.typed("object")),
            ])),
            ("DraftBranch", object(documentKey + [
                ("title", SchemaNode.object([
                    ("type", .array([.string("string"), .string("null")])),
                    ("description", .string("The draft's title field (as Apostrophe's title: title, else the first text attribute).")),
                ])),
                ("conflicts", SchemaNode.typed("array", [
                    ("items", string),
                    ("description", .string("Fields main and the draft both changed differently: publishing now would answer 409. Empty: it would go through.")),
                ])),
                ("branch", string), ("tip", OpenAPIGitPaths.commitID), ("base", nullableString),
                ("authors", list(person)), ("updatedAt", dateTime),
                ("ahead", SchemaNode.typed("integer", [("description", .string("Commits on the branch that main lacks."))])),
                ("behind", SchemaNode.typed("integer", [("description", .string("Commits on main that the branch lacks."))])),
                ("published", SchemaNode.typed("boolean")), ("diff", string),
            ])),
            ("DraftListResponse", object([
                ("data", list(OpenAPINames.schema("DraftBranch"))),
                ("meta", object([("main", nullableString), ("total", integer), ("pagination", OpenAPINames.schema("Pagination"))],
                                required: ["main", "total"])),
            ])),
            ("DocumentChange", object(documentKey + [
                ("change", SchemaNode.typed("string", [("enum", SchemaNode.strings(["created", "updated", "deleted"]))])),
                ("path", string), ("blob", nullableString),
            ])),
            ("ChangesResponse", object([
                ("data", list(OpenAPINames.schema("DocumentChange"))),
                ("meta", object([("since", string), ("commit", string), ("schemaChanged", SchemaNode.typed("boolean"))])),
            ])),
            ("RestoreRequest", object([("commit", OpenAPIGitPaths.commitID)], required: ["commit"])),
            ("ReleaseRequest", object([
                ("data", object([
                    ("message", SchemaNode.typed("string", [("description", .string("The merge commit's subject."))])),
                    ("documents", SchemaNode.typed("array", [
                        ("minItems", .int(1)),
                        ("items", object(documentKey, required: ["type", "documentId"])),
                    ])),
                ], required: ["documents"])),
            ], required: ["data"])),
            ("ReleaseResponse", object([
                ("data", object([
                    ("commit", nullableString),
                    ("documents", SchemaNode.typed("array", [("items", SchemaNode.typed("object"))])),
                ])),
                ("meta", SchemaNode.typed("object")),
            ])),
        ]
    }
}
