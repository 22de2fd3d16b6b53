import Hummingbird
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// `:_id/publish`, `:_id/unpublish`, `:_id/localize`, `:_id/locales` and
/// `:_id/revert-draft-to-published`, on Quire's draft branches.
extension AposRoutes {
    /// Merges the draft branch into main and answers the draft (now equal to the published record).
    func publish(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let type = try type(context)
        let node = QueryString.parse(request.uri.query)
        var (identity, principal) = try await resolve(request, context: context, type: type, action: .update, query: node)
        guard type.draftAndPublish else { throw AposError.invalid("\(type.singularName) has no drafts to publish") }
        try requirePublish(principal, type: type)
        identity.mode = .draft
        let version = try await publishDraft(identity, type: type, principal: principal)
        return try rendered(version, type: type, mode: .draft, principal: principal)
    }

    /// A document without draft changes is already published: nothing to merge.
    func publishDraft(_ identity: AposIdentity, type: ContentType, principal: Principal) async throws -> DocumentVersion? {
        do {
            return try await site.writeHashingPasswords(WriteRequest(
                operation: .publish(documentId: identity.documentId), type: type.singularName, locale: identity.locale,
                status: .draft, author: principal.signature)).version
        } catch WriteError.noDraft {
            let key = DocumentKey(locale: identity.locale, type: type.singularName, documentId: identity.documentId)
            guard let version = site.snapshot.document(view: .draft, key: key) else { throw AposError.notFound }
            return version
        }
    }

    /// Removes the published record; the content stays as the draft.
    func unpublish(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let type = try type(context)
        let node = QueryString.parse(request.uri.query)
        let (identity, principal) = try await resolve(request, context: context, type: type, action: .update, query: node)
        guard type.draftAndPublish else { throw AposError.invalid("\(type.singularName) has no drafts") }
        try requirePublish(principal, type: type)
        let key = key(identity, type: type)
        guard site.pinned.document(view: .published, key: key) != nil else { throw AposError.notFound }
        _ = try await write(WriteRequest(
            operation: .unpublish(documentId: identity.documentId), type: type.singularName, locale: identity.locale,
            status: .draft, author: principal.signature))
        return try rendered(site.pinned.document(view: .draft, key: key), type: type, mode: .draft, principal: principal)
    }

    /// Drops the draft's changes; answers `false` when there were none or nothing is published.
    func revertDraft(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let type = try type(context)
        let node = QueryString.parse(request.uri.query)
        let (identity, principal) = try await resolve(request, context: context, type: type, action: .update, query: node)
        let snapshot = site.pinned
        let key = key(identity, type: type)
        guard let draft = snapshot.document(view: .draft, key: key) else { throw AposError.notFound }
        guard type.draftAndPublish, let published = snapshot.document(view: .published, key: key), published.blob != draft.blob else {
            return respond(.bool(false), principal: principal)
        }
        do {
            _ = try await site.writeHashingPasswords(WriteRequest(
                operation: .discard(documentId: identity.documentId), type: type.singularName, locale: identity.locale,
                status: .draft, author: principal.signature))
        } catch WriteError.noDraft {
            return respond(.bool(false), principal: principal)
        }
        return try rendered(site.pinned.document(view: .draft, key: key), type: type, mode: .draft, principal: principal)
    }

