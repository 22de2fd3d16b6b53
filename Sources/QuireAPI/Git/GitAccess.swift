import Hummingbird
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// What the history and review routes share: who is calling, which document a URL names,
/// and how commits and documents are answered.
struct GitAccess: Sendable {
    let site: Site
    let authenticator: Authenticator

    /// One document named by `/api/:pluralName/:documentId` (or a single type's `/api/:singularName`) and `?locale=`, with what the caller may do.
    struct Target {
        var snapshot: SiteSnapshot
        var type: ContentType
        var key: DocumentKey
        var query: StrapiQuery
        var node: QueryNode
        var principal: Principal
    }

    func principal(_ request: Request) async throws -> Principal {
        try await RequestScope.caller { try await authenticator.strapiPrincipal(request, config: site.pinned.config) }
    }

    func isAllowed(_ principal: Principal, _ action: Action, type: ContentType, snapshot: SiteSnapshot) -> Bool {
        authenticator.isAllowed(principal, action: action, type: type, config: snapshot.config)
    }

    /// A second permission the route needs beyond the one `target` checked; `view-draft` only
    /// counts on draft & publish types (elsewhere the draft view is the published one).
    func require(_ target: Target, _ action: Action) throws {
        if action == .viewDraft || action == .publish, !target.type.draftAndPublish { return }
        guard isAllowed(target.principal, action, type: target.type, snapshot: target.snapshot) else { throw StrapiError.forbidden }
    }

    func target(_ request: Request, context: BasicRequestContext, action: Action) async throws -> Target {
        let snapshot = site.pinned
        let name = context.parameters.get("name") ?? ""
        let documentParameter = context.parameters.get("documentId")
        let type: ContentType
        let documentId: String
        if documentParameter == nil, let single = snapshot.schema.contentType(singular: name), single.kind == .singleType {
            // `/api/:singularName/history` and the like: a single type's one document.
            (type, documentId) = (single, single.singularName)
        } else if let documentParameter, let collection = snapshot.schema.contentType(plural: name), collection.kind == .collectionType {
            (type, documentId) = (collection, documentParameter)
        } else {
            throw StrapiError.notFound
        }
        let principal = try await principal(request)
        guard isAllowed(principal, action, type: type, snapshot: snapshot) else { throw StrapiError.forbidden }
        let node = QueryString.parse(request.uri.query)
        let query = try StrapiQuery(node, type: type, config: snapshot.config)
        guard DocumentID.isValid(documentId) else { throw StrapiError.invalidDocumentId }
        let key = DocumentKey(locale: query.locale, type: type.singularName, documentId: documentId)
        return Target(snapshot: snapshot, type: type, key: key, query: query, node: node, principal: principal)
    }

    /// Where the document's file may be, most likely first: its current paths, then where Quire would put it.
    static func candidatePaths(_ target: Target, draft: DraftBranch?) -> [String] {
        [target.snapshot.document(view: .published, key: target.key)?.path, draft?.path].compactMap { $0 } + [
            SiteLayout.newDocumentPath(for: target.key, shard: target.type.shard),
            SiteLayout.newDocumentPath(for: target.key, shard: nil),
        ]
    }

    /// A full commit id from a parameter; anything else is a 400 naming the parameter.
    static func commitID(_ text: String?, param: String) throws -> ObjectID {
        guard let text, !text.isEmpty else { throw StrapiError.validation("Missing \(param): a commit id is required") }
        guard let id = ObjectID(hex: text) else { throw StrapiError.validation("Invalid \(param): expected a full 40-character commit id") }
        return id
    }

    /// The file as a text diff shows it: as stored, except that a type with password attributes
    /// is re-encoded with their values masked (the raw file would show them).
    static func diffText(_ bytes: [UInt8]?, fields: OrderedObject?, path: String?, type: ContentType, schema: SiteSchema) -> [UInt8]? {
        guard let bytes else { return nil }
        guard let fields, let masked = FieldDiff.maskingPasswords(fields, type: type) else { return bytes }
        return DocumentCodec(schema: schema).encode(masked, type: type, format: DocumentFormat(path: path ?? "") ?? .yaml)
    }

    static func commitJSON(_ commit: CommitInfo) -> Value {
        .object([
            "id": .string(commit.id.hex),
            "author": .object(["name": .string(commit.author.name), "email": .string(commit.author.email)]),
            "date": .string(StrapiRenderer.timestamp(commit.author.time)),
            "message": .string(String(commit.message.reversed().drop { $0 == "\n" }.reversed())),
        ])
    }

    static func keyJSON(_ key: DocumentKey) -> [(String, Value)] {
        [("type", .string(key.type)), ("documentId", .string(key.documentId)), ("locale", .string(key.locale))]
    }

    /// Applies a review write (the index's refusals are worded by the error middleware).
    func write(_ write: WriteRequest) async throws -> WriteResult {
        try await site.writeHashingPasswords(write)
    }

    /// `{"data": <document or null>, "meta": {"commit": <id or null>}}`.
    static func documentAnswer(_ version: DocumentVersion?, commit: ObjectID?) -> Response {
        var body: [UInt8] = Array(#"{"data":"#.utf8)
        if let version { body.append(contentsOf: version.rendered) } else { body.append(contentsOf: "null".utf8) }
        body.append(contentsOf: #","meta":"#.utf8)
        JSON.write(.object(["commit": commit.map { .string($0.hex) } ?? .null]), into: &body)
        body.append(UInt8(ascii: "}"))
        return Response.json(body)
    }
}
