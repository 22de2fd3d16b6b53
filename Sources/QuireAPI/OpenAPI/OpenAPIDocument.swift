import QuireContent

/// The OpenAPI 3.1 document of a site: built from its schemas and `quire.yaml`, nothing else,
/// so the same definition always gives the same bytes.
public enum OpenAPIDocument {
    public static func generate(schema: SiteSchema, config: SiteConfig) -> Value {
        var tags: [Value] = [
            SchemaNode.object([("name", .string("Meta")), ("description", .string("Locales and this document"))]),
            SchemaNode.object([("name", .string("Git")), ("description", .string("Pending drafts, releases and the changes feed"))]),
            SchemaNode.object([("name", .string("Users & Permissions")), ("description", .string("Signing in, Strapi's way"))]),
            SchemaNode.object([("name", .string("Apostrophe login")), ("description", .string("Signing in, Apostrophe's way"))]),
            OpenAPIMediaPaths.tag,
        ]
        for type in schema.contentTypes.values.sorted(by: { $0.singularName < $1.singularName }) {
            tags.append(SchemaNode.object([
                ("name", .string(type.displayName)),
                ("description", .string("\(type.kind == .collectionType ? "Collection" : "Single") type `\(type.singularName)` (\(type.sourcePath))")),
            ]))
        }
        var document: [(String, Value)] = [
            ("openapi", .string("3.1.0")),
            ("info", SchemaNode.object([
                ("title", .string("Quire content API")),
                ("version", .string("1.0.0")),
                ("description", .string("Strapi 5 REST API of this site, generated from its schemas/ and quire.yaml. Documents are YAML files in git; every write is a commit.")),
            ])),
            ("jsonSchemaDialect", .string(DocumentFileSchema.dialect)),
            ("security", .array([SchemaNode.object([("bearerAuth", .array([]))])])),
            ("tags", .array(tags)),
            ("paths", SchemaNode.object(OpenAPIPaths(schema: schema, config: config).all() + OpenAPIAuthPaths.all(config: config) + OpenAPIUserPaths.all()
                + OpenAPIMediaPaths.all() + OpenAPIStaticPaths.all())),
            ("components", SchemaNode.object([
                ("schemas", SchemaNode.object(OpenAPIComponents.schemas() + OpenAPIGitSchemas.all() + OpenAPIDeskPaths.schemas() + OpenAPIAuthPaths.schemas() + OpenAPIUserPaths.schemas() + OpenAPIMediaPaths.schemas()
                + OpenAPISchemas(schema: schema).all())),
                ("responses", SchemaNode.object(OpenAPIComponents.responses())),
                ("parameters", SchemaNode.object(OpenAPIComponents.parameters(config: config))),
                ("securitySchemes", SchemaNode.object(OpenAPIComponents.securitySchemes())),
            ])),
        ]
        let webhooks = OpenAPIWebhooks.all(schema: schema, config: config)
        if !webhooks.isEmpty { document.append(("webhooks", SchemaNode.object(webhooks))) }
        return SchemaNode.object(document)
    }
}
