import HTTPTypes
import Hummingbird
import QuireContent
import QuireIndex
import QuireSite

/// Strapi 5's users-permissions role routes, read from quire.yaml: `{roles: [...]}` with each
/// role's `nb_users`, and `{role}` with its permissions grouped as Strapi groups them. Roles are
/// declared in quire.yaml, a file of the site's history like any other, so they are not created,
/// changed or removed over HTTP: those three answer 405 naming the file (after the permission
/// check, so nobody learns more than a 403 would say).
struct StrapiRoleRoutes: Sendable {
    let site: Site
    let authenticator: Authenticator

    static let path = "/api/users-permissions/roles"

    func add(to router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: Self.path), use: find)
        router.post(RouterPath(stringLiteral: Self.path), use: refuseWrite)
        router.get(RouterPath(stringLiteral: Self.path + "/:id"), use: findOne)
        router.put(RouterPath(stringLiteral: Self.path + "/:id"), use: refuseWrite)
        router.delete(RouterPath(stringLiteral: Self.path + "/:id"), use: refuseWrite)
    }

    private func caller(_ request: Request, _ action: StrapiUserAccess.Action) async throws {
        let config = site.pinned.config
        let principal = try await RequestScope.caller { try await authenticator.strapiPrincipal(request, config: config) }
        try StrapiUserAccess.require(principal, action, on: .role, config: config)
        try StrapiParameters.check(QueryString.parse(request.uri.query), allowed: [])
    }

    /// Every role by name, as Strapi sorts them, with how many users have it.
    func find(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await caller(request, .find)
        let config = site.pinned.config
        let users = try await authenticator.currentDirectory().state.users
        let roles = StrapiRole.all(config: config).sorted { $0.name < $1.name }.map { role -> Value in
            var object = role.json
            object["nb_users"] = .int(Int64(users.count { $0.role == role.type }))
            return .object(object)
        }
        return Response.json(JSON.encode(.object(["roles": .array(roles)])))
    }

    /// `{role}` by numeric id (or documentId), with `permissions` as Strapi's admin shows them.
    func findOne(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await caller(request, .findOne)
        let snapshot = site.pinned
        let given = context.parameters.get("id") ?? ""
        guard let role = StrapiRole.all(config: snapshot.config).first(where: { String($0.id) == given || $0.documentId == given }) else {
            throw StrapiError.notFound
        }
        var object = role.json
        object["permissions"] = .object(Self.permissions(role.type, snapshot: snapshot))
        return Response.json(JSON.encode(.object(["role": .object(object)])))
    }

    func refuseWrite(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await caller(request, request.method == .post ? .create : (request.method == .put ? .update : .destroy))
        let refusal = StrapiError(.methodNotAllowed, "MethodNotAllowedError",
                                  "Roles are declared in quire.yaml (permissions:); change them there and commit", details: ["allow": .string("GET")])
        return Response.json(refusal.body, status: refusal.status, headers: [.allow: "GET"])
    }

    /// `{"api::article": {controllers: {article: {find: {enabled, policy}}}}}` for every content
    /// type and every Quire action, and the users-permissions actions quire.yaml can grant.
    static func permissions(_ role: String, snapshot: SiteSnapshot) -> OrderedObject {
        let config = snapshot.config
        func actions(_ names: [String], enabled: (String) -> Bool) -> Value {
            .object(OrderedObject(names.map { ($0, .object(["enabled": .bool(enabled($0)), "policy": .string("")])) }))
        }
        var result = OrderedObject()
        for type in snapshot.schema.contentTypes.values.sorted(by: { $0.singularName < $1.singularName }) {
            let controller = actions(SiteConfig.actions) { name in
                Action(rawValue: name).map { RolePermissions.allows(role: role, action: $0, type: type, config: config) } ?? false
            }
            result["api::\(type.singularName)"] = .object(["controllers": .object([type.singularName: controller])])
        }
        func granted(_ controller: StrapiUserAccess.Controller) -> (String) -> Bool {
            { name in
                let action = StrapiUserAccess.Action(rawValue: name) ?? .find
                return StrapiUserAccess.allows(role == "public" ? .anonymous : .keyed(name: "role", role: role), action, on: controller, config: config)
            }
        }
        result["plugin::users-permissions"] = .object(["controllers": .object([
            "user": actions(["find", "findOne", "count", "create", "update", "destroy", "me"]) { name in
                name == "me" ? role != "public" : granted(.user)(name)
            },
            "role": actions(["find", "findOne"], enabled: granted(.role)),
        ])])
        return result
    }
}
