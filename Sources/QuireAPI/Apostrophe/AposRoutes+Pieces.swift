import Foundation
import Hummingbird
import QuireContent
import QuireGit
import QuireIndex

/// `GET /api/v1/:type`, `GET /api/v1/:type/:_id`: piece reads (writes: `AposRoutes+PieceWrites`).
extension AposRoutes {
    func list(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await list(request, context: context, query: QueryString.parse(request.uri.query))
    }

    /// Documents come as bytes rendered once per snapshot (`AposSnapshotCache`), and the
    /// default title order once per filter, so a list costs what Strapi's pre-rendered one does.
    func list(_ request: Request, context: BasicRequestContext, query node: QueryNode) async throws -> Response {
        let type = try type(context)
        let snapshot = site.pinned
        let scope = AposScope(node, config: snapshot.config)
        let principal = try await authorize(request, .find, type: type, scope: scope, query: node)
        let map = AposTypeMap(type)
        let view = type.draftAndPublish ? scope.mode : .published
        let locale = scope.locale(for: type, config: snapshot.config)
        let archivedIds = AposArchived.documentIds(of: type, snapshot: snapshot, view: view, locale: locale)
        let readable = readableTypes(principal, snapshot: snapshot, view: view)
        func prepared(_ node: QueryNode) throws -> AposListQuery {
            var list = try AposListQuery(
                node, map: map, config: snapshot.config, schema: snapshot.schema, readable: readable, rendersAreas: true)
            if let archived = AposArchived(node["archived"]).filter(archivedIds, field: AposArchived.field(of: type)) {
                list.query.filter = list.query.filter == .all ? archived : .and([list.query.filter, archived])
            }
            return list
        }
        let list = try prepared(node)
        let choices = try AposChoices(node, map: map)
        func run() throws -> QueryResult {
            try snapshot.query(list.query, type: type, view: view, locale: locale)
        }
        if list.countOnly {
            return respond(read: JSON.encode(.object(["count": .int(Int64(try run().total))])), principal: principal, request: request)
        }
        let total: Int
        let documents: [DocumentVersion]
        let start = (list.page - 1) * list.perPage
        if let ids = list.ids {
            // `_ids` keeps the order it was given in.
            let result = try run()
            let found = Dictionary(result.documents(in: 0..<result.total).map { ($0.key.documentId, $0) }, uniquingKeysWith: { a, _ in a })
            total = result.total
            documents = Self.page(ids.compactMap { found[$0] }, start: start, count: list.perPage)
        } else {
            let result = try run()
            total = result.total
            documents = result.documents(in: start..<min(start + list.perPage, max(start, result.total)))
        }
        let shape = AposDocumentShape(snapshot: snapshot, view: view, readableTypes: readableTypes(principal, snapshot: snapshot, view: view))
        let pages = (total + list.perPage - 1) / list.perPage
        var body = Array(#"{"pages":"#.utf8)
        JSON.write(.int(Int64(pages)), into: &body)
        body.append(contentsOf: #","currentPage":"#.utf8)
        JSON.write(.int(Int64(list.page)), into: &body)
        body.append(contentsOf: #","results":["#.utf8)
        for (index, version) in documents.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            let encoded = shape.encoded(version, type: type, projection: list.projection)
            body.append(contentsOf: list.renderAreas.map { $0.apply(encoded) } ?? encoded)
        }
        body.append(UInt8(ascii: "]"))
        if let choices {
            // Each field's values under every filter but its own.
            var object = OrderedObject()
            for name in choices.fields {
                let result = try snapshot.query(try prepared(AposChoices.without(name, in: node, map: map)).query, type: type, view: view, locale: locale)
                object[name] = choices.values(of: name, in: result.documents(in: 0..<result.total), map: map, snapshot: snapshot, view: view,
                                             readable: shape.readableTypes)
            }
            body.append(contentsOf: ",\"\(choices.param)\":".utf8)
            JSON.write(.object(object), into: &body)
        }
        body.append(UInt8(ascii: "}"))
        return respond(read: body, principal: principal, request: request)
    }

    func findOne(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let type = try type(context)
        let node = QueryString.parse(request.uri.query)
        try AposParameters.check(node, map: nil, rendersAreas: true)
        let renderAreas = try AposRenderAreas(node)
        let (identity, principal) = try await resolve(request, context: context, type: type, action: .findOne, query: node)
        let snapshot = site.pinned
        guard let version = snapshot.document(view: identity.mode, key: key(identity, type: type)) else { throw AposError.notFound }
        let archived = AposArchived.isArchived(version, type: type, snapshot: snapshot, view: identity.mode)
        guard AposArchived(node["archived"]).admits(identity.documentId, archived: archived ? [identity.documentId] : []) else { throw AposError.notFound }
        let shape = AposDocumentShape(snapshot: snapshot, view: identity.mode, readableTypes: readableTypes(principal, snapshot: snapshot, view: identity.mode))
        let encoded = shape.encoded(version, type: type, projection: AposProjection(node["project"]))
        return respond(read: renderAreas.map { $0.apply(encoded) } ?? encoded, principal: principal, request: request)
    }

    /// The record `:id` names, its mode and locale completed by the query, and the caller.
    func resolve(_ request: Request, context: BasicRequestContext, type: ContentType, action: Action, query: QueryNode) async throws -> (AposIdentity, Principal) {
        let config = site.pinned.config
        var scope = AposScope(query, config: config)
        var identity = scope.identity(of: context.parameters.get("id") ?? "", config: config)
        if !type.localized { identity.locale = config.defaultLocale }
        if !type.draftAndPublish { identity.mode = .published }
        scope.mode = identity.mode
        let principal = try await authorize(request, action, type: type, scope: scope, query: query)
        guard DocumentID.isValid(identity.documentId) else { throw AposError.invalidDocumentId }
        return (identity, principal)
    }

    func key(_ identity: AposIdentity, type: ContentType) -> DocumentKey {
        DocumentKey(locale: identity.locale, type: type.singularName, documentId: identity.documentId)
    }

    func rendered(_ version: DocumentVersion?, type: ContentType, mode: View, principal: Principal) throws -> Response {
        let snapshot = site.pinned
        guard let version else { throw AposError.notFound }
        var object = AposDocumentShape(snapshot: snapshot, view: mode, readableTypes: readableTypes(principal, snapshot: snapshot, view: mode)).render(version, type: type)
        if type.isPageType { placeInTree(&object, version: version, snapshot: snapshot, view: mode, principal: principal) }
        return respond(.object(object), principal: principal)
    }
}

extension Response {
    /// Apostrophe answers DELETE with 200 and nothing in the body.
    var withEmptyBody: Response {
        var response = self
        response.body = ResponseBody()
        response.headers[.contentType] = nil
        return response
    }
}
