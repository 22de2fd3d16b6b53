import QuireContent

/// A morph relation in a write payload, in Strapi's forms: `{documentId, __type}` (one, or a
/// list, which is a `set`), or `{connect, disconnect, set}` of such items. Every item must say
/// its `__type` (`api::article.article`), a content type of the site. Each target is keyed by
/// type and documentId together, so `RelationInput` applies the operations as for any relation.
enum MorphInput {
    /// Never part of a type name or a documentId.
    private static let separator: Character = "\u{1F}"

    static func resolve(_ value: Value, current: Value?, field: String, schema: SiteSchema) throws -> [MorphLink] {
        let input = try RelationInput(value, field: field) { item, field in try key(item, field: field, schema: schema) }
        let keys = MorphLink.links(current).map { Value.string($0.type + String(separator) + $0.documentId) }
        return try input.resolve(current: .array(keys)).map { key in
            let parts = key.split(separator: separator, maxSplits: 1)
            return MorphLink(type: String(parts[0]), documentId: String(parts[1]))
        }
    }

    private static func key(_ item: Value, field: String, schema: SiteSchema) throws -> String {
        func refuse(_ message: String) -> WriteError { WriteError.invalid([ValidationIssue(path: [field], message: message)]) }
        guard case .object(let object) = item else {
            throw refuse("\(field) is a morph relation: name each target as {documentId, __type}")
        }
        for name in object.keys where !["documentId", "__type", "position"].contains(name) {
            throw WriteError.invalidKey("\(field).\(name)")
        }
        guard case .string(let given)? = object["__type"] else { throw refuse("\(field): every target of a morph relation needs its __type") }
        guard let type = MorphLink.type(named: given, in: schema) else {
            throw refuse("\(field): __type '\(given)' is no content type of this site (api::<name>.<name>)")
        }
        guard case .string(let id)? = object["documentId"], DocumentID.isValid(id) else {
            throw refuse("\(field) must name documents by documentId")
        }
        return type.singularName + String(separator) + id
    }
}
