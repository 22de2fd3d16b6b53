import Foundation
import Hummingbird
import HTTPTypes
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// Strapi 5's Upload plugin content API: `POST /api/upload` (new files, or `?id=` to change a
/// file's info), `GET /api/upload/files[/:id]`, `DELETE /api/upload/files/:id`. Permissions are
/// those of a type called `upload` (`permissions: {public: {upload: [find, findOne]}}`).
struct UploadRoutes: Sendable {
    let site: Site
    let authenticator: Authenticator
    let media: MediaService

    static let permissionType = "upload"

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/upload", use: upload)
        router.get("/api/upload/files", use: list)
        router.get("/api/upload/files/:id", use: findOne)
        router.delete("/api/upload/files/:id", use: delete)
    }

    // MARK: Writes

    func upload(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let config = site.snapshot.config
        let query = QueryString.parse(request.uri.query)
        try Self.allowOnly(["id"], in: query)
        if let id = query["id"] {
            let principal = try await authorize(request, .update, config: config)
            return try await updateInfo(request, id: id.string ?? "", principal: principal, config: config)
        }
        let principal = try await authorize(request, .create, config: config)
        let form = try await readForm(request, config: config.media)
        let files = form.files
        guard !files.isEmpty else { throw StrapiError.validation("Files are empty") }
        for part in files where part.name != "files" {
            throw StrapiError.validation("Unknown file field \(part.name): files are sent as `files`")
        }
        let link = try UploadEntryLink.parse(form, snapshot: site.snapshot)
        try link?.authorize(principal, authenticator: authenticator, config: config)
        let infos = try FileInfo.list(form.field("fileInfo"), count: files.count)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        var prepared: [MediaIngest.Prepared] = []
        for (part, info) in zip(files, infos) {
            let ingest = MediaIngest.Info(
                fileName: part.fileName ?? "", name: info.name, alternativeText: info.alternativeText, caption: info.caption,
                focalPoint: info.focalPoint)
            prepared.append(try await media.prepare(part.bytes, info: ingest, config: config.media, now: now))
        }
        try link?.check(prepared.map(\.record))
        let committed = try await media.commitUploads(prepared, author: principal.signature, config: config.media)
        if let link {
            do {
                try await link.apply(committed, site: site, author: principal.signature)
            } catch {
                // All or nothing: the files go again when the entry could not take them.
                for record in committed { try? await media.delete(record, author: principal.signature, config: config.media) }
                if let refusal = error as? WriteError { throw StrapiError(refusal) }
                throw error
            }
        }
        return Self.json(.array(committed.map(StrapiFileObject.value)), status: .created)
    }

    private func updateInfo(_ request: Request, id: String, principal: Principal, config: SiteConfig) async throws -> Response {
        let form = try await readForm(request, config: config.media)
        let record = try await media.record(id)
        let info = try FileInfo.list(form.field("fileInfo"), count: 1)[0]
        if !form.files.isEmpty { return try await replace(record, form: form, info: info, principal: principal, config: config) }
        if let name = info.name, let problem = MediaNaming.problem(with: name) { throw StrapiError.validation(problem) }
        let updated = try await media.edit(record.documentId, author: principal.signature) { record in
            if let name = info.name { record.name = name }
            if let text = info.alternativeText { record.alternativeText = text }
            if let caption = info.caption { record.caption = caption }
            if let focalPoint = info.focalPoint { record.focalPoint = focalPoint }
        }
        return Self.json(StrapiFileObject.value(updated), status: .ok)
    }

    /// `POST /api/upload?id=` with a file: Strapi's `replaceFile`, one file only. Unlike Strapi,
    /// which keeps the hash so the URL stays, the file gets a new hash and URL: `/uploads/`
    /// names are served as immutable, so old bytes under an old name can never be mistaken
    /// for new ones by a cache.
    private func replace(_ record: MediaRecord, form: MultipartUpload, info: FileInfo, principal: Principal,
                         config: SiteConfig) async throws -> Response {
        guard form.files.count == 1, let part = form.files.first else { throw StrapiError.validation("Cannot replace a file with multiple ones") }
        guard part.name == "files" else { throw StrapiError.validation("Unknown file field \(part.name): files are sent as `files`") }
        let ingest = MediaIngest.Info(
            fileName: part.fileName ?? "", name: info.name, alternativeText: info.alternativeText, caption: info.caption,
            focalPoint: info.focalPoint)
        let prepared = try await media.prepare(part.bytes, info: ingest, config: config.media, now: Int64(Date().timeIntervalSince1970 * 1000))
        let replaced = try await media.replace(record.documentId, with: prepared, info: ingest, author: principal.signature, config: config.media)
        return Self.json(StrapiFileObject.value(replaced), status: .ok)
    }

    func delete(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let config = site.snapshot.config
        let principal = try await authorize(request, .delete, config: config)
        try Self.allowOnly([], in: QueryString.parse(request.uri.query))
        let record = try await media.record(context.parameters.get("id") ?? "")
        try await media.delete(record, author: principal.signature, config: config.media)
        return Self.json(StrapiFileObject.value(record), status: .ok)
    }

    // MARK: Reads

    func list(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let config = site.snapshot.config
        let principal = try await authorize(request, .find, config: config)
        let query = QueryString.parse(request.uri.query)
        let selection = try MediaQuery(query)
        let catalog = try await media.catalog()
        let readable = MediaUses.readable(by: principal, authenticator: authenticator, snapshot: site.snapshot)
        let records = try selection.apply(to: catalog.all.filter { readable($0.documentId) })
        return Self.json(.array(records.map(StrapiFileObject.value)), status: .ok)
    }

    func findOne(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let config = site.snapshot.config
        let principal = try await authorize(request, .findOne, config: config)
        try Self.allowOnly(["populate", "fields"], in: QueryString.parse(request.uri.query))
        let record = try await media.record(context.parameters.get("id") ?? "")
        guard MediaUses.readable(by: principal, authenticator: authenticator, snapshot: site.snapshot)(record.documentId) else { throw StrapiError.notFound }
        return Self.json(StrapiFileObject.value(record), status: .ok)
    }


    // MARK: Helpers

    @discardableResult
    private func authorize(_ request: Request, _ action: Action, config: SiteConfig) async throws -> Principal {
        let principal = try await authenticator.strapiPrincipal(request, config: config)
        guard authenticator.isAllowed(principal, action: action, type: Self.permissionType, config: config) else {
            throw StrapiError.forbidden
        }
        return principal
    }

    private func readForm(_ request: Request, config: MediaConfig) async throws -> MultipartUpload {
        // Room for the multipart framing and the form fields around the largest file.
        let limit = config.maxFileSize + MultipartUpload.fieldLimit
        do throws(MultipartUpload.Failure) {
            return try await MultipartUpload.read(request, limit: limit)
        } catch {
            switch error {
            case .notMultipart:
                throw StrapiError(.unsupportedMediaType, "UnsupportedMediaTypeError", "Uploads must be multipart/form-data with a boundary")
            case .tooLarge: throw StrapiError.payloadTooLarge
            case .malformed(let reason): throw StrapiError.validation(reason)
            }
        }
    }

    /// A parameter Quire does not honour is refused, never ignored.
    static func allowOnly(_ names: Set<String>, in query: QueryNode) throws {
        guard case .map(let pairs) = query else { return }
        for (name, _) in pairs where !names.contains(name) {
            throw StrapiError.invalidKey(name, source: "query")
        }
    }

    static func json(_ value: Value, status: HTTPResponse.Status) -> Response {
        Response.json(JSON.encode(value), status: status)
    }
}

