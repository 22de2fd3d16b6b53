import Hummingbird
import QuireContent
import QuireIndex
import QuireSite

/// `GET /api/git/access`: who the caller is and what they may do on each content type, so a
/// client (the review desk) offers only the actions the API would accept. Types the caller may
/// do nothing with are left out; the answer never says more than trying each route would.
struct CallerAccessRoutes: Sendable {
    let access: GitAccess

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/git/access", use: answer)
    }

    func answer(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let snapshot = access.site.snapshot
        let principal = try await access.principal(request)
        var types: [Value] = []
        for type in snapshot.schema.contentTypes.values.sorted(by: { $0.singularName < $1.singularName }) {
            let actions = Action.allCases.filter { access.isAllowed(principal, $0, type: type, snapshot: snapshot) }
            guard !actions.isEmpty else { continue }
            types.append(.object(OrderedObject([
                ("singularName", .string(type.singularName)), ("pluralName", .string(type.pluralName)),
                ("displayName", .string(type.displayName)), ("kind", .string(type.kind.rawValue)),
                ("draftAndPublish", .bool(type.draftAndPublish)), ("localized", .bool(type.localized)),
                ("titleField", AposTypeMap(type).titleField.map(Value.string) ?? .null),
                ("attributes", .object(OrderedObject(type.attributes.map { ($0.name, Self.attributeJSON($0)) }))),
                ("actions", .array(actions.map { .string($0.rawValue) })),
            ])))
        }
        let data: Value = .object(OrderedObject([
            ("caller", Self.callerJSON(principal)),
            ("locales", .array(snapshot.config.locales.map(Value.string))),
            ("defaultLocale", .string(snapshot.config.defaultLocale)),
            ("types", .array(types)),
        ]))
        return Response.json(JSON.encode(.object(["data": data, "meta": .object([:])])))
    }

    /// What a client needs to show a field: its kind, and for a relation the type it points to.
    static func attributeJSON(_ attribute: Attribute) -> Value {
        var object: [(String, Value)] = [("type", .string(attribute.type.name))]
        switch attribute.type {
        case .relation(let kind, let target, _, _):
            object += [("relation", .string(kind.rawValue)), ("target", .string(target))]
        case .media(let multiple, _):
            object.append(("multiple", .bool(multiple)))
        case .component(let name, let repeatable):
            object += [("component", .string(name)), ("repeatable", .bool(repeatable))]
        default:
            break
        }
        return .object(OrderedObject(object))
    }

    static func callerJSON(_ principal: Principal) -> Value {
        switch principal {
        case .anonymous:
            .object(OrderedObject([("kind", .string("public")), ("name", .string("Public")), ("role", .string("public"))]))
        case .token(let name, let access):
            .object(OrderedObject([("kind", .string("token")), ("name", .string(name)), ("access", .string(access.rawValue))]))
        case .scoped(let name, _):
            .object(OrderedObject([("kind", .string("token")), ("name", .string(name)), ("access", .string("custom"))]))
        case .keyed(let name, let role):
            .object(OrderedObject([("kind", .string("token")), ("name", .string(name)), ("access", .string("custom")), ("role", .string(role))]))
        case .user(let user):
            .object(OrderedObject([
                ("kind", .string("user")), ("name", .string(user.displayName ?? user.username)),
                ("username", .string(user.username)), ("email", .string(user.email)), ("role", .string(user.role)),
            ]))
        }
    }
}
