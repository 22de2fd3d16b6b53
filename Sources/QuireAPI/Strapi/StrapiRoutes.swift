import Foundation
import Hummingbird
import HTTPTypes
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// Strapi 5's content API: collection types at `/api/:pluralName[/:documentId]`, single types
/// at `/api/:singularName`. Types are looked up per request, so schema changes need no restart.
struct StrapiRoutes: Sendable {
    let site: Site
    let authenticator: Authenticator
    let bodyLimit: Int

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/i18n/locales", use: locales)
        router.get("/api/:name", use: find)
        router.post("/api/:name", use: create)
        router.put("/api/:name", use: updateSingle)
        router.delete("/api/:name", use: deleteSingle)
        router.get("/api/:name/:documentId", use: findOne)
        router.put("/api/:name/:documentId", use: update)
        router.delete("/api/:name/:documentId", use: delete)
    }

    // MARK: Reads

    func find(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let snapshot = site.pinned
        let name = context.parameters.get("name") ?? ""
        if let type = snapshot.schema.contentType(singular: name), type.kind == .singleType {
            return try await readOne(request, type: type, documentId: type.singularName, snapshot: snapshot, action: .find)
        }
        guard let type = snapshot.schema.contentType(plural: name), type.kind == .collectionType else { throw StrapiError.notFound }
        let principal = try await authorize(request, .find, type: type, snapshot: snapshot)
        let node = QueryString.parse(request.uri.query)
        try StrapiParameters.check(node, route: .list)
        let query = try StrapiQuery(node, type: type, config: snapshot.config)
        try requireDraftAccess(principal, type: type, view: query.view, snapshot: snapshot)
        let options = try readOptions(node, type: type, principal: principal, snapshot: snapshot, view: query.view, isList: true)
        let result: QueryResult
        do {
            result = try snapshot.query(options.query, type: type, view: query.view, locale: query.locale, media: MediaContext.lookup)
        } catch {
            throw StrapiError(StrapiQueryError(error, param: "filters"))
        }
        let (range, meta) = query.window(total: result.total)
        let documents = result.documents(in: range)
        var body: [UInt8] = []
        body.reserveCapacity(documents.reduce(64) { $0 + $1.rendered.count + 1 })
        body.append(contentsOf: #"{"data":["#.utf8)
        let writer = StrapiDocumentWriter(snapshot: snapshot, view: query.view)
        for (index, document) in documents.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            if options.selection.isDefault {
                body.append(contentsOf: document.rendered)
            } else {
                try write(document, type: type, selection: options.selection, writer: writer, into: &body)
            }
        }
        body.append(contentsOf: #"],"meta":{"pagination":"#.utf8)
        JSON.write(.object(meta), into: &body)
        body.append(contentsOf: "}}".utf8)
        let answer = v4(request, body, type: type, snapshot: snapshot)
        return conditional(request, body: answer, etag: ETag.weak(answer))
    }

    func findOne(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await findOne(request, context: context, documentId: context.parameters.get("documentId") ?? "")
    }

    /// Also reached from routes whose last segment is a constant (see `SingleTypeGitRoutes`).
    func findOne(_ request: Request, context: BasicRequestContext, documentId: String) async throws -> Response {
        let (snapshot, type) = try collectionType(context)
        return try await readOne(request, type: type, documentId: documentId, snapshot: snapshot, action: .findOne)
    }

    private func readOne(_ request: Request, type: ContentType, documentId: String, snapshot: SiteSnapshot, action: Action) async throws -> Response {
        let principal = try await authorize(request, action, type: type, snapshot: snapshot)
        guard DocumentID.isValid(documentId) else { throw StrapiError.invalidDocumentId }
        let node = QueryString.parse(request.uri.query)
        try StrapiParameters.check(node, route: .one)
        let query = try StrapiQuery(node, type: type, config: snapshot.config)
        try requireDraftAccess(principal, type: type, view: query.view, snapshot: snapshot)
        let options = try readOptions(node, type: type, principal: principal, snapshot: snapshot, view: query.view, isList: false)
        let key = DocumentKey(locale: query.locale, type: type.singularName, documentId: documentId)
        guard let version = snapshot.document(view: query.view, key: key) else { throw StrapiError.notFound }
        if options.selection.isDefault, !StrapiV4Format.isRequested(request) {
            return conditional(request, body: Self.single(version), etag: ETag.strong(version.blob.hex))
        }
        let body = v4(request, options.selection.isDefault ? Self.single(version)
                      : try single(version, type: type, selection: options.selection, snapshot: snapshot, view: query.view),
                      type: type, snapshot: snapshot)
        // A populated (or v4-shaped) answer is not the file's bytes: its tag must follow its bytes.
        return conditional(request, body: body, etag: ETag.weak(body))
    }

    func locales(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let config = site.pinned.config
        let list = config.locales.enumerated().map { offset, code in
            Value.object([
                "id": .int(Int64(offset + 1)), "name": .string(Self.localeName(code)), "code": .string(code),
                "isDefault": .bool(code == config.defaultLocale),
            ])
        }
        return Response.json(JSON.encode(.array(list)))
    }

    /// Strapi's form, "French (fr)", in English whatever the locale.
    static func localeName(_ code: String) -> String {
        let name = Locale(identifier: "en").localizedString(forIdentifier: code) ?? code
        return "\(name) (\(code))"
    }

    // MARK: Writes

    func create(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (snapshot, type) = try collectionType(context)
        return try await write(request, type: type, operation: .create(documentId: nil), action: .create, snapshot: snapshot)
    }

    func update(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (snapshot, type) = try collectionType(context)
        let documentId = context.parameters.get("documentId") ?? ""
        return try await write(request, type: type, operation: .update(documentId: documentId), action: .update, snapshot: snapshot)
    }

    func delete(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (snapshot, type) = try collectionType(context)
        let documentId = context.parameters.get("documentId") ?? ""
        return try await write(request, type: type, operation: .delete(documentId: documentId), action: .delete, snapshot: snapshot)
    }

    func updateSingle(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (snapshot, type) = try singleType(context)
        return try await write(request, type: type, operation: .update(documentId: type.singularName), action: .update, snapshot: snapshot)
    }

    func deleteSingle(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (snapshot, type) = try singleType(context)
        return try await write(request, type: type, operation: .delete(documentId: type.singularName), action: .delete, snapshot: snapshot)
    }

    /// The collection type a `:name` path segment names (its plural), or 404.
    private func collectionType(_ context: BasicRequestContext) throws -> (SiteSnapshot, ContentType) {
        let snapshot = site.pinned
        guard let type = snapshot.schema.contentType(plural: context.parameters.get("name") ?? ""), type.kind == .collectionType else {
            throw StrapiError.notFound
        }
        return (snapshot, type)
    }

    /// The single type a `:name` path segment names (its singular), or 404.
    private func singleType(_ context: BasicRequestContext) throws -> (SiteSnapshot, ContentType) {
        let snapshot = site.pinned
        guard let type = snapshot.schema.contentType(singular: context.parameters.get("name") ?? ""), type.kind == .singleType else {
            throw StrapiError.notFound
        }
        return (snapshot, type)
    }

    private func write(
        _ request: Request, type: ContentType,
        operation: WriteRequest.Operation, action: Action, snapshot: SiteSnapshot
    ) async throws -> Response {
        let principal = try await authorize(request, action, type: type, snapshot: snapshot)
        if case .update(let documentId) = operation, !DocumentID.isValid(documentId) { throw StrapiError.invalidDocumentId }
        if case .delete(let documentId) = operation, !DocumentID.isValid(documentId) { throw StrapiError.invalidDocumentId }
        let node = QueryString.parse(request.uri.query)
        try StrapiParameters.check(node, route: action == .delete ? .delete : .write)
        let query = try StrapiQuery(node, type: type, config: snapshot.config)
        // Strapi cannot delete a draft alone (`/discard` does that here): deleting the published
        // document as well would do the opposite of what was asked.
        if action == .delete, type.draftAndPublish, query.view == .draft {
            throw StrapiError.validation("Cannot delete a draft document")
        }
        // A create or update that lands on main makes a draft & publish document live.
        if type.draftAndPublish, query.view == .published, action == .create || action == .update,
           !authenticator.isAllowed(principal, action: .publish, type: type, config: snapshot.config) {
            throw StrapiError.forbidden
        }
        let options = try readOptions(node, type: type, principal: principal, snapshot: snapshot, view: query.view, isList: false)
        var data = OrderedObject()
        let visibility = authenticator.relationVisibility(principal, snapshot: snapshot)
        if action != .delete {
            data = try StrapiRelationIds(snapshot: snapshot, locale: query.locale, visibility: visibility)
                .translate(try await RequestBody.data(of: request, limit: bodyLimit), type: type)
            data = try MediaFieldInput.resolve(data, type: type, schema: snapshot.schema, catalog: MediaContext.catalog ?? site.media.catalog)
        }
        let ifMatch = request.headers[.ifMatch].map(ETag.value)
        var write = WriteRequest(
            operation: operation, type: type.singularName, locale: query.locale, status: query.view,
            data: data, ifMatch: ifMatch, author: principal.signature)
        write.visibility = visibility
        let result = try await site.writeHashingPasswords(write)
        if action == .delete { return Response(status: .noContent) }
        guard let version = result.version else { throw StrapiError.notFound }
        var headers = HTTPFields()
        headers[.eTag] = ETag.strong(version.blob.hex)
        let body = options.selection.isDefault
            ? Self.single(version)
            : try single(version, type: type, selection: options.selection, snapshot: site.snapshot, view: query.view)
        return Response.json(v4(request, body, type: type, snapshot: site.snapshot), status: action == .create ? .created : .ok, headers: headers)
    }

    /// The answer in Strapi 4's shape when the request asks for it (`Strapi-Response-Format: v4`).
    private func v4(_ request: Request, _ body: [UInt8], type: ContentType, snapshot: SiteSnapshot) -> [UInt8] {
        StrapiV4Format.isRequested(request) ? StrapiV4Format.transform(body, type: type, schema: snapshot.schema) : body
    }

    // MARK: Helpers

    @discardableResult
    private func authorize(_ request: Request, _ action: Action, type: ContentType, snapshot: SiteSnapshot) async throws -> Principal {
        let principal = try await RequestScope.caller { try await authenticator.strapiPrincipal(request, config: snapshot.config) }
        guard authenticator.isAllowed(principal, action: action, type: type, config: snapshot.config) else {
            throw StrapiError.forbidden
        }
        return principal
    }

    /// `status=draft` on a draft & publish type needs `view-draft` as well.
    private func requireDraftAccess(_ principal: Principal, type: ContentType, view: View, snapshot: SiteSnapshot) throws {
        guard view == .draft, type.draftAndPublish else { return }
        guard authenticator.isAllowed(principal, action: .viewDraft, type: type, config: snapshot.config) else {
            throw StrapiError.forbidden
        }
    }

    /// `filters`, `_q`, `sort` (lists only), `fields` and `populate`; relations the caller may
    /// not read (in this view) cannot be filtered, sorted or populated through.
    private func readOptions(
        _ node: QueryNode, type: ContentType, principal: Principal, snapshot: SiteSnapshot, view: View, isList: Bool
    ) throws -> StrapiReadOptions {
        let canRead = authenticator.readCheck(principal, view: view, snapshot: snapshot)
        return try StrapiReadOptions(node, type: type, schema: snapshot.schema, canRead: canRead, isList: isList)
    }

    private func write(_ version: DocumentVersion, type: ContentType, selection: StrapiSelection, writer: StrapiDocumentWriter, into body: inout [UInt8]) throws {
        do {
            try writer.write(version, type: type, fields: selection.fields, populate: selection.populate, into: &body)
        } catch {
            throw StrapiError(error)
        }
    }

    private func single(_ version: DocumentVersion, type: ContentType, selection: StrapiSelection, snapshot: SiteSnapshot, view: View) throws -> [UInt8] {
        var body: [UInt8] = []
        body.append(contentsOf: #"{"data":"#.utf8)
        try write(version, type: type, selection: selection, writer: StrapiDocumentWriter(snapshot: snapshot, view: view), into: &body)
        body.append(contentsOf: #","meta":{}}"#.utf8)
        return body
    }

    static func single(_ version: DocumentVersion) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(version.rendered.count + 24)
        body.append(contentsOf: #"{"data":"#.utf8)
        body.append(contentsOf: version.rendered)
        body.append(contentsOf: #","meta":{}}"#.utf8)
        return body
    }

    private func conditional(_ request: Request, body: [UInt8], etag: String) -> Response {
        var headers = HTTPFields()
        headers[.eTag] = etag
        if let match = request.headers[.ifNoneMatch], ETag.matches(match, etag) {
            return Response(status: .notModified, headers: headers)
        }
        return Response.json(body, headers: headers)
    }
}
