import Foundation
import Hummingbird
import QuireContent
import QuireIndex

/// `@apostrophecms/user` pieces over the users ref (the accounts `quire user` and the sign-in
/// routes use): admins list, read, insert, change and remove users as Apostrophe's user piece
/// type lets them. Apostrophe makes users admin-only (`viewRole: 'admin'`): the public gets
/// 404, other signed-in callers an empty list and 404 by id. Users are not localized and have
/// no drafts, so `_id` is the bare id; a username is taken as an `_id` too.
extension AposRoutes {
    static let userPath = "/api/v1/@apostrophecms/user"

    func addUsers(to router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: Self.userPath), use: userList)
        router.post(RouterPath(stringLiteral: Self.userPath), use: userCreate)
        let one = RouterPath(stringLiteral: Self.userPath + "/:id")
        router.get(one, use: userFindOne)
        router.put(one, use: userWrite)
        router.patch(one, use: userWrite)
        router.delete(one, use: userDelete)
    }

    /// Full-access tokens, and users and API keys of the `admin` role.
    static func managesUsers(_ principal: Principal) -> Bool {
        switch principal {
        case .token(_, .fullAccess): true
        case .keyed(_, let role): role == "admin"
        case .user(let user): user.role == "admin"
        default: false
        }
    }

    /// The caller, who must be signed in (404 otherwise, as Apostrophe hides the type).
    private func userCaller(_ request: Request, query: QueryNode) async throws -> Principal {
        guard let principal = try await isLoggedIn(request, query: query) else { throw AposError.notFound }
        return principal
    }

    private func admin(_ request: Request, query: QueryNode) async throws -> Principal {
        let principal = try await userCaller(request, query: query)
        guard Self.managesUsers(principal) else { throw AposError.notFound }
        return principal
    }

    func userList(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = QueryString.parse(request.uri.query)
        let list = try AposUserQuery(query)
        let principal = try await userCaller(request, query: query)
        let users = Self.managesUsers(principal) ? try await authenticator.currentDirectory().state.users.filter(list.matches) : []
        let sorted = users.sorted { AposUserShape.title($0).lowercased() < AposUserShape.title($1).lowercased() }
        if list.countOnly { return respond(.object(["count": .int(Int64(sorted.count))]), principal: principal) }
        let start = (list.page - 1) * list.perPage
        let shown = sorted[min(start, sorted.count)..<min(start + list.perPage, sorted.count)]
        return respond(.object([
            "pages": .int(Int64((sorted.count + list.perPage - 1) / list.perPage)), "currentPage": .int(Int64(list.page)),
            "results": .array(shown.map { .object(AposUserShape.render($0)) }),
        ]), principal: principal)
    }

    func userFindOne(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = QueryString.parse(request.uri.query)
        try AposParameters.check(query, map: nil)
        let principal = try await admin(request, query: query)
        let user = try await stored(context)
        return respond(.object(AposUserShape.render(user)), principal: principal)
    }

    func userCreate(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = QueryString.parse(request.uri.query)
        let principal = try await admin(request, query: query)
        let body = try await body(request)
        var change = try AposUserShape.Change(body, config: site.pinned.config)
        guard let username = change.username, let password = change.password else {
            throw AposError.validation([ValidationIssue(path: [change.username == nil ? "username" : "password"], message: "must be defined.")])
        }
        change.passwordHash = await Passwords.hash(password, cost: authenticator.bcryptCost)
        let email = change.email ?? ""
        let settled = change
        let user = try await usersWrite("Add a user") { state in
            var record = try state.add(username: username, email: email, displayName: nil, role: settled.role ?? "guest", passwordHash: settled.passwordHash ?? "")
            try settled.apply(to: &record, in: state)
            state.users[state.users.count - 1] = record
            return record
        }
        return respond(.object(AposUserShape.render(user)), principal: principal)
    }

    /// PATCH and PUT alike: the fields given change, the others (and the password) are kept.
    func userWrite(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = QueryString.parse(request.uri.query)
        let principal = try await admin(request, query: query)
        let target = try await stored(context)
        let body = try await body(request)
        var change = try AposUserShape.Change(body, config: site.pinned.config)
        if let password = change.password { change.passwordHash = await Passwords.hash(password, cost: authenticator.bcryptCost) }
        let settled = change
        let user = try await usersWrite("Change a user") { state in
            guard let index = state.users.firstIndex(where: { $0.documentId == target.documentId }) else { throw UserStoreError.noSuchUser(target.username) }
            var record = state.users[index]
            try settled.apply(to: &record, in: state)
            state.users[index] = record
            return record
        }
        return respond(.object(AposUserShape.render(user)), principal: principal)
    }

    func userDelete(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = QueryString.parse(request.uri.query)
        let principal = try await admin(request, query: query)
        let target = try await stored(context)
        try await usersWrite("Remove a user") { state in
            state.users.removeAll { $0.documentId == target.documentId }
        }
        return respond(.null, principal: principal).withEmptyBody
    }

    /// The user `:id` names (its id, `<id>:<anything>`, or its username).
    private func stored(_ context: BasicRequestContext) async throws -> UserRecord {
        let raw = context.parameters.get("id") ?? ""
        let id = String(raw.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        guard DocumentID.isValid(id) else { throw AposError.invalidDocumentId }
        let users = try await authenticator.currentDirectory().state.users
        guard let user = users.first(where: { $0.documentId == id }) ?? users.first(where: { $0.username == id }) else { throw AposError.notFound }
        return user
    }

    /// The users ref's own refusals in Apostrophe's words.
    @discardableResult
    private func usersWrite<T: Sendable>(_ message: String, _ change: @Sendable (inout AuthState) throws -> T) async throws -> T {
        do {
            return try await authenticator.updateUsers(message, change)
        } catch UserStoreError.taken {
            throw AposError("conflict", message: "That username or email is already in use")
        } catch UserStoreError.invalid(let reason) {
            throw AposError.invalid(reason)
        } catch UserStoreError.noSuchUser {
            throw AposError.notFound
        }
    }
}
