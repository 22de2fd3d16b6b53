import Hummingbird
import QuireContent
import QuireIndex

/// The history and review routes for a single type's one document, one segment shorter than a
/// collection's: `/api/homepage/history` as `/api/articles/:documentId/history`.
///
/// `GET /api/:name/history` and `/diff` share their shape with a collection's find-one
/// (`/api/articles/history` is the document whose id is "history"), so for a collection
/// they answer exactly as find-one does.
struct SingleTypeGitRoutes: Sendable {
    let history: DocumentHistoryRoutes
    let review: DocumentReviewRoutes
    let strapi: StrapiRoutes

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/:name/history") { request, context in
            try await isSingle(context) ? history.history(request, context: context)
                : strapi.findOne(request, context: context, documentId: "history")
        }
        router.get("/api/:name/diff") { request, context in
            try await isSingle(context) ? review.diff(request, context: context)
                : strapi.findOne(request, context: context, documentId: "diff")
        }
        router.get("/api/:name/versions/:commit", use: history.version)
        router.post("/api/:name/restore", use: history.restore)
        router.post("/api/:name/publish", use: review.publish)
        router.post("/api/:name/unpublish", use: review.unpublish)
        router.post("/api/:name/discard", use: review.discard)
    }

    private func isSingle(_ context: BasicRequestContext) -> Bool {
        strapi.site.pinned.schema.contentType(singular: context.parameters.get("name") ?? "")?.kind == .singleType
    }
}
