import Hummingbird
import QuireContent

/// `GET|POST /api/v1/@apostrophecms/login/context`: what Apostrophe's login page asks before
/// anyone signs in (`login/index.js` `getContext`): an environment label, the site's name, the
/// version and the props of login requirements. Quire has no login requirements (no captcha or
/// second factor), so `requirementProps` is empty; the version is the Apostrophe major version
/// whose API Quire speaks. Public, as in Apostrophe.
extension AposRoutes {
    static let loginContextPath = "/api/v1/@apostrophecms/login/context"

    func addLoginContext(to router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: Self.loginContextPath), use: loginContext)
        router.post(RouterPath(stringLiteral: Self.loginContextPath), use: loginContext)
    }

    func loginContext(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body: Value = .object(["env": .string("production"), "name": .string("Quire"), "version": .string("4"), "requirementProps": .object([:])])
        return Response.json(JSON.encode(body))
    }
}
