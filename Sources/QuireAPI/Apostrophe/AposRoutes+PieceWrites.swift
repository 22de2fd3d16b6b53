import Hummingbird
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// `POST /api/v1/:type`, `PUT/PATCH/DELETE /api/v1/:type/:_id`: piece writes, each speaking
/// only for the related documents its caller can see (`AposUnseenLinks`).
extension AposRoutes {
    /// Inserts a published document (a draft only with `aposMode=draft`), or answers a
    /// POST-as-GET (`__aposGetWithQuery`) as the list it asks for.
    func create(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await create(request, context: context, body: nil)
    }

    /// `body`: already read by the caller (the global's POST looks at it first).
    func create(_ request: Request, context: BasicRequestContext, body given: OrderedObject?) async throws -> Response {
        let type = try type(context)
        var node = QueryString.parse(request.uri.query)
        let body = if let given { given } else { try await body(request) }
        if case .object(let extra)? = body["__aposGetWithQuery"] {
            node = Self.merge(node, extra)
            return try await list(request, context: context, query: node)
        }
        let snapshot = site.pinned
        let scope = AposScope(node, config: snapshot.config)
        let principal = try await authorize(request, .create, type: type, scope: scope, query: node)
        if body["_newInstance"] == .bool(true) {
            return respond(.object(AposNewInstance.template(for: type, body: body)), principal: principal)
        }
        let locale = scope.locale(for: type, config: snapshot.config)
        let mode: View = type.draftAndPublish ? scope.mode : .published
        var input = AposFieldInput(map: AposTypeMap(type), snapshot: snapshot, locale: locale)
        input.readable = readableTypes(principal, snapshot: snapshot, view: mode)
        input.draftsReadable = readableTypes(principal, snapshot: snapshot, view: .draft)
        var original: DocumentVersion?
        if let copying = body["_copyingId"] {
            guard case .string(let raw) = copying else { throw AposParameters.badValue("_copyingId", "expected an _id") }
            let source = scope.identity(of: raw, config: snapshot.config)
            let sourceKey = DocumentKey(locale: locale, type: type.singularName, documentId: source.documentId)
            // Its draft only for a caller who may see drafts: a copy must not publish one.
            let drafts = authenticator.readCheck(principal, view: .draft, snapshot: snapshot)(type.singularName)
            guard DocumentID.isValid(source.documentId),
                  let found = (drafts ? snapshot.document(view: .draft, key: sourceKey) : nil) ?? snapshot.document(view: .published, key: sourceKey) else {
                throw AposError.notFound
            }
            // The copy keeps the original's links the caller cannot see, as a write of it would.
            original = found
            input.before = found.fields
        }
        var fields = try topLevel(body, input: input)
        if let original {
            // Apostrophe's "duplicate": the copied document's fields, overridden by the body.
            var copied = input.editable(original.fields)
            if let slug = input.map.slugField { copied[slug] = nil }
            for (name, value) in fields.pairs { copied[name] = value }
            fields = copied
        }
        let documentId = type.kind == .singleType ? type.singularName : DocumentID.generate()
        fillSlug(&fields, map: input.map, key: DocumentKey(locale: locale, type: type.singularName, documentId: documentId), snapshot: snapshot)
        let result = try await write(WriteRequest(
            operation: .create(documentId: documentId), type: type.singularName, locale: locale, status: mode,
            data: input.writeData(fields), author: principal.signature))
        return try rendered(result.version, type: type, mode: mode, principal: principal)
    }

    /// REST PUT: the body is the whole document; fields it leaves out are emptied (the slug is kept).
    func replace(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await replace(request, context: context, body: nil)
    }

    /// `body`: already read by the caller (page PUT looks at it first).
    func replace(_ request: Request, context: BasicRequestContext, body given: OrderedObject?) async throws -> Response {
        let type = try type(context)
        let node = QueryString.parse(request.uri.query)
        let (identity, principal) = try await resolve(request, context: context, type: type, action: .update, query: node)
        let body = if let given { given } else { try await body(request) }
        let snapshot = site.pinned
        let current = snapshot.document(view: identity.mode, key: key(identity, type: type))
        guard current != nil || firstWrite(identity, type: type, snapshot: snapshot) else { throw AposError.notFound }
        if let current { try keepsArchiveState(body, version: current, type: type, snapshot: snapshot, view: identity.mode) }
        let input = writeInput(type, identity: identity, principal: principal, snapshot: snapshot, current: current)
        var fields = try topLevel(body, input: input)
        try input.keepUnseen(in: &fields)
        if let slug = input.map.slugField, fields[slug] == nil { fields[slug] = current?.fields[slug] }
        // A page keeps its place in the tree: moving is PATCH's `_targetId`/`_position`.
        if type.isPageType {
            for name in [ContentType.parentAttribute, ContentType.rankAttribute] where fields[name] == nil {
                fields[name] = current?.fields[name]
            }
        }
        var request = WriteRequest(
            operation: current == nil ? .create(documentId: identity.documentId) : .update(documentId: identity.documentId),
            type: type.singularName, locale: identity.locale,
            status: identity.mode, data: input.writeData(fields), author: principal.signature)
        request.keepsDraft = true
        request.createOnly = current == nil
        return try await locks.around(lockKey(identity, type: type), body: body, principal: principal) {
            let result = try await write(request)
            return try rendered(result.version, type: type, mode: identity.mode, principal: principal)
        }
    }

