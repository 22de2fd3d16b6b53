import Hummingbird
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// `GET /api/git/problems`: the files `quire validate` would report (path, line, message), as
/// the running server sees them. A bad document is shown to callers who may read its type;
/// problems in schemas or quire.yaml only to callers who may read every type.
struct SiteProblemsRoutes: Sendable {
    let access: GitAccess

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/git/problems", use: problems)
    }

    func problems(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let snapshot = access.site.snapshot
        let principal = try await access.principal(request)
        let types = Array(snapshot.schema.contentTypes.values)
        let readsAll = types.allSatisfy { access.isAllowed(principal, .findOne, type: $0, snapshot: snapshot) }
        var items: [Value] = []
        for problem in snapshot.problems {
            if let type = Self.contentType(of: problem.path, schema: snapshot.schema) {
                guard access.isAllowed(principal, .findOne, type: type, snapshot: snapshot) else { continue }
            } else if !readsAll {
                continue
            }
            items.append(.object(OrderedObject([
                ("path", .string(problem.path)), ("line", .int(Int64(problem.line))), ("message", .string(problem.message)),
            ])))
        }
        let meta: Value = .object(["commit": snapshot.mainTip.map { .string($0.hex) } ?? .null, "total": .int(Int64(items.count))])
        return Response.json(JSON.encode(.object(["data": .array(items), "meta": meta])))
    }

    /// `content/<locale>/<type>/…` names its type; anything else (schemas/, quire.yaml) none.
    static func contentType(of path: String, schema: SiteSchema) -> ContentType? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0] == "content" else { return nil }
        return schema.contentType(singular: String(parts[2]))
    }
}
