import Foundation
import HTTPTypes
import Hummingbird
import QuireContent
import QuireIndex

/// A page URL asked by an external front (see `AposExternalFrontMiddleware`): what
/// Apostrophe's `page/index.js` `serve` puts in `req.data` and `template/index.js`
/// `annotateDataForExternalFront` adds, as JSON: `page` (with `_ancestors`, each with its
/// `_children`, and `_children`), `home`, `global`, `bestPage`, `slug`, `i18n`,
/// `localizations`, `user`, `permissions`, `locale`, `aposBodyData`, `template`
/// (`<page type>:page`, or `@apostrophecms/page:notFound` with status 404), `module`, and the
/// (empty) head and body injections. A URL Apostrophe would redirect (a trailing slash, a
/// locale prefix without one) is answered `{redirect: true, url, status}`, as its external
/// front middleware answers redirects.
extension AposRoutes {
    func externalFrontPage(_ request: Request) async throws -> Response {
        let query = QueryString.parse(request.uri.query)
        let snapshot = site.pinned
        let config = snapshot.config
        let path = request.uri.path.removingPercentEncoding ?? request.uri.path
        var locale = config.defaultLocale
        var rest = path
        for code in config.locales where code != config.defaultLocale {
            if path == "/\(code)" { return Self.frontRedirect("/\(code)/") }
            if path.hasPrefix("/\(code)/") {
                locale = code
                rest = String(path.dropFirst(code.count + 1))
            }
        }
        let prefix = locale == config.defaultLocale ? "" : "/\(locale)"
        let slug = Self.normalizedSlug(rest)
        if slug != rest { return Self.frontRedirect(prefix + slug) }

        let principal = try await isLoggedIn(request, query: query) ?? .anonymous
        let mode: View = query["aposMode"]?.string == "draft" ? .draft : .published
        if mode == .draft, principal == .anonymous { throw Self.draftForbidden }
        let readable = readableTypes(principal, snapshot: snapshot, view: mode)
        let tree = AposPageTree(snapshot: snapshot, view: mode, locale: locale, readable: readable)
        let found = tree.preorder.first { !tree.isArchived($0) && tree.slug(of: $0) == slug }

        // A signed-in editor asking for a page that exists only as a draft is sent to it.
        if found == nil, mode == .published, principal != .anonymous {
            let drafts = AposPageTree(snapshot: snapshot, view: .draft, locale: locale, readable: readableTypes(principal, snapshot: snapshot, view: .draft))
            if drafts.preorder.contains(where: { !drafts.isArchived($0) && drafts.slug(of: $0) == slug }) {
                return Self.frontRedirect(prefix + slug + "?aposMode=draft")
            }
        }

        var data = OrderedObject()
        var template = "@apostrophecms/page:notFound", module = "@apostrophecms/page"
        let staticBuild = request.headers[AposExternalFrontMiddleware.staticBaseHeader] == "1"
        if let id = found, var page = tree.render(id, depth: 1) {
            let type = tree.pages[id]?.type
            page["_ancestors"] = .array(tree.ancestors(of: id).compactMap { ancestor in
                tree.render(ancestor, depth: 1, light: true, withAncestors: false).map(Value.object)
            })
            data["edit"] = .bool(type.map { authenticator.isAllowed(principal, action: .update, type: $0, config: config) } ?? false)
            data["slug"] = .string(slug)
            data["page"] = .object(page)
            data["bestPage"] = .object(page)
            if let type { (template, module) = ("\(type.singularName):page", type.singularName) }
            data["localizations"] = .array(localizations(of: id, current: locale, mode: mode, readable: readable, staticBuild: staticBuild))
        } else {
            data["edit"] = .null
            data["slug"] = .null
            data["page"] = .null
            // The longest page URL this one starts with, as Apostrophe's `bestPage`.
            let best = tree.preorder.filter { !tree.isArchived($0) }.map { ($0, tree.slug(of: $0)) }
                .filter { $0.1 == "/" || slug.hasPrefix($0.1 + "/") }.max { $0.1.count < $1.1.count }
            data["bestPage"] = best.flatMap { tree.render($0.0, depth: 1) }.map(Value.object) ?? .null
            data["suggestedSearch"] = .string(slug.split(separator: "/").joined(separator: " "))
        }
        data["home"] = tree.home.flatMap { tree.render($0, depth: 1, light: true, withAncestors: false) }.map(Value.object) ?? .null
        data["global"] = frontGlobal(principal: principal, locale: locale, mode: mode)
        data["i18n"] = .object(["locale": .string(locale), "direction": .string(Self.direction(locale)), "label": .string(Self.label(locale))])
        data["staticUrls"] = .bool(staticBuild)
        let user = principal.user.map { user -> Value in
            .object(["_id": .string(user.documentId), "username": .string(user.username), "title": .string(user.displayName ?? user.username)])
        }
        if let user { data["user"] = user }
        data["permissions"] = .object([:])
        data["locale"] = .string(locale)
        var body: OrderedObject = [
            "modules": .object([:]), "prefix": .string(prefix), "sitePrefix": .string(""), "shortName": .string("quire"),
            "locale": .string(locale), "csrfCookieName": .string(CookieNames(config.auth).csrf),
            "tabId": .string(DocumentID.generate()), "uploadsUrl": .string("/uploads"), "assetBaseUrl": .string(""),
            "scene": .string(principal == .anonymous ? "public" : "apos"),
        ]
        if let user { body["user"] = user }
        data["aposBodyData"] = .object(body)
        data["template"] = .string(template)
        data["module"] = .string(module)
        for place in ["prependHead", "appendHead", "prependBody", "appendBody", "prependMain", "appendMain"] {
            data[place] = .string("")
        }
        var response = respond(.object(data), principal: principal)
        if found == nil { response.status = .notFound }
        return response
    }

