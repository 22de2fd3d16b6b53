import QuireContent

/// The top-level query keys each Strapi route honours. Anything else is a 400 naming it, as
/// Strapi 5 answers with `rest.strictParams` (on in new projects): a key Strapi knows but Quire
/// does not serve says so, rather than answering as if it had been applied.
enum StrapiParameters {
    enum Route {
        case list, one, write, delete
    }

    /// Read by the authenticator on every route (Apostrophe's API-key forms).
    static let credentials: Set<String> = ["apikey", "apiKey"]

    /// Strapi's allowed keys (`content-api-constants.ts`) that Quire leaves out, with why.
    static let unserved: [String: String] = [
        "count": "ask pagination[withCount] instead",
        "ordering": "use sort",
        "publicationFilter": "not supported by Quire; use status",
        "publicationState": "Strapi 4's parameter; use status=draft|published",
        "hasPublishedVersion": "not supported by Quire; use status",
    ]

    static func allowed(_ route: Route) -> Set<String> {
        switch route {
        case .list: ["filters", "_q", "sort", "fields", "populate", "status", "locale", "pagination", "page", "pageSize", "start", "limit"]
        case .one, .write: ["fields", "populate", "status", "locale"]
        // Strapi's delete answers 204 with no body: `fields` and `populate` change nothing there either.
        case .delete: ["fields", "populate", "status", "locale"]
        }
    }

    static func check(_ node: QueryNode, route: Route) throws(StrapiError) {
        try check(node, allowed: allowed(route))
    }

    /// For Quire's own routes under `/api/git`, which take fewer keys than a Strapi list.
    static func check(_ node: QueryNode, allowed permitted: Set<String>) throws(StrapiError) {
        guard case .map(let pairs) = node else { return }
        for (name, _) in pairs where !permitted.contains(name) && !credentials.contains(name) {
            var reason = unserved[name]
            if reason == nil, Self.allowed(.list).contains(name) { reason = "only lists take it" }
            let message = "Invalid key \(name)" + (reason.map { ": \($0)" } ?? "")
            throw StrapiError.validation(message, details: ["key": .string(name), "source": .string("query"), "param": .string(name)])
        }
    }
}
