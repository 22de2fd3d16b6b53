import Hummingbird
import QuireContent
import QuireIndex
import QuireSite

/// Apostrophe's workflow and batch routes on image and file pieces. Both types autopublish and
/// a media file is the same in every locale, so: `locales` lists every configured locale,
/// `revert-draft-to-published` answers `false` (the draft never differs, as Apostrophe answers
/// when there is nothing to revert), `locale/:toLocale` is the text `invalid (has no URL)`
/// Apostrophe gives a document without a page. The rest answer 400 `invalid` saying why:
/// nothing to unpublish, localize, submit, share or revert to, and batch operations, which
/// Apostrophe runs as background jobs (`{jobId}`) and Quire has no job module for.
extension AposImageFileRoutes {
    static let refusals: [(String, String)] = [
        ("unpublish", "autopublished: every save is published; archive the piece (PATCH {\"archived\": true}) or delete it instead"),
        ("localize", "a media file is the same in every locale: there is nothing to localize"),
        ("revert-published-to-previous", "no previous published version is kept (the media file's history is in git)"),
        ("submit", "autopublished: there is nothing to submit for review"),
        ("dismiss-submission", "autopublished: there is no submission to dismiss"),
        ("share", "media files are public to whoever may read files: there is no draft to share"),
    ]

    static func batchNames(_ kind: MediaPieceFields.Kind) -> [String] {
        ["archive", "restore", "publish", "localize"] + (kind == .image ? ["tag"] : [])
    }

    func addWorkflow(to router: Router<BasicRequestContext>) {
        for kind in Self.kinds {
            let base = "/api/v1/" + kind.rawValue
            router.get(RouterPath(stringLiteral: base + "/:id/locales")) { request, context in try await locales(request, context: context, kind: kind) }
            router.get(RouterPath(stringLiteral: base + "/:id/locale/:toLocale")) { request, context in
                try await inLocale(request, context: context, kind: kind)
            }
            router.post(RouterPath(stringLiteral: base + "/:id/revert-draft-to-published")) { request, context in
                _ = try await existing(request, context: context, kind: kind, action: .update)
                return Response.json(JSON.encode(.bool(false)))
            }
            for (name, reason) in Self.refusals {
                router.post(RouterPath(stringLiteral: base + "/:id/" + name)) { request, context -> Response in
                    _ = try await existing(request, context: context, kind: kind, action: .update)
                    throw AposError.invalid(reason)
                }
            }
            for name in Self.batchNames(kind) {
                router.post(RouterPath(stringLiteral: base + "/" + name)) { request, _ -> Response in
                    let scope = AposScope(QueryString.parse(request.uri.query), config: site.snapshot.config)
                    _ = try await authorize(request, .update, scope: scope)
                    throw AposError.invalid("batch \(name) runs as a background job in Apostrophe, and Quire has no job module: "
                        + "change each piece with PATCH /api/v1/\(kind.rawValue)/<_id> instead")
                }
            }
        }
    }

    /// The piece the `:id` names, for a caller allowed `action` on files; 404 otherwise.
    private func existing(_ request: Request, context: BasicRequestContext, kind: MediaPieceFields.Kind,
                          action: Action) async throws -> (AposIdentity, Principal) {
        let (identity, principal) = try await resolve(request, context: context, action: action, query: QueryString.parse(request.uri.query))
        let record = try piece(identity.documentId, kind: kind, catalog: try await media.catalog())
        guard MediaUses.readable(by: principal, authenticator: authenticator, snapshot: site.snapshot)(record.documentId) else { throw AposError.notFound }
        return (identity, principal)
    }

    /// `{results: [{_id, aposLocale}]}`: the piece exists in every configured locale, in draft
    /// mode for callers who may see drafts or edit files, else published.
    func locales(_ request: Request, context: BasicRequestContext, kind: MediaPieceFields.Kind) async throws -> Response {
        let (identity, principal) = try await existing(request, context: context, kind: kind, action: .findOne)
        let config = site.snapshot.config
        let type = UploadRoutes.permissionType
        let drafts = principal != .anonymous && (authenticator.isAllowed(principal, action: .viewDraft, type: type, config: config)
            || authenticator.isAllowed(principal, action: .update, type: type, config: config))
        let mode: View = drafts ? .draft : .published
        let results = config.locales.map { locale -> Value in
            .object(["_id": .string("\(identity.documentId):\(locale):\(mode.rawValue)"), "aposLocale": .string("\(locale):\(mode.rawValue)")])
        }
        return respond(.object(["results": .array(results)]), principal: principal)
    }

    /// A plain Express route in Apostrophe: a redirect to the document's page URL, which image
    /// and file pieces never have.
    func inLocale(_ request: Request, context: BasicRequestContext, kind: MediaPieceFields.Kind) async throws -> Response {
        guard site.snapshot.config.locales.contains(context.parameters.get("toLocale") ?? "") else {
            return AposRoutes.text("invalid locale name", status: .badRequest)
        }
        do {
            _ = try await existing(request, context: context, kind: kind, action: .findOne)
        } catch let error as AposError where error.status == .notFound {
            return AposRoutes.text("not found", status: .notFound)
        }
        return AposRoutes.text("invalid (has no URL)", status: .badRequest)
    }
}