    /// Apostrophe's slug normalisation: no trailing slashes, no doubled ones, a leading one.
    static func normalizedSlug(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return "/" + parts.joined(separator: "/")
    }

    /// How Apostrophe answers a redirect to an external front: JSON, for the front to issue.
    static func frontRedirect(_ url: String) -> Response {
        let encoded = url.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.union(["?", "=", "&"])) ?? url
        return Response.json(JSON.encode(.object(["redirect": .bool(true), "url": .string(encoded), "status": .int(302)])))
    }

    /// The global document of the locale when the caller may read it (else null).
    private func frontGlobal(principal: Principal, locale: String, mode: View) -> Value {
        let snapshot = site.pinned
        let type = AposGlobal.type(in: snapshot.schema)
        guard AposGlobal.isDefined(in: snapshot.schema),
              authenticator.isAllowed(principal, action: .find, type: type, config: snapshot.config) else { return .null }
        let view: View = type.draftAndPublish ? mode : .published
        let typeLocale = type.localized ? locale : snapshot.config.defaultLocale
        let key = DocumentKey(locale: typeLocale, type: type.singularName, documentId: AposGlobal.singularName)
        let shape = AposDocumentShape(snapshot: snapshot, view: view, readableTypes: readableTypes(principal, snapshot: snapshot, view: view))
        if let version = snapshot.document(view: view, key: key) { return .object(shape.render(version, type: type)) }
        return .object(AposGlobal.renderUnsaved(type, locale: typeLocale, shape: shape))
    }

    /// `req.data.localizations` (`i18n/index.js`): every locale, in the configured order, and
    /// where the page exists there, its identity and a `_url` to it: the locale redirect route,
    /// or for a static build the page's URL itself.
    private func localizations(of id: String, current: String, mode: View, readable: Set<String>, staticBuild: Bool) -> [Value] {
        let snapshot = site.pinned
        return snapshot.config.locales.map { locale -> Value in
            let tree = AposPageTree(snapshot: snapshot, view: mode, locale: locale, readable: readable)
            var info = OrderedObject()
            if tree.unsavedHome == nil, tree.pages[id] != nil, let page = tree.render(id, depth: 0, light: true, withAncestors: false) {
                for key in ["_id", "type", "title", "slug", "aposLocale", "aposMode", "visibility"] { info[key] = page[key] }
                info["available"] = .bool(true)
                info["_url"] = .string(staticBuild ? tree.url(of: id) : "\(Self.pagePath)/\(page["_id"]?.stringValue ?? id)/locale/\(locale)")
                if locale == current { info["current"] = .bool(true) }
            }
            info["locale"] = .string(locale)
            info["label"] = .string(Self.label(locale))
            info["direction"] = .string(Self.direction(locale))
            info["homePageUrl"] = .string((locale == snapshot.config.defaultLocale ? "" : "/\(locale)") + "/")
            return .object(info)
        }
    }
}
