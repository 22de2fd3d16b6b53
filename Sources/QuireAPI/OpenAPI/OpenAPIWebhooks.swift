import QuireContent

/// OpenAPI 3.1's `webhooks`: the requests this site posts to the receivers in quire.yaml, so a
/// receiver can be generated or checked like any client.
enum OpenAPIWebhooks {
    static func all(schema: SiteSchema, config: SiteConfig) -> [(String, Value)] {
        let sent = Set(config.webhooks.flatMap(\.events))
        let types = schema.contentTypes.values.sorted { $0.singularName < $1.singularName }
        return WebhookConfig.eventNames.filter(sent.contains).map { event in
            (event, SchemaNode.object([("post", SchemaNode.object([
                ("summary", .string("Sent on \(event)")),
                ("description", .string("Strapi 5's webhook body. Retried on no answer, 408, 429 and 5xx with exponential backoff; other answers end the delivery.")),
                ("parameters", .array(headers(event))),
                ("requestBody", SchemaNode.object([
                    ("required", .bool(true)),
                    ("content", OpenAPIComponents.json(payload(event, types: types))),
                ])),
                ("responses", SchemaNode.object([
                    ("2XX", SchemaNode.object([("description", .string("Delivered"))])),
                ])),
            ]))]))
        }
    }

    private static func payload(_ event: String, types: [ContentType]) -> Value {
        let string = SchemaNode.typed("string")
        return SchemaNode.typed("object", [
            ("properties", SchemaNode.object([
                ("event", SchemaNode.object([("const", .string(event))])),
                ("createdAt", SchemaNode.typed("string", [("format", .string("date-time"))])),
                ("model", SchemaNode.typed("string", [("enum", SchemaNode.strings(types.map(\.singularName)))])),
                ("uid", string),
                ("entry", SchemaNode.object([("anyOf", .array(types.map { OpenAPINames.schema(OpenAPINames.type($0)) }))])),
            ])),
            ("required", SchemaNode.strings(["event", "createdAt", "model", "uid", "entry"])),
        ])
    }

    private static func headers(_ event: String) -> [Value] {
        let described: [(String, Bool, String)] = [
            ("X-Strapi-Event", true, "The event name: \(event)."),
            ("X-Quire-Delivery", true, "Stays the same across retries of one event."),
            ("X-Quire-Timestamp", true, "When the change was made, in Unix seconds."),
            ("X-Quire-Commit", false, "main's commit after the change."),
            ("X-Quire-Signature", false, "sha256= and the hex HMAC-SHA256 of the body, keyed with the webhook's secret (when it has one)."),
        ]
        return described.map { name, required, description in
            SchemaNode.object([
                ("name", .string(name)), ("in", .string("header")), ("required", .bool(required)),
                ("description", .string(description)), ("schema", SchemaNode.typed("string")),
            ])
        }
    }
}
