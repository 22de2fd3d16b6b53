import Hummingbird
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// Reviewing one document: its diff between any two versions, and the actions that move it
/// between its draft branch and main (each one commit or merge, authored by the caller).
struct DocumentReviewRoutes: Sendable {
    let access: GitAccess

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/:name/:documentId/diff", use: diff)
        router.post("/api/:name/:documentId/publish", use: publish)
        router.post("/api/:name/:documentId/unpublish", use: unpublish)
        router.post("/api/:name/:documentId/discard", use: discard)
    }

    // MARK: Diff

    /// One side of a diff: a named version (`draft`, `published`) or a commit.
    private struct Side {
        var version: String
        var commit: ObjectID?
        var path: String?
        var blob: ObjectID?
        var bytes: [UInt8]?
        var fields: OrderedObject?
    }

    func diff(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let target = try await access.target(request, context: context, action: .findOne)
        try access.require(target, .viewDraft)
        let draft = await access.site.draftBranch(target.key)
        let from = try await side(target.node["from"]?.string ?? "published", param: "from", target: target, draft: draft)
        let to = try await side(target.node["to"]?.string ?? "draft", param: "to", target: target, draft: draft)
        guard from.blob != nil || to.blob != nil else { throw StrapiError.notFound }

        let type = target.type
        func text(_ side: Side) -> [UInt8]? {
            GitAccess.diffText(side.bytes, fields: side.fields, path: side.path, type: type, schema: target.snapshot.schema)
        }
        let unified = UnifiedDiff.make(
            old: text(from), new: text(to), oldPath: from.path ?? to.path ?? "", newPath: to.path ?? from.path ?? "")
        let changes = FieldDiff.changes(from: from.fields ?? OrderedObject(), to: to.fields ?? OrderedObject(), type: type)
        let data: Value = .object(OrderedObject(GitAccess.keyJSON(target.key) + [
            ("from", sideJSON(from)), ("to", sideJSON(to)),
            ("diff", .string(unified)),
            ("fields", .object(OrderedObject(changes.map { ($0.field, .object(["from": $0.from ?? .null, "to": $0.to ?? .null])) }))),
        ]))
        return Response.json(JSON.encode(.object(["data": data, "meta": .object([:])])))
    }

    private func side(_ name: String, param: String, target: GitAccess.Target, draft: DraftBranch?) async throws -> Side {
        let snapshot = target.snapshot
        let published = snapshot.document(view: .published, key: target.key)
        let store = access.site.reader
        switch name {
        case "published":
            guard let published else { return Side(version: name, commit: snapshot.mainTip) }
            return Side(version: name, commit: snapshot.mainTip, path: published.path, blob: published.blob,
                        bytes: try await store.fileBytes(published.blob), fields: published.fields)
        case "draft":
            // Without a branch the draft is the published version, as Strapi's draft view shows it.
            guard let draft else {
                var side = try await self.side("published", param: param, target: target, draft: nil)
                side.version = name
                return side
            }
            return Side(version: name, commit: draft.tip, path: draft.path, blob: draft.blob,
                        bytes: try await store.fileBytes(draft.blob), fields: draft.fields)
        default:
            let commit = try GitAccess.commitID(name, param: param)
            let revision: DocumentRevision?
            do {
                revision = try await access.site.reader.revision(
                    of: target.key, type: target.type, schema: snapshot.schema, at: commit,
                    candidates: GitAccess.candidatePaths(target, draft: draft))
            } catch GitError.notFound {
                throw StrapiError.validation("Unknown commit in \(param): \(name)")
            }
            guard let revision else { return Side(version: "commit", commit: commit) }
            return Side(version: "commit", commit: commit, path: revision.path, blob: revision.blob,
                        bytes: revision.bytes, fields: revision.fields)
        }
    }

    private func sideJSON(_ side: Side) -> Value {
        .object([
            "version": .string(side.version),
            "commit": side.commit.map { .string($0.hex) } ?? .null,
            "path": side.path.map(Value.string) ?? .null,
            "blob": side.blob.map { .string($0.hex) } ?? .null,
        ])
    }

    // MARK: Actions

    func publish(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await act(request, context: context, action: .publish) { .publish(documentId: $0) }
    }

    func unpublish(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await act(request, context: context, action: .publish, answer: .draft) { .unpublish(documentId: $0) }
    }

    func discard(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await act(request, context: context, action: .update, answer: .draft) { .discard(documentId: $0) }
    }

    /// Runs one action through the site's write queue and answers with the document as the
    /// `answer` view now sees it (after a discard: the published version, or null).
    private func act(_ request: Request, context: BasicRequestContext, action: Action, answer: View = .published,
                     operation: (String) -> WriteRequest.Operation) async throws -> Response {
        let target = try await access.target(request, context: context, action: action)
        guard target.type.draftAndPublish else {
            throw StrapiError.validation("\(target.type.singularName) has no draft & publish")
        }
        let result = try await access.write(WriteRequest(
            operation: operation(target.key.documentId), type: target.type.singularName, locale: target.key.locale,
            status: answer, author: target.principal.signature))
        return GitAccess.documentAnswer(result.version ?? access.site.snapshot.document(view: answer, key: target.key), commit: result.commit)
    }
}