    /// Each round of a group commit lets at least one of the competing patches through.
    static let patchAttempts = 64

    /// Applies the patch to the version last read; if someone wrote in between, reads and applies again.
    func patch(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let type = try type(context)
        let node = QueryString.parse(request.uri.query)
        let (identity, principal) = try await resolve(request, context: context, type: type, action: .update, query: node)
        let body = try await body(request)
        // Checked before the draft is written: `_publish` refused must leave nothing half done.
        if body["_publish"] == .bool(true) { try requirePublish(principal, type: type) }
        return try await locks.around(lockKey(identity, type: type), body: body, principal: principal) {
            if AposLocks.onlyLocks(body) {
                return try rendered(site.pinned.document(view: identity.mode, key: key(identity, type: type)), type: type, mode: identity.mode, principal: principal)
            }
            return try await applyPatch(body, identity: identity, type: type, principal: principal)
        }
    }

    /// What a write by `principal` may see and link, over the version it replaces.
    private func writeInput(_ type: ContentType, identity: AposIdentity, principal: Principal, snapshot: SiteSnapshot, current: DocumentVersion?) -> AposFieldInput {
        var input = AposFieldInput(map: AposTypeMap(type), snapshot: snapshot, locale: identity.locale)
        input.readable = readableTypes(principal, snapshot: snapshot, view: identity.mode)
        input.draftsReadable = readableTypes(principal, snapshot: snapshot, view: .draft)
        input.before = current?.fields ?? [:]
        return input
    }

    /// The patch applied to the version last read; retried on a concurrent write.
    private func applyPatch(_ body: OrderedObject, identity: AposIdentity, type: ContentType, principal: Principal) async throws -> Response {
        for attempt in 1...Self.patchAttempts {
            // Each attempt reads the site as it is now: a retry on the pinned state would fail again.
            let snapshot = site.snapshot
            let current = snapshot.document(view: identity.mode, key: key(identity, type: type))
            guard current != nil || firstWrite(identity, type: type, snapshot: snapshot) else { throw AposError.notFound }
            if let current { try keepsArchiveState(body, version: current, type: type, snapshot: snapshot, view: identity.mode) }
            let input = writeInput(type, identity: identity, principal: principal, snapshot: snapshot, current: current)
            var fields = current.map { input.editable($0.fields, documentId: identity.documentId) } ?? AposGlobal.defaults(of: type)
            try AposPatch(input: input).apply(body, to: &fields)
            do {
                var request = WriteRequest(
                    operation: current == nil ? .create(documentId: identity.documentId) : .update(documentId: identity.documentId),
                    type: type.singularName, locale: identity.locale,
                    status: identity.mode, data: input.writeData(fields), ifMatch: current?.blob.hex, author: principal.signature)
                request.keepsDraft = true
                request.createOnly = current == nil
                let result = try await site.writeHashingPasswords(request)
                var version = result.version
                if body["_publish"] == .bool(true), identity.mode == .draft, type.draftAndPublish {
                    version = try await publishDraft(identity, type: type, principal: principal)
                }
                return try rendered(version, type: type, mode: identity.mode, principal: principal)
            } catch WriteError.preconditionFailed where attempt < Self.patchAttempts {
                continue
            } catch WriteError.alreadyExists where current == nil && attempt < Self.patchAttempts {
                // Another request saved the global first: patch what it saved.
                continue
            }
        }
        throw AposError("conflict", message: "The document kept changing; try again")
    }

    /// Deleting the draft (or a type without drafts) removes the document everywhere; deleting
    /// the published record unpublishes it and keeps the draft, as Apostrophe does.
    func delete(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let type = try type(context)
        let node = QueryString.parse(request.uri.query)
        let (identity, principal) = try await resolve(request, context: context, type: type, action: .delete, query: node)
        guard site.pinned.document(view: identity.mode, key: key(identity, type: type)) != nil else { throw AposError.notFound }
        let unpublishOnly = identity.mode == .published && type.draftAndPublish
        _ = try await write(WriteRequest(
            operation: unpublishOnly ? .unpublish(documentId: identity.documentId) : .delete(documentId: identity.documentId),
            type: type.singularName, locale: identity.locale, status: identity.mode, author: principal.signature))
        return respond(.null, principal: principal).withEmptyBody
    }

    private func topLevel(_ body: OrderedObject, input: AposFieldInput) throws -> OrderedObject {
        var fields = OrderedObject()
        for (name, value) in body.pairs where !AposPatch.controlKeys.contains(name) && !name.contains(".") {
            for (attribute, stored) in try input.convert(name, value) { fields[attribute] = stored }
        }
        return fields
    }
}