    /// Copies the document to `toLocale` as a draft. Relations to documents that do not exist in
    /// that locale are dropped. 409 when it already exists there, unless `update: true`.
    func localize(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let type = try type(context)
        let node = QueryString.parse(request.uri.query)
        var (identity, principal) = try await resolve(request, context: context, type: type, action: .create, query: node)
        let body = try await body(request)
        let config = site.pinned.config
        guard type.localized else { throw AposError.invalid("\(type.singularName) is not localized") }
        guard case .string(let toLocale)? = body["toLocale"], config.locales.contains(toLocale), toLocale != identity.locale else {
            throw AposError.invalid("toLocale must be another configured locale (\(config.locales.joined(separator: ", ")))")
        }
        identity.mode = .draft
        let snapshot = site.pinned
        guard let source = snapshot.document(view: .draft, key: key(identity, type: type)) else { throw AposError.notFound }
        let target = AposIdentity(documentId: identity.documentId, locale: toLocale, mode: .draft)
        let exists = snapshot.document(view: .draft, key: key(target, type: type)) != nil
        if exists, body["update"] != .bool(true) {
            throw AposError("conflict", message: "This document already exists in \(toLocale); send update: true to overwrite it")
        }
        let input = AposFieldInput(map: AposTypeMap(type), snapshot: snapshot, locale: toLocale)
        var fields = OrderedObject()
        for (name, value) in input.editable(source.fields).pairs {
            let attribute = type.attribute(named: name)
            if let attribute, attribute.isMorph {
                fields[name] = try input.morphValue(value, attribute: attribute)
            } else {
                fields[name] = attribute?.isRelation == true ? .array(try input.relationIds(value, attribute: attribute!).map(Value.string)) : value
            }
        }
        let operation: WriteRequest.Operation = exists ? .update(documentId: target.documentId) : .create(documentId: target.documentId)
        let result = try await write(WriteRequest(
            operation: operation, type: type.singularName, locale: toLocale, status: .draft,
            data: input.writeData(fields), author: principal.signature))
        return try rendered(result.version, type: type, mode: type.draftAndPublish ? .draft : .published, principal: principal)
    }

    /// The locales the document exists in: drafts for callers who may see them, else published.
    func documentLocales(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let type = try type(context)
        let node = QueryString.parse(request.uri.query)
        let (identity, principal) = try await resolve(request, context: context, type: type, action: .findOne, query: node)
        let snapshot = site.pinned
        let mode: View = principal == .anonymous || !type.draftAndPublish ? .published : .draft
        let locales = type.localized ? snapshot.config.locales : [snapshot.config.defaultLocale]
        let results = locales.compactMap { locale -> Value? in
            let record = AposIdentity(documentId: identity.documentId, locale: locale, mode: mode)
            guard snapshot.document(view: mode, key: key(record, type: type)) != nil else { return nil }
            return .object(["_id": .string(record.id(for: type)), "aposLocale": .string(record.aposLocale)])
        }
        return respond(.object(["results": .array(results)]), principal: principal)
    }
}

extension AposRoutes {
    /// Apostrophe's "undo publish": the published document goes back to what main held before
    /// its last published change, restored as a new commit; the draft keeps what was published
    /// until now (a second commit, on the draft branch) or its own pending changes. As in
    /// Apostrophe it works once: when the last change is itself a restore, or the document was
    /// not published before it, the answer is `invalid`.
    func revertPublished(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let type = try type(context)
        let node = QueryString.parse(request.uri.query)
        var (identity, principal) = try await resolve(request, context: context, type: type, action: .update, query: node)
        guard type.draftAndPublish else { throw AposError.invalid("\(type.singularName) has no drafts and publishing") }
        try requirePublish(principal, type: type)
        identity.mode = .published
        let snapshot = site.pinned
        let key = key(identity, type: type)
        guard let published = snapshot.document(view: .published, key: key), let tip = snapshot.mainTip else { throw AposError.notFound }
        let none = AposError.invalid("There is no previously published version to revert to")
        // The commit that last changed the file on main. A draft commit there was published by
        // fast-forward, so main was at its base just before; any other was made on main.
        guard let last = try await site.reader.history(ofPath: published.path, from: tip, limit: 1).first,
              !last.message.hasPrefix("Restore \(key) to "),
              let before = DraftBase.parse(last.message) ?? last.parents.first else { throw none }
        do {
            _ = try await write(WriteRequest(
                operation: .restore(documentId: identity.documentId, commit: before), type: type.singularName,
                locale: identity.locale, status: .published, author: principal.signature))
        } catch WriteError.versionNotFound {
            throw none
        }
        // Apostrophe keeps the draft it published: without pending changes, that is the content
        // main had until now, which becomes the draft branch (so the draft reads as modified).
        if snapshot.document(view: .draft, key: key)?.blob == published.blob {
            let input = AposFieldInput(map: AposTypeMap(type), snapshot: snapshot, locale: identity.locale)
            _ = try await write(WriteRequest(
                operation: .update(documentId: identity.documentId), type: type.singularName, locale: identity.locale,
                status: .draft, data: input.writeData(input.editable(published.fields)), author: principal.signature))
        }
        return try rendered(site.pinned.document(view: .published, key: key), type: type, mode: .published, principal: principal)
    }
}
