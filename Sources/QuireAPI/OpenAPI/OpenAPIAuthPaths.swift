import QuireContent

/// Signing in: Strapi's users-permissions routes and Apostrophe's login module.
enum OpenAPIAuthPaths {
    static func all(config: SiteConfig) -> [(String, Value)] {
        let apostrophe = "/api/v1/@apostrophecms/login"
        let whoami = { (method: String) in operation(
            "apostropheWhoami" + method, "The signed-in user (Apostrophe)", tag: "Apostrophe login",
            success: schema("ApostropheUser"), errors: [401, 403, 404], isPublic: false) }
        let resetOff = config.aposLogin.passwordReset ? "" : " (not served on this site: `apostrophe.login.passwordReset` is off, 404)"
        return [
            ("/api/auth/local", SchemaNode.object([("post", operation(
                "strapiLogin", "Sign in with a username or email and a password; answers a JWT",
                body: object([("identifier", string), ("password", string)], required: ["identifier", "password"]),
                success: schema("AuthAnswer"), errors: [400, 429]))])),
            ("/api/auth/local/register", SchemaNode.object([("post", operation(
                "strapiRegister",
                config.auth.allowRegister ? "Create a user with the role \(config.auth.defaultRole); answers a JWT"
                    : "Create a user (turned off on this site: `auth.register` in quire.yaml)",
                body: object([("username", string), ("email", string), ("password", string)], required: ["username", "email", "password"]),
                // With email confirmation on, `{user}` alone until the link is followed.
                success: config.email?.emailConfirmation == true
                    ? object([("jwt", string), ("user", schema("User"))], required: ["user"]) : schema("AuthAnswer"),
                errors: [400]))])),
            ("/api/auth/change-password", SchemaNode.object([("post", operation(
                "strapiChangePassword", "Change the signed-in user's password; every earlier token and session stops working",
                body: object([("currentPassword", string), ("password", string), ("passwordConfirmation", string)],
                             required: ["currentPassword", "password", "passwordConfirmation"]),
                success: schema("AuthAnswer"), errors: [400, 401, 403], isPublic: false))])),
            ("/api/auth/forgot-password", SchemaNode.object([("post", operation(
                "strapiForgotPassword",
                config.email == nil ? "Email a password-reset link (not served on this site: no `email:` in quire.yaml, 404)"
                    : "Email a password-reset link to the user with this address; `{ok: true}` whether or not there is one",
                body: object([("email", string)], required: ["email"]),
                success: object([("ok", SchemaNode.typed("boolean"))], required: ["ok"]), errors: [400, 404, 429, 500]))])),
            ("/api/auth/reset-password", SchemaNode.object([("post", operation(
                "strapiResetPassword", "Set a new password with the code from a reset email; answers a JWT",
                body: object([("code", string), ("password", string), ("passwordConfirmation", string)],
                             required: ["code", "password", "passwordConfirmation"]),
                success: schema("AuthAnswer"), errors: [400, 404]))])),
            ("/api/auth/send-email-confirmation", SchemaNode.object([("post", operation(
                "strapiSendEmailConfirmation",
                "Mail a new email-confirmation link to an unconfirmed user; `{email, sent: true}` also for an unknown address, "
                    + "400 `Already confirmed` / `User blocked`",
                body: object([("email", string)], required: ["email"]),
                success: object([("email", string), ("sent", SchemaNode.typed("boolean"))], required: ["email", "sent"]),
                errors: [400, 404, 429, 500]))])),
            ("/api/auth/email-confirmation", SchemaNode.object([("get", operation(
                "strapiEmailConfirmation",
                "Confirm the address with the token of a confirmation email, then 302 to `email.emailConfirmationRedirection` (or `/`); 400 `Invalid token`",
                parameters: [SchemaNode.object([
                    ("name", .string("confirmation")), ("in", .string("query")), ("required", .bool(true)),
                    ("description", .string("The token of a confirmation email.")), ("schema", string),
                ])], success: nil, errors: [400, 404]))])),
            ("/api/users/me", SchemaNode.object([("get", operation(
                "strapiMe", "The signed-in user; `?populate=role` adds their role", success: schema("User"), errors: [401, 403], isPublic: false))])),
            ("\(apostrophe)/login", SchemaNode.object([("post", operation(
                "apostropheLogin", "Sign in: a bearer token (14 days by default), or with `session: true` a session cookie",
                tag: "Apostrophe login",
                body: object([("username", string), ("password", string), ("session", SchemaNode.typed("boolean"))],
                             required: ["username", "password"]),
                success: object([("token", string)], required: []), errors: [400]))])),
            ("\(apostrophe)/logout", SchemaNode.object([("post", operation(
                "apostropheLogout", "End this bearer token or session, on every server", tag: "Apostrophe login",
                success: nil, errors: [401, 403], isPublic: false))])),
            ("\(apostrophe)/whoami", SchemaNode.object([("get", whoami("Get")), ("post", whoami("Post"))])),
            ("\(apostrophe)/reset-request", SchemaNode.object([("post", operation(
                "apostropheResetRequest", "Mail a password-reset link to the user with this email or username; 200 with no body "
                    + "whether or not there is one (at least 2 s)" + resetOff, tag: "Apostrophe login",
                body: object([("email", string)], required: ["email"]), success: nil, errors: [400, 404]))])),
            ("\(apostrophe)/reset", SchemaNode.object([
                ("get", operation(
                    "apostropheResetCheck", "Whether a reset link (`email`, `reset`) can still be used: 200, else 400" + resetOff,
                    tag: "Apostrophe login", parameters: [resetQuery("email"), resetQuery("reset")], success: nil, errors: [400, 404])),
                ("post", operation(
                    "apostropheReset", "Set a new password with the code of a reset link; ends every earlier token and session" + resetOff,
                    tag: "Apostrophe login", body: object([("email", string), ("reset", string), ("password", string)], required: ["email", "reset", "password"]),
                    success: nil, errors: [400, 404])),
            ])),
        ]
    }

