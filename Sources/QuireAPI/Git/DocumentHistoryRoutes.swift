import Hummingbird
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// A document's history in git: the commits that touched its file, the document as of any of
/// them, and restoring one as a new commit.
struct DocumentHistoryRoutes: Sendable {
    let access: GitAccess
    let bodyLimit: Int

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/:name/:documentId/history", use: history)
        router.get("/api/:name/:documentId/versions/:commit", use: version)
        router.post("/api/:name/:documentId/restore", use: restore)
    }

    /// Newest first, on main (or, with `status=draft`, on the draft branch, whose history
    /// continues into main's before it branched), paginated as Strapi lists are.
    func history(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let target = try await access.target(request, context: context, action: .findOne)
        if target.query.view == .draft { try access.require(target, .viewDraft) }
        let branch = await access.site.draftBranch(target.key)
        let draft = target.query.view == .draft ? branch : nil
        guard let tip = draft?.tip ?? target.snapshot.mainTip else { throw StrapiError.notFound }
        let path = draft?.path ?? GitAccess.candidatePaths(target, draft: branch)[0]
        // Without a count, the walk can stop after the requested page.
        var limit: Int?
        if !target.query.withCount {
            let (range, _) = target.query.window(total: Int.max / 2)
            limit = range.upperBound
        }
        let commits = try await access.site.reader.history(ofPath: path, from: tip, limit: limit)
        guard !commits.isEmpty else { throw StrapiError.notFound }
        let (range, pagination) = target.query.window(total: commits.count)
        let data = Value.array(commits[range].map(GitAccess.commitJSON))
        var meta = OrderedObject([("pagination", .object(pagination))])
        meta["path"] = .string(path)
        return Response.json(JSON.encode(.object(["data": data, "meta": .object(meta)])))
    }

    /// The document as of a commit, rendered like any Strapi document (`updatedAt` is that
    /// commit's time; `publishedAt` is null: a past version is not what is published).
    func version(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let target = try await access.target(request, context: context, action: .findOne)
        let commitText = context.parameters.get("commit")
        guard let commitID = commitText.flatMap(ObjectID.init(hex:)) else { throw StrapiError.notFound }
        let draft = await access.site.draftBranch(target.key)
        let store = access.site.reader
        let revision: DocumentRevision?
        let commit: CommitInfo
        do {
            commit = try await store.commit(commitID)
            revision = try await store.revision(of: target.key, type: target.type, schema: target.snapshot.schema, at: commitID,
                                                candidates: GitAccess.candidatePaths(target, draft: draft))
        } catch GitError.notFound {
            throw StrapiError.notFound
        }
        guard let revision else { throw StrapiError(WriteError.versionNotFound) }
        guard let fields = revision.fields else {
            throw StrapiError.validation("The version at \(commitID) does not read under the current schema",
                                         details: ["problems": .array(revision.problems.map { .string($0.message) })])
        }
        let current = target.snapshot.document(view: .draft, key: target.key)
        let data = DocumentData(
            key: target.key, path: revision.path, blob: revision.blob, fields: fields,
            createdAt: min(current?.createdAt ?? commit.author.time, commit.author.time), updatedAt: commit.author.time, publishedAt: nil)
        var body: [UInt8] = Array(#"{"data":"#.utf8)
        body.append(contentsOf: StrapiRenderer().render(data, numericID: data.numericID, type: target.type))
        body.append(contentsOf: #","meta":"#.utf8)
        JSON.write(.object(["commit": GitAccess.commitJSON(commit), "path": .string(revision.path)]), into: &body)
        body.append(UInt8(ascii: "}"))
        return Response.json(body)
    }

    /// `{"commit": "<id>"}` (or `{"data": {"commit": …}}`): that version becomes a new commit
    /// on main, or on the draft branch with `status=draft`.
    func restore(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let target = try await access.target(request, context: context, action: .update)
        let commit = try GitAccess.commitID(try await commitInBody(request), param: "commit")
        let view: View = target.type.draftAndPublish ? target.query.view : .published
        if view == .published { try access.require(target, .publish) }
        let result = try await access.write(WriteRequest(
            operation: .restore(documentId: target.key.documentId, commit: commit), type: target.type.singularName,
            locale: target.key.locale, status: view, author: target.principal.signature))
        return GitAccess.documentAnswer(result.version ?? access.site.snapshot.document(view: view, key: target.key), commit: result.commit)
    }

    private func commitInBody(_ request: Request) async throws -> String? {
        let object: OrderedObject
        do {
            object = try await RequestBody.object(of: request, limit: bodyLimit, requireJSONType: false)
        } catch .notAnObject {
            throw StrapiError.validation(#"Expected {"commit": "<id>"}"#)
        }
        if case .object(let data)? = object["data"], case .string(let commit)? = data["commit"] { return commit }
        if case .string(let commit)? = object["commit"] { return commit }
        return nil
    }
}