/// `fileInfo`: one JSON object, or an array with one object per file.
struct FileInfo {
    var name: String?
    var alternativeText: String?
    var caption: String?
    var focalPoint: MediaRecord.FocalPoint?

    static func list(_ text: String?, count: Int) throws -> [FileInfo] {
        guard let text else { return Array(repeating: FileInfo(), count: count) }
        let value: Value
        do { value = try JSON.parse(Array(text.utf8)) } catch { throw StrapiError.validation("fileInfo is not valid JSON") }
        switch value {
        case .object(let object):
            guard count == 1 else { throw StrapiError.validation("fileInfo must be an array with one object per file") }
            return [try FileInfo(object)]
        case .array(let items):
            guard items.count == count else { throw StrapiError.validation("fileInfo has \(items.count) entries for \(count) files") }
            return try items.map { item in
                guard case .object(let object) = item else { throw StrapiError.validation("fileInfo entries must be objects") }
                return try FileInfo(object)
            }
        default:
            throw StrapiError.validation("fileInfo must be an object")
        }
    }

    init() {}

    init(_ object: OrderedObject) throws {
        for (key, value) in zip(object.keys, object.values) {
            switch (key, value) {
            case ("name", .string(let text)): name = text
            case ("alternativeText", .string(let text)): alternativeText = text
            case ("caption", .string(let text)): caption = text
            case ("alternativeText", .null), ("caption", .null), ("folder", .null): continue
            case ("focalPoint", .object(let point)):
                guard let x = Self.number(point["x"]), let y = Self.number(point["y"]), (0...100).contains(x), (0...100).contains(y) else {
                    throw StrapiError.validation("fileInfo.focalPoint needs x and y between 0 and 100 (percent)")
                }
                focalPoint = MediaRecord.FocalPoint(x: x, y: y)
            case ("name", _), ("alternativeText", _), ("caption", _), ("focalPoint", _):
                throw StrapiError.validation("fileInfo.\(key) must be a string")
            default:
                throw StrapiError.invalidKey(key, source: "body", param: "fileInfo")
            }
        }
    }

    private static func number(_ value: Value?) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }
}
