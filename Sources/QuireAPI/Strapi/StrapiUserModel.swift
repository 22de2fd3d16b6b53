import QuireContent
import QuireIndex

/// Strapi's `plugin::users-permissions.user` as queries see it: the fields a filter, sort or
/// `fields` may name (the password and tokens are private, so naming them is `Invalid key`),
/// with the role as a nested record (`filters[role][type]=editor`, `sort=role.name`).
enum StrapiUserModel {
    static let roleUID = "users-permissions.role"
    /// The role's number, kept under a name no client can write: inside `filters[role]` and
    /// `sort=role.id`, `id` is rewritten to it (an item's `id` would otherwise be its position).
    static let roleNumber = "__roleId"

    static let role = Component(uid: roleUID, displayName: "Role", attributes: [
        Attribute(name: "documentId", type: .string), Attribute(name: "name", type: .string),
        Attribute(name: "description", type: .string), Attribute(name: "type", type: .string),
        hidden(Attribute(name: roleNumber, type: .integer)),
    ], sourcePath: "")

    private static func hidden(_ attribute: Attribute) -> Attribute {
        var attribute = attribute
        attribute.isPrivate = true
        return attribute
    }

    static let user = Component(uid: "users-permissions.user", displayName: "User", attributes: [
        Attribute(name: "documentId", type: .string), Attribute(name: "username", type: .string),
        Attribute(name: "email", type: .email), Attribute(name: "provider", type: .string),
        Attribute(name: "confirmed", type: .boolean), Attribute(name: "blocked", type: .boolean),
        Attribute(name: "createdAt", type: .datetime), Attribute(name: "updatedAt", type: .datetime),
        Attribute(name: "publishedAt", type: .datetime), Attribute(name: "role", type: .component(roleUID, repeatable: false)),
    ], sourcePath: "")

    static let schema = SiteSchema(contentTypes: [], components: [user, role], problems: [])
    static let records = PlainRecords(shape: user, schema: schema)

    /// What a filter or sort reads of `record`: its Strapi fields and its role.
    static func fields(_ record: UserRecord, config: SiteConfig) -> OrderedObject {
        guard case .object(var object) = record.strapiJSON, case .object(var role) = StrapiRole.json(record.role, config: config) else { return [:] }
        role[roleNumber] = role["id"]
        object["role"] = .object(role)
        return object
    }

    /// `id` inside the role names the role's number (see `roleNumber`).
    static func renumbered(_ filter: Filter, inRole: Bool = false) -> Filter {
        switch filter {
        case .all, .search: filter
        case .and(let parts): .and(parts.map { renumbered($0, inRole: inRole) })
        case .or(let parts): .or(parts.map { renumbered($0, inRole: inRole) })
        case .not(let inner): .not(renumbered(inner, inRole: inRole))
        case .field("id", let op, let operands) where inRole: .field(roleNumber, op, operands)
        // `filters[role]=4`: an operator on the role compares its id.
        case .field("role", let op, let operands) where !inRole: .nested("role", .field(roleNumber, op, operands))
        case .field: filter
        case .nested("role", let inner) where !inRole: .nested("role", renumbered(inner, inRole: true))
        case .nested(let name, let inner): .nested(name, renumbered(inner, inRole: inRole))
        }
    }

    static func renumbered(_ term: SortTerm) -> SortTerm {
        guard term.path == ["role", "id"] else { return term }
        return SortTerm(path: ["role", roleNumber], descending: term.descending)
    }
}

/// A query of `GET /api/users` and `/api/users/count`: `filters`, `sort`, `fields`, `populate`
/// (the role only) and, when given, pagination (`start`/`limit`, `page`/`pageSize`, or
/// `pagination[…]`). Without pagination every user is listed, as Strapi's users route does.
struct StrapiUserQuery {
    var query = DocumentQuery()
    var fields: Set<String>?
    var populatesRole = false
    var pagination: StrapiQuery.Pagination?

    static let listKeys: Set<String> = ["filters", "sort", "fields", "populate", "pagination", "page", "pageSize", "start", "limit"]

    init(_ node: QueryNode, allowed: Set<String>) throws {
        try StrapiParameters.check(node, allowed: allowed)
        do {
            let filter = try StrapiFilterParser(schema: StrapiUserModel.schema, canRead: { _ in false })
                .parse(node["filters"] ?? .value(nil), shape: .component(StrapiUserModel.user))
            let sort = try node["sort"].map { (sort) throws(StrapiQueryError) in
                try StrapiSortParser(schema: StrapiUserModel.schema, canRead: { _ in false }).parse(sort, shape: .component(StrapiUserModel.user))
            } ?? []
            query = DocumentQuery(filter: StrapiUserModel.renumbered(filter), sort: sort.map(StrapiUserModel.renumbered))
            fields = try node["fields"].map { (fields) throws(StrapiQueryError) in
                try StrapiFieldsParser().parse(fields, shape: .component(StrapiUserModel.user))
            } ?? nil
        } catch {
            throw StrapiError(error)
        }
        populatesRole = try Self.populate(node["populate"])
        if let paging = try StrapiQuery.paging(node) {
            pagination = try StrapiQuery.pagination(paging).0
        }
    }

    /// Only the role can be populated; what is asked inside it (its users or permissions) is
    /// not shown, as Strapi's sanitizer leaves them out.
    private static func populate(_ node: QueryNode?) throws -> Bool {
        guard let node else { return false }
        let names: [String]
        switch node {
        case .value(let text?): names = text.split(separator: ",").map(\.trimmingSpaces)
        case .value(nil): names = []
        case .list(let items): names = items.compactMap(\.string)
        case .map(let pairs): names = pairs.map(\.0)
        }
        for name in names where name != "role" && name != "*" {
            throw StrapiError(.invalidKey(key: name, path: nil, param: "populate"))
        }
        return !names.isEmpty
    }

    /// The users the query selects, in its order, before pagination.
    func select(_ users: [UserRecord], snapshot: SiteSnapshot) throws -> [UserRecord] {
        let records = users.map { (id: $0.id, fields: StrapiUserModel.fields($0, config: snapshot.config)) }
        do {
            return try StrapiUserModel.records.select(records, query: query, snapshot: snapshot).map { users[$0] }
        } catch {
            throw StrapiError(StrapiQueryError(error, param: "filters"))
        }
    }

    func page(_ users: [UserRecord]) -> ArraySlice<UserRecord> {
        guard let pagination else { return users[...] }
        return users[StrapiQuery.window(pagination, withCount: false, total: users.count).range]
    }

    /// The user as the route answers it: `fields` kept (with `id` and `documentId`), the role when populated.
    func render(_ user: UserRecord, config: SiteConfig) -> Value {
        guard case .object(var object) = user.strapiJSON(role: populatesRole ? StrapiRole.json(user.role, config: config) : nil) else { return .null }
        if let fields {
            let kept = fields.union(["id", "documentId", "role"])
            object = OrderedObject(object.pairs.filter { kept.contains($0.0) })
        }
        return .object(object)
    }
}
