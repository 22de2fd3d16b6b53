import HTTPTypes
import Hummingbird
import QuireContent
import QuireIndex
import QuireSite

/// Strapi 5's users-permissions user routes over the users ref (the accounts `quire user`, the
/// sign-in routes and Apostrophe's `@apostrophecms/user` pieces use): answers are Strapi's bare
/// users and arrays (no `{data, meta}`), paths take the numeric id, and who may call what is
/// `StrapiUserAccess`. `GET /api/users/me` is `StrapiAuthRoutes.me`.
struct StrapiUserRoutes: Sendable {
    let site: Site
    let authenticator: Authenticator

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/users", use: find)
        router.get("/api/users/count", use: count)
        router.post("/api/users", use: create)
        router.get("/api/users/:id", use: findOne)
        router.put("/api/users/:id", use: update)
        router.delete("/api/users/:id", use: destroy)
    }

    /// The caller, refused before anything of the request is read, as Strapi's route policies do.
    private func caller(_ request: Request, _ action: StrapiUserAccess.Action) async throws -> Principal {
        let config = site.pinned.config
        let principal = try await RequestScope.caller { try await authenticator.strapiPrincipal(request, config: config) }
        try StrapiUserAccess.require(principal, action, on: .user, config: config)
        return principal
    }

    private var users: [UserRecord] {
        get async throws { try await authenticator.currentDirectory().state.users.sorted { $0.id < $1.id } }
    }

    func find(_ request: Request, context: BasicRequestContext) async throws -> Response {
        _ = try await caller(request, .find)
        let query = try StrapiUserQuery(QueryString.parse(request.uri.query), allowed: StrapiUserQuery.listKeys)
        let snapshot = site.pinned
        let selected = query.page(try query.select(try await users, snapshot: snapshot))
        return Response.json(JSON.encode(.array(selected.map { query.render($0, config: snapshot.config) })))
    }

    /// A bare number, as Strapi answers it.
    func count(_ request: Request, context: BasicRequestContext) async throws -> Response {
        _ = try await caller(request, .count)
        let query = try StrapiUserQuery(QueryString.parse(request.uri.query), allowed: ["filters"])
        return Response.json(Array(String(try query.select(try await users, snapshot: site.pinned).count).utf8))
    }

    /// An unknown id answers 204 with no body: Strapi's controller sets a null body.
    func findOne(_ request: Request, context: BasicRequestContext) async throws -> Response {
        _ = try await caller(request, .findOne)
        let query = try StrapiUserQuery(QueryString.parse(request.uri.query), allowed: ["fields", "populate"])
        let id = try Self.id(context)
        guard let user = try await users.first(where: { $0.id == id }) else { return Response(status: .noContent) }
        return Response.json(JSON.encode(query.render(user, config: site.pinned.config)))
    }

    /// 201 with the new user and their role; the role defaults to `auth.defaultRole`.
    func create(_ request: Request, context: BasicRequestContext) async throws -> Response {
        _ = try await caller(request, .create)
        try StrapiParameters.check(QueryString.parse(request.uri.query), allowed: [])
        let config = site.pinned.config
        var change = try StrapiUserBody(try await Self.body(request), creating: true, config: config)
        change.passwordHash = await Passwords.hash(change.password ?? "", cost: authenticator.bcryptCost)
        change.password = nil
        let settled = change
        let role = change.role ?? config.auth.defaultRole
        let user = try await authenticator.updateUsers("Add a user") { state in
            try settled.checkAvailable(in: state, keeping: nil)
            var record = try Self.mapped { () throws(UserStoreError) -> UserRecord in
                try state.add(username: settled.username ?? "", email: settled.email ?? "", displayName: nil, role: role, passwordHash: settled.passwordHash ?? "")
            }
            if let blocked = settled.blocked { record.blocked = blocked }
            // An admin's creation is confirmed unless it says otherwise (Strapi's default is
            // `confirmed: false`, but Quire's users were always confirmed; no mail is sent).
            if let confirmed = settled.confirmed { record.confirmed = confirmed }
            state.users[state.users.count - 1] = record
            return record
        }
        return Response.json(JSON.encode(user.strapiJSON(role: StrapiRole.json(user.role, config: config))), status: .created)
    }

    /// 200 with the changed user and their role; 404 `User not found` for an unknown id.
    func update(_ request: Request, context: BasicRequestContext) async throws -> Response {
        _ = try await caller(request, .update)
        try StrapiParameters.check(QueryString.parse(request.uri.query), allowed: [])
        let id = try Self.id(context)
        guard try await users.contains(where: { $0.id == id }) else { throw Self.userNotFound }
        let config = site.pinned.config
        var change = try StrapiUserBody(try await Self.body(request), creating: false, config: config)
        if let password = change.password { change.passwordHash = await Passwords.hash(password, cost: authenticator.bcryptCost) }
        change.password = nil
        let settled = change
        let user = try await authenticator.updateUsers("Change a user") { state in
            guard let index = state.users.firstIndex(where: { $0.id == id }) else { throw Self.userNotFound }
            try settled.apply(to: &state.users[index], in: state)
            return state.users[index]
        }
        return Response.json(JSON.encode(user.strapiJSON(role: StrapiRole.json(user.role, config: config))))
    }

    /// 200 with the removed user; an unknown id answers 204, as Strapi's null answer does.
    func destroy(_ request: Request, context: BasicRequestContext) async throws -> Response {
        _ = try await caller(request, .destroy)
        try StrapiParameters.check(QueryString.parse(request.uri.query), allowed: [])
        let id = try Self.id(context)
        guard try await users.contains(where: { $0.id == id }) else { return Response(status: .noContent) }
        let removed: UserRecord? = try await authenticator.updateUsers("Remove a user") { state in
            guard let index = state.users.firstIndex(where: { $0.id == id }) else { return nil }
            return state.users.remove(at: index)
        }
        guard let removed else { return Response(status: .noContent) }
        return Response.json(JSON.encode(removed.strapiJSON))
    }

    static let userNotFound = StrapiError(.notFound, "NotFoundError", "User not found")

    /// Users keep Strapi's numeric ids in paths.
    private static func id(_ context: BasicRequestContext) throws -> Int {
        guard let raw = context.parameters.get("id"), let id = Int(raw), id > 0 else {
            throw StrapiError.validation("Invalid id: users are named by their numeric id")
        }
        return id
    }

    private static func body(_ request: Request) async throws -> OrderedObject {
        do {
            return try await AuthBody.read(request).object
        } catch .tooLarge {
            throw StrapiError.payloadTooLarge
        } catch .malformed {
            throw StrapiError.validation("Malformed JSON body")
        }
    }

    /// The users ref's refusals in Strapi's words.
    private static func mapped<T>(_ work: () throws(UserStoreError) -> T) throws -> T {
        do {
            return try work()
        } catch .taken {
            throw StrapiError(.badRequest, "ApplicationError", "Email or Username are already taken")
        } catch let error {
            throw StrapiError.validation(error.description)
        }
    }
}
