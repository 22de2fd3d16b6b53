import QuireContent

/// Strapi's users-permissions user and role routes (`/api/users`, `/api/users-permissions/roles`).
enum OpenAPIUserPaths {
    static let tag = "Users & Permissions"

    static func all() -> [(String, Value)] {
        let user = OpenAPINames.schema("User")
        let users = SchemaNode.typed("array", [("items", user)])
        let list = ["filters", "sort", "fields", "populate", "paginationPage", "paginationPageSize", "paginationStart",
                    "paginationLimit", "page", "pageSize", "start", "limit"].map(OpenAPINames.parameter)
        let one = [id("The user's numeric id", type: "integer")] + ["fields", "populate"].map(OpenAPINames.parameter)
        let noContent = ("204", SchemaNode.object([("description", .string("No user has that id (Strapi answers a null body)"))]))
        let body = { (required: [String]) in SchemaNode.typed("object", [
            ("properties", SchemaNode.object([
                ("username", SchemaNode.typed("string", [("minLength", .int(1))])),
                ("email", SchemaNode.typed("string", [("format", .string("email"))])),
                ("password", SchemaNode.typed("string", [("format", .string("password")), ("writeOnly", .bool(true)), ("minLength", .int(Int64(Passwords.minLength)))])),
                ("role", SchemaNode.object([("anyOf", .array([SchemaNode.typed("integer"), SchemaNode.typed("string")]))])),
                ("blocked", SchemaNode.typed("boolean")), ("confirmed", SchemaNode.typed("boolean")), ("provider", SchemaNode.typed("string")),
            ])),
            ("required", SchemaNode.strings(required)), ("additionalProperties", .bool(false)),
        ]) }
        let roleID = id("The role's numeric id or documentId", type: "string")
        let roleWrite = operation("", "", parameters: nil, success: nil, errors: [400, 401, 403])
        let refused = { (operationId: String, summary: String, parameters: [Value]?) in
            replacing(roleWrite, operationId: operationId, summary: summary, parameters: parameters,
                      responses: [("405", SchemaNode.object([
                          ("description", .string("MethodNotAllowedError: roles are declared in quire.yaml")),
                          ("content", OpenAPIComponents.json(OpenAPINames.schema("Error"))),
                      ]))])
        }
        return [
            ("/api/users", SchemaNode.object([
                ("get", operation("strapiListUsers", "Users, a bare array; filters, sort, fields, populate=role; every user unless paginated",
                                  parameters: list, success: users, errors: [400, 401, 403])),
                ("post", replacing(operation("strapiCreateUser", "Create a user (201, with their role)", parameters: nil,
                                             body: body(["username", "email", "password"]), success: nil, errors: [400, 401, 403, 413]),
                                   responses: [("201", SchemaNode.object([("description", .string("Created")), ("content", OpenAPIComponents.json(user))]))])),
            ])),
            ("/api/users/count", SchemaNode.object([("get", operation(
                "strapiCountUsers", "How many users the filters select: a bare number", parameters: [OpenAPINames.parameter("filters")],
                success: SchemaNode.typed("integer"), errors: [400, 401, 403]))])),
            ("/api/users/{id}", SchemaNode.object([
                ("get", replacing(operation("strapiGetUser", "One user", parameters: one, success: user, errors: [400, 401, 403]),
                                  responses: [noContent], keepsSuccess: true)),
                ("put", operation("strapiUpdateUser", "Change a user (a new password ends their tokens and sessions)", parameters: [one[0]],
                                  body: body([]), success: user, errors: [400, 401, 403, 404, 413])),
                ("delete", replacing(operation("strapiDeleteUser", "Remove a user; answers them", parameters: [one[0]], success: user, errors: [400, 401, 403]),
                                     responses: [noContent], keepsSuccess: true)),
            ])),
            ("/api/users-permissions/roles", SchemaNode.object([
                ("get", operation("strapiListRoles", "Every role (built in and from quire.yaml) with nb_users", parameters: nil,
                                  success: SchemaNode.typed("object", [("properties", SchemaNode.object([("roles", SchemaNode.typed("array", [("items", OpenAPINames.schema("Role"))]))]))]),
                                  errors: [400, 401, 403])),
                ("post", refused("strapiCreateRole", "Roles are declared in quire.yaml: refused with 405", nil)),
            ])),
            ("/api/users-permissions/roles/{id}", SchemaNode.object([
                ("get", operation("strapiGetRole", "One role with its permissions, grouped as Strapi groups them", parameters: [roleID],
                                  success: SchemaNode.typed("object", [("properties", SchemaNode.object([("role", OpenAPINames.schema("Role"))]))]),
                                  errors: [400, 401, 403, 404])),
                ("put", refused("strapiUpdateRole", "Roles are declared in quire.yaml: refused with 405", [roleID])),
                ("delete", refused("strapiDeleteRole", "Roles are declared in quire.yaml: refused with 405", [roleID])),
            ])),
        ]
    }

    static func schemas() -> [(String, Value)] {
        [("Role", SchemaNode.typed("object", [
            ("properties", SchemaNode.object([
                ("id", SchemaNode.typed("integer")), ("documentId", SchemaNode.typed("string")), ("name", SchemaNode.typed("string")),
                ("description", SchemaNode.typed("string")), ("type", SchemaNode.typed("string")), ("nb_users", SchemaNode.typed("integer")),
                ("permissions", SchemaNode.typed("object")),
            ])),
            ("required", SchemaNode.strings(["id", "name", "type"])),
        ]))]
    }

    private static func id(_ description: String, type: String) -> Value {
        SchemaNode.object([
            ("name", .string("id")), ("in", .string("path")), ("required", .bool(true)),
            ("description", .string(description)), ("schema", SchemaNode.typed(type)),
        ])
    }

    private static func operation(_ operationId: String, _ summary: String, parameters: [Value]?, body: Value? = nil,
                                  success: Value?, errors: [Int]) -> Value {
        let security = [OpenAPIOperation.bearer, SchemaNode.object([("apiKeyAuth", .array([]))]), OpenAPIOperation.anonymous]
        return OpenAPIOperation.make(operationId, summary, tag: tag, security: security, parameters: parameters, body: body,
                                     success: success, errors: errors)
    }

    /// The operation with other success answers: `responses` added, and the 200 kept only if `keepsSuccess`.
    private static func replacing(_ operation: Value, operationId: String? = nil, summary: String? = nil, parameters: [Value]? = nil,
                                  responses: [(String, Value)], keepsSuccess: Bool = false) -> Value {
        guard case .object(var object) = operation, case .object(let existing)? = object["responses"] else { return operation }
        if let operationId { object["operationId"] = .string(operationId) }
        if let summary { object["summary"] = .string(summary) }
        if let parameters { object["parameters"] = .array(parameters) }
        let kept = existing.pairs.filter { keepsSuccess || $0.0 != "200" }
        object["responses"] = .object(OrderedObject(responses + kept.map { ($0.0, $0.1) }))
        return .object(object)
    }
}
