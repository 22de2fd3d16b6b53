import QuireContent

/// The routes the review desk added to the API (any client may use them): the caller's access,
/// the changes feed as Server-Sent Events, and the site's bad files.
enum OpenAPIDeskPaths {
    private static let string = SchemaNode.typed("string")
    private static let security = [OpenAPIOperation.anonymous, OpenAPIOperation.bearer]

    private static func object(_ properties: [(String, Value)]) -> Value {
        SchemaNode.typed("object", [("properties", SchemaNode.object(properties))])
    }

    private static func list(_ items: Value) -> Value { SchemaNode.typed("array", [("items", items)]) }

    static func paths() -> [(String, Value)] {
        [
            ("/api/git/access", SchemaNode.object([("get", OpenAPIOperation.make(
                "getAccess", "Who the caller is and which actions it may take on each content type",
                tag: "Git", security: security, success: OpenAPINames.schema("AccessResponse"), errors: [401]))])),
            ("/api/git/events", SchemaNode.object([("get", OpenAPIOperation.make(
                "streamEvents",
                "Document changes as Server-Sent Events (event: entry.create, entry.update, entry.publish, …; data: the document's key and main's commit), from API writes, git commits and other servers",
                tag: "Git", security: security, success: string, errors: [401],
                extraResponses: []).replacingSuccessContent(with: "text/event-stream"))])),
            ("/api/git/problems", SchemaNode.object([("get", OpenAPIOperation.make(
                "listProblems", "The bad files quire validate reports (path, line, message), of the types the caller may read",
                tag: "Git", security: security, success: OpenAPINames.schema("ProblemsResponse"), errors: [401]))])),
        ]
    }

    static func schemas() -> [(String, Value)] {
        [
            ("AccessResponse", object([
                ("data", object([
                    ("caller", object([
                        ("kind", SchemaNode.typed("string", [("enum", SchemaNode.strings(["public", "token", "user"]))])),
                        ("name", string), ("role", string), ("access", string), ("username", string), ("email", string),
                    ])),
                    ("locales", list(string)), ("defaultLocale", string),
                    ("types", list(object([
                        ("singularName", string), ("pluralName", string), ("displayName", string),
                        ("kind", SchemaNode.typed("string", [("enum", SchemaNode.strings(["collectionType", "singleType"]))])),
                        ("draftAndPublish", SchemaNode.typed("boolean")), ("localized", SchemaNode.typed("boolean")),
                        ("titleField", OpenAPIGitSchemas.nullableString),
                        ("attributes", SchemaNode.typed("object", [("additionalProperties", object([
                            ("type", string), ("target", string), ("relation", string),
                        ]))])),
                        ("actions", list(SchemaNode.typed("string", [
                            ("enum", SchemaNode.strings(Action.allCases.map(\.rawValue))),
                        ]))),
                    ]))),
                ])),
                ("meta", SchemaNode.typed("object")),
            ])),
            ("ProblemsResponse", object([
                ("data", list(object([("path", string), ("line", SchemaNode.typed("integer")), ("message", string)]))),
                ("meta", object([("commit", OpenAPIGitSchemas.nullableString), ("total", SchemaNode.typed("integer"))])),
            ])),
        ]
    }
}

private extension Value {
    /// An operation whose 200 answer is not JSON: its `content` keyed by another media type.
    func replacingSuccessContent(with mediaType: String) -> Value {
        guard case .object(var operation) = self, case .object(var responses)? = operation["responses"],
              case .object(var ok)? = responses["200"] else { return self }
        ok["content"] = SchemaNode.object([(mediaType, SchemaNode.object([("schema", SchemaNode.typed("string"))]))])
        responses["200"] = .object(ok)
        operation["responses"] = .object(responses)
        return .object(operation)
    }
}
