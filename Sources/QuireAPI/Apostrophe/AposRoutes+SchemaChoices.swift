import Hummingbird
import QuireContent

/// `GET|POST /api/v1/@apostrophecms/schema/choices?fieldId=…`: where Apostrophe's editor asks a
/// field's dynamic choices (`schema/index.js` `choicesRoute`). Apostrophe answers `invalid` for
/// any field whose choices are not a method of its module; in Quire every field's choices are
/// listed in its schema (a method needs module code Quire does not run, and such a schema is a
/// reported problem), so this always answers that `invalid`, saying where the choices are.
extension AposRoutes {
    static let schemaChoicesPath = "/api/v1/@apostrophecms/schema/choices"

    func addSchemaChoices(to router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: Self.schemaChoicesPath), use: schemaChoices)
        router.post(RouterPath(stringLiteral: Self.schemaChoicesPath), use: schemaChoices)
    }

    func schemaChoices(_ request: Request, context: BasicRequestContext) async throws -> Response {
        throw AposError.invalid("No field has dynamic choices here: Quire runs no module code, so choices are listed in the schema "
            + "(choices: [{label, value}]); a piece list answers the values in use with choices=<field>")
    }
}
