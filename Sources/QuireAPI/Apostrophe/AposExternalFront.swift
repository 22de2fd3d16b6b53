import Foundation
import HTTPTypes
import Hummingbird
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// Apostrophe's external front (`express/index.js` `externalFront`): a frontend such as Astro
/// (`@apostrophecms/apostrophe-astro`) sends `x-requested-with: AposExternalFront` and the
/// shared key in `apos-external-front-key`. A request with the first and a wrong or missing
/// key is refused with 403 `forbidden` (text, as Apostrophe answers), whatever its path. With
/// the right key, a GET of a path no route answers is a page URL, answered as Apostrophe's page
/// data in JSON (`AposRoutes.externalFrontPage`); API routes answer as they always do.
struct AposExternalFrontMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let routes: AposRoutes

    static let requestedWith = HTTPField.Name("x-requested-with")!
    static let keyHeader = HTTPField.Name("apos-external-front-key")!
    static let staticBaseHeader = HTTPField.Name("x-apos-static-base-url")!

    static func isExternalFront(_ request: Request) -> Bool {
        request.headers[requestedWith] == "AposExternalFront"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isExternalFront(request) else { return try await next(request, context) }
        guard AposExternalFrontKey(site: routes.site).matches(request.headers[Self.keyHeader]) else {
            return AposRoutes.text("forbidden", status: .forbidden)
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard request.method == .get || request.method == .head, !request.uri.path.hasPrefix("/api/") else { throw error }
            do {
                return try await routes.externalFrontPage(request)
            } catch let refusal as AposError {
                // Outside /api/v1, so worded here (sign-in failures, drafts for the public).
                return refusal.response
            }
        }
    }
}

/// The key quire.yaml points at (`apostrophe.externalFront.keyEnv` or `keyFile`), read at each
/// request so a rotated key applies at once. Never logged; compared in constant time.
struct AposExternalFrontKey {
    let site: Site

    /// The configured key, or nil when the site has none (or its variable or file is missing).
    var value: [UInt8]? {
        guard let front = site.pinned.config.externalFront else { return nil }
        var text: String?
        if let name = front.keyEnv { text = ProcessInfo.processInfo.environment[name] }
        if text == nil, let file = front.keyFile,
           let data = FileManager.default.contents(atPath: site.store.repository.gitDirectory + "/quire/" + file) {
            // Files written with `echo` end with a newline that is not part of the key.
            text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let text, !text.isEmpty else { return nil }
        return Array(text.utf8)
    }

    func matches(_ given: String?) -> Bool {
        guard let key = value, let given else { return false }
        let bytes = Array(given.utf8)
        var difference = UInt8(truncatingIfNeeded: key.count ^ bytes.count)
        for index in key.indices { difference |= key[index] ^ (index < bytes.count ? bytes[index] : 0) }
        return difference == 0
    }
}