    static func schemas() -> [(String, Value)] {
        let user = object([
            ("id", SchemaNode.typed("integer")), ("documentId", string), ("username", string), ("email", string),
            ("provider", string), ("confirmed", SchemaNode.typed("boolean")), ("blocked", SchemaNode.typed("boolean")),
            ("createdAt", string), ("updatedAt", string), ("publishedAt", string),
            ("role", object([
                ("id", SchemaNode.typed("integer")), ("documentId", string), ("name", string), ("description", string), ("type", string),
            ], required: ["id", "type"])),
        ], required: ["id", "documentId"]) // `fields` may leave the others out
        return [
            ("User", user),
            ("AuthAnswer", object([("jwt", string), ("user", schema("User"))], required: ["jwt", "user"])),
            ("ApostropheUser", object([("_id", string), ("username", string), ("title", string), ("email", string)], required: ["_id"])),
        ]
    }

    private static let string = SchemaNode.typed("string")

    private static func resetQuery(_ name: String) -> Value {
        SchemaNode.object([("name", .string(name)), ("in", .string("query")), ("required", .bool(true)), ("schema", string)])
    }

    private static func schema(_ name: String) -> Value { OpenAPINames.schema(name) }

    private static func object(_ properties: [(String, Value)], required: [String]) -> Value {
        var pairs: [(String, Value)] = [("properties", SchemaNode.object(properties))]
        if !required.isEmpty { pairs.append(("required", SchemaNode.strings(required))) }
        return SchemaNode.typed("object", pairs)
    }

    private static func operation(
        _ operationId: String, _ summary: String, tag: String = "Users & Permissions", parameters: [Value]? = nil, body: Value? = nil,
        success: Value?, errors: [Int], isPublic: Bool = true
    ) -> Value {
        let apiKey = SchemaNode.object([("apiKeyAuth", .array([]))])
        let security = isPublic ? [OpenAPIOperation.anonymous] : [OpenAPIOperation.bearer, apiKey]
        if tag == "Apostrophe login" {
            // Apostrophe's module answers its own errors, `{name, data, message}`, not Strapi's envelope.
            return OpenAPIOperation.make(operationId, summary, tag: tag, security: security, parameters: parameters, body: body, success: success, errors: [],
                                         extraResponses: OpenAPIOperation.apostropheErrors(errors))
        }
        var extra: [(String, Value)] = []
        if errors.contains(429) {
            extra.append(("429", SchemaNode.object([
                ("description", .string(operationId == "strapiLogin" ? "RateLimitError: three failed sign-ins for one account within a minute lock it for a minute."
                    : "RateLimitError: three requests for one address within a minute lock it for a minute.")),
                ("content", OpenAPIComponents.json(OpenAPINames.schema("Error"))),
            ])))
        }
        if operationId == "strapiEmailConfirmation" {
            extra.append(("302", SchemaNode.object([
                ("description", .string("Confirmed: redirected to `email.emailConfirmationRedirection` of quire.yaml (`/` unless set).")),
                ("headers", SchemaNode.object([("Location", SchemaNode.object([("schema", string)]))])),
            ])))
        }
        if errors.contains(500) {
            extra.append(("500", SchemaNode.object([
                ("description", .string("InternalServerError: the SMTP server did not take the mail (the server log says why).")),
                ("content", OpenAPIComponents.json(OpenAPINames.schema("Error"))),
            ])))
        }
        return OpenAPIOperation.make(
            operationId, summary, tag: tag, security: security, parameters: parameters, body: body, success: success, errors: errors, extraResponses: extra)
    }
}
