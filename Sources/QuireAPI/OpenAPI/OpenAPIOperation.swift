import QuireContent

/// One operation object as every path builder writes it: id, summary, tag, security, optional
/// parameters and JSON body, a 200 with `success` (no body when nil), and the listed Strapi error responses.
enum OpenAPIOperation {
    static func make(
        _ operationId: String, _ summary: String, tag: String, security: [Value], parameters: [Value]? = nil,
        body: Value? = nil, success: Value?, errors: [Int], extraResponses: [(String, Value)] = []
    ) -> Value {
        var pairs: [(String, Value)] = [
            ("operationId", .string(operationId)), ("summary", .string(summary)), ("tags", SchemaNode.strings([tag])),
            ("security", .array(security)),
        ]
        if let parameters { pairs.append(("parameters", .array(parameters))) }
        if let body {
            pairs.append(("requestBody", SchemaNode.object([("required", .bool(true)), ("content", OpenAPIComponents.json(body))])))
        }
        var responses: [(String, Value)] = [("200", SchemaNode.object(
            [("description", .string(success == nil ? "OK, no body" : "OK"))] + (success.map { [("content", OpenAPIComponents.json($0))] } ?? [])))]
        for error in OpenAPIComponents.errors where errors.contains(error.status) {
            responses.append((String(error.status), OpenAPINames.response(error.key)))
        }
        pairs.append(("responses", SchemaNode.object(responses + extraResponses)))
        return SchemaNode.object(pairs)
    }

    /// Apostrophe's own error answers, `{name, data, message}`, for routes of its modules.
    static func apostropheErrors(_ statuses: [Int]) -> [(String, Value)] {
        statuses.map { status in (String(status), SchemaNode.object([
            ("description", .string(["400": "invalid", "401": "invalid bearer token", "403": "forbidden", "404": "notfound",
                                     "409": "conflict", "413": "too large"][String(status)] ?? "error")),
            ("content", OpenAPIComponents.json(OpenAPIAposPaths.error)),
        ])) }
    }

    static let bearer = SchemaNode.object([("bearerAuth", .array([]))])
    static let anonymous = SchemaNode.object([])
}
