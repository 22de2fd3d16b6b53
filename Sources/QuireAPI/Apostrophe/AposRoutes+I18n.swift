import Foundation
import Hummingbird
import QuireContent
import QuireIndex

/// `@apostrophecms/i18n`: the locales of quire.yaml, the locale switcher and `exist-in-locale`.
/// Quire's locales have no prefix or hostname: the default locale's home is `/`, another
/// locale's is `/<locale>/`.
extension AposRoutes {
    /// Public, as in Apostrophe: each locale with its English label, `direction` and `_edit`.
    func locales(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let config = site.pinned.config
        var object = OrderedObject()
        for code in config.locales {
            var entry: OrderedObject = ["label": .string(Self.label(code)), "direction": .string(Self.direction(code)), "_edit": .bool(true)]
            if code != config.defaultLocale { entry["prefix"] = .string("/\(code)") }
            object[code] = .object(entry)
        }
        return Response.json(JSON.encode(.object(object)))
    }

    /// `{locale, contextDocId?}` in the body (not the query, whatever the docs say) → `{redirectTo}`.
    func switchLocale(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let config = site.pinned.config
        let body = try await body(request)
        guard case .string(let locale)? = body["locale"], config.locales.contains(locale) else { throw AposError.invalid("Invalid locale") }
        var redirect = locale == config.defaultLocale ? "/" : "/\(locale)/"
        // A page's own URL in that locale when the context document is a page that exists there.
        if case .string(let context)? = body["contextDocId"] {
            let documentId = String(context.split(separator: ":", maxSplits: 1).first ?? "")
            let query = QueryString.parse(request.uri.query)
            if let url = pageURL(documentId, locale: locale, mode: .published, request: request, query: query) { redirect = url }
        }
        return Response.json(JSON.encode(.object(["redirectTo": .string(redirect)])))
    }

    /// `{ids, locale, mode?}` → the ids of those documents that exist in `locale` and `mode`.
    /// Logged-in callers only (404 otherwise); the first id gives the original locale and mode.
    func existInLocale(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = QueryString.parse(request.uri.query)
        guard let principal = try await isLoggedIn(request, query: query) else { throw AposError.notFound }
        let snapshot = site.pinned
        let config = snapshot.config
        let body = try await body(request)
        guard case .string(let locale)? = body["locale"], config.locales.contains(locale) else { throw AposError.invalid("Invalid locale") }
        guard case .array(let rawIds)? = body["ids"] else { throw AposError.invalid("ids must be a list") }
        let ids = rawIds.compactMap { if case .string(let id) = $0 { id } else { nil } }
        let scope = AposScope(query, config: config)
        let first = ids.first.map { scope.identity(of: $0, config: config) }
        let mode: View = {
            if case .string(let given)? = body["mode"] { return given == "draft" ? .draft : .published }
            return first?.mode ?? scope.mode
        }()
        let originalLocale = first?.locale ?? scope.locale
        var original: [Value] = [], found: [Value] = [], docIds: [Value] = []
        for id in ids {
            let documentId = String(id.split(separator: ":", maxSplits: 1).first ?? "")
            guard DocumentID.isValid(documentId), let type = Self.typeHolding(documentId, locale: locale, mode: mode, snapshot: snapshot) else { continue }
            let typeMode: View = type.draftAndPublish ? mode : .published
            original.append(.string(AposIdentity(documentId: documentId, locale: originalLocale, mode: typeMode).id(for: type)))
            found.append(.string(AposIdentity(documentId: documentId, locale: locale, mode: typeMode).id(for: type)))
            docIds.append(.string(documentId))
        }
        return respond(.object(["originalLocaleIds": .array(original), "newLocaleIds": .array(found), "aposDocIds": .array(docIds)]), principal: principal)
    }

    /// The type that has `documentId` in that locale and view (Apostrophe's ids are global).
    static func typeHolding(_ documentId: String, locale: String, mode: View, snapshot: SiteSnapshot) -> ContentType? {
        snapshot.schema.contentTypes.values.sorted { $0.singularName < $1.singularName }.first { type in
            let view = type.draftAndPublish ? mode : .published
            let key = DocumentKey(locale: type.localized ? locale : snapshot.config.defaultLocale, type: type.singularName, documentId: documentId)
            return snapshot.document(view: view, key: key) != nil
        }
    }

    static func label(_ code: String) -> String {
        Locale(identifier: "en").localizedString(forIdentifier: code) ?? code
    }

    /// Right-to-left scripts, by language code.
    static func direction(_ code: String) -> String {
        let language = code.split(separator: "-").first.map(String.init) ?? code
        return ["ar", "he", "fa", "ur", "yi", "ps", "dv", "ku", "sd", "ug"].contains(language) ? "rtl" : "ltr"
    }
}
