import Hummingbird
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// `GET /_health`: whether the site loaded, which commit it serves and how many files are bad.
/// The public sees counts only; a full-access token also sees each problem (paths and reasons).
struct HealthRoutes: Sendable {
    let site: Site
    let authenticator: Authenticator
    var remote: RemoteSync? = nil

    func add(to router: Router<BasicRequestContext>) {
        router.get("/_health", use: health)
    }

    func health(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let snapshot = site.pinned
        let principal = try await authenticator.strapiPrincipal(request, config: snapshot.config)
        var body: OrderedObject = [
            "status": .string(snapshot.problems.isEmpty ? "ok" : "degraded"),
            "commit": snapshot.mainTip.map { .string($0.hex) } ?? .null,
            "problemCount": .int(Int64(snapshot.problems.count)),
        ]
        if case .token(_, .fullAccess) = principal, let remote {
            body["remote"] = RemoteHealth.json(await remote.status())
        }
        if case .token(_, .fullAccess) = principal {
            body["problems"] = .array(snapshot.problems.map { problem in
                .object(["path": .string(problem.path), "line": .int(Int64(problem.line)), "message": .string(problem.message)])
            })
        }
        return Response.json(JSON.encode(.object(body)))
    }
}
