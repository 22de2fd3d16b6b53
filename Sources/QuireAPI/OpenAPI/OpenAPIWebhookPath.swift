import QuireContent

/// `POST /api/git/webhook/push`: listed always, served only by a server started with `--remote`.
enum OpenAPIWebhookPath {
    static func path() -> (String, Value) {
        func header(_ name: String, _ description: String) -> Value {
            SchemaNode.object([
                ("name", .string(name)), ("in", .string("header")), ("required", .bool(false)),
                ("description", .string(description)), ("schema", SchemaNode.typed("string")),
            ])
        }
        var responses: [(String, Value)] = [("202", SchemaNode.object([
            ("description", .string("The server fetches from its remote now and re-indexes what changed.")),
            ("content", OpenAPIComponents.json(SchemaNode.typed("object", [("properties", SchemaNode.object([
                ("data", SchemaNode.typed("object", [("properties", SchemaNode.object([("fetching", SchemaNode.typed("boolean"))]))])),
                ("meta", SchemaNode.typed("object")),
            ]))]))),
        ]))]
        for error in OpenAPIComponents.errors where [401, 403, 404, 413].contains(error.status) {
            responses.append((String(error.status), OpenAPINames.response(error.key)))
        }
        let operation = SchemaNode.object([
            ("operationId", .string("receivePushWebhook")),
            ("summary", .string("A git host's push notice: fetch from the remote now")),
            ("description", .string(
                "Served when the server runs with --remote (404 otherwise) and answered 403 until --webhook-secret "
                    + "(or QUIRE_WEBHOOK_SECRET) is set. The body is the host's payload, signed with the shared secret.")),
            ("tags", SchemaNode.strings(["Git"])), ("security", .array([])),
            ("parameters", .array([
                header("X-Hub-Signature-256", "GitHub, Gitea, Forgejo: sha256=<hex HMAC-SHA256 of the body>"),
                header("X-Gitea-Signature", "Gitea: <hex HMAC-SHA256 of the body>"),
                header("X-Gitlab-Token", "GitLab: the secret itself"),
            ])),
            ("requestBody", SchemaNode.object([("required", .bool(false)), ("content", OpenAPIComponents.json(SchemaNode.typed("object")))])),
            ("responses", SchemaNode.object(responses)),
        ])
        return ("/api/git/webhook/push", SchemaNode.object([("post", operation)]))
    }
}
