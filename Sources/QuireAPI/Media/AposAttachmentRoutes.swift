import Foundation
import Hummingbird
import HTTPTypes
import QuireContent
import QuireIndex
import QuireSite

/// Apostrophe's attachment module on the shared media library:
/// `POST /api/v1/@apostrophecms/attachment/upload` (multipart field `file`),
/// `POST /api/v1/@apostrophecms/attachment/crop` (`{_id, crop: {top, left, width, height}}`),
/// and its files at `/uploads/attachments/<_id>-<name>[.<crop>][.<size>].<ext>`.
/// Uploading needs `create` on `upload` (Apostrophe's `upload-attachment`), cropping `update`.
struct AposAttachmentRoutes: Sendable {
    let site: Site
    let authenticator: Authenticator
    let media: MediaService

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/v1/@apostrophecms/attachment/upload", use: upload)
        router.post("/api/v1/@apostrophecms/attachment/crop", use: crop)
        router.get("/uploads/attachments/:file", use: serve)
        router.head("/uploads/attachments/:file", use: serve)
    }

    func upload(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let config = site.snapshot.config
        let principal = try await authorize(request, .create, config: config)
        let form: MultipartUpload
        do throws(MultipartUpload.Failure) {
            form = try await MultipartUpload.read(request, limit: config.media.maxFileSize + MultipartUpload.fieldLimit)
        } catch {
            switch error {
            case .notMultipart: throw AposError("invalid", message: "Uploads must be multipart/form-data")
            case .tooLarge: throw AposError("payloadTooLarge", message: "The file is larger than allowed")
            case .malformed(let reason): throw AposError("invalid", message: reason)
            }
        }
        guard form.files.count == 1, let part = form.files.first, part.name == "file" else {
            throw AposError("invalid", message: "Send exactly one file, in the field `file`")
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let records: [MediaRecord]
        do {
            var prepared = try await media.prepare(part.bytes, info: .init(fileName: part.fileName ?? ""), config: config.media, now: now)
            // Not a piece until an image or file piece is inserted with it, as in Apostrophe.
            prepared.record.piece.kind = .attachment
            records = try await media.commitUploads([prepared], author: principal.signature, config: config.media)
        } catch let error as StrapiError {
            throw Self.apostrophe(error)
        }
        guard let record = records.first else { throw AposError.internalError }
        return Response.json(JSON.encode(AposAttachment.value(record, config: config.media)))
    }

    func crop(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let config = site.snapshot.config
        let principal = try await authorize(request, .update, config: config)
        if RequestBody.declaresMore(request, than: MultipartUpload.fieldLimit) { throw AposError("payloadTooLarge") }
        let body: Value
        do {
            let buffer = try await request.body.collect(upTo: MultipartUpload.fieldLimit)
            body = try JSON.parse(Array(buffer.readableBytesView))
        } catch {
            throw AposError("invalid", message: "The body must be JSON: {_id, crop: {top, left, width, height}}")
        }
        guard case .object(let object) = body, case .string(let id)? = object["_id"], case .object(let box)? = object["crop"] else {
            throw AposError("invalid", message: "The body must be {_id, crop: {top, left, width, height}}")
        }
        var values: [String: Int] = [:]
        for key in ["top", "left", "width", "height"] {
            // Apostrophe's sanitize: an integer from 0 to 10000.
            guard let number = Self.integer(box[key]), (0...10_000).contains(number) else {
                throw AposError("invalid", message: "crop.\(key) must be an integer from 0 to 10000")
            }
            values[key] = number
        }
        let catalog = try await media.catalog()
        guard let record = catalog.record(documentId: id) else { throw AposError.notFound }
        guard AposAttachment.sized(record), let width = record.width, let height = record.height else {
            throw AposError("invalid", message: "Only gif, jpg, png and webp images can be cropped")
        }
        let crop = Vips.Crop(left: values["left"]!, top: values["top"]!, width: values["width"]!, height: values["height"]!)
        guard crop.width > 0, crop.height > 0, crop.left + crop.width <= width, crop.top + crop.height <= height else {
            throw AposError("invalid", message: "The crop is outside the \(width)×\(height) image")
        }
        do {
            _ = try await media.edit(record.documentId, author: principal.signature) { record in
                if !record.crops.contains(crop) { record.crops.append(crop) }
            }
        } catch let error as StrapiError {
            throw Self.apostrophe(error)
        }
        return Response.json(JSON.encode(.bool(true)))
    }

    /// Files are answered like `/uploads/...` (plain HTTP errors: there is no dialect envelope for a picture).
    func serve(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let config = site.snapshot.config
        let principal = try await UploadServing.allowRead(request, authenticator: authenticator, config: config)
        let catalog = try await media.catalog()
        let snapshot = site.snapshot
        let uses = MediaUses.of(snapshot)
        guard let asked = AposAttachment.parse(context.parameters.get("file") ?? "", catalog: catalog, config: config.media, referenced: { id, crop in
            uses.asks(crop, of: id, snapshot: snapshot)
        }) else {
            throw StrapiError.notFound
        }
        let record = asked.record
        let privacy = try UploadServing.privacy(record, principal: principal, authenticator: authenticator, snapshot: snapshot)
        let modern = UploadServing.modernEncoding(request.headers[.accept], record: record, config: config.media)
        guard asked.size != nil || asked.crop != nil || modern != nil, let width = record.width, let height = record.height else {
            guard let bytes = try await media.original(record, catalog: catalog) else { throw StrapiError.notFound }
            return privacy(UploadServing.respond(request, bytes: bytes, contentType: record.mime, etag: ETag.strong(record.sha256), name: record.name, varies: false))
        }
        let box = asked.size ?? MediaConfig.Size(name: "original", width: asked.crop?.width ?? width, height: asked.crop?.height ?? height)
        let variant = MediaVariant(sha256: record.sha256, ext: record.ext, crop: asked.crop, width: box.width, height: box.height,
                                   encoding: modern, quality: config.media.quality)
        guard let bytes = try await media.cache.derived(variant, original: { try await media.original(record, catalog: catalog) }) else {
            throw StrapiError.notFound
        }
        let etag = ETag.strong(variant.cacheName.replacingOccurrences(of: "/", with: "-"))
        return privacy(UploadServing.respond(request, bytes: bytes, contentType: variant.mime, etag: etag, name: record.name, varies: record.isResizableImage))
    }

    private func authorize(_ request: Request, _ action: Action, config: SiteConfig) async throws -> Principal {
        let principal: Principal
        do {
            principal = try await authenticator.principal(for: request, config: config)
        } catch let failure as AuthFailure {
            let answer = failure.apostrophe
            throw AposError(status: answer.status, body: .object(answer.body))
        }
        guard authenticator.isAllowed(principal, action: action, type: UploadRoutes.permissionType, config: config) else {
            throw action.isRead ? AposError.notFound : AposError.forbidden
        }
        return principal
    }

    static func apostrophe(_ error: StrapiError) -> AposError {
        switch error.status {
        case .contentTooLarge: AposError("payloadTooLarge", message: error.message)
        case .notFound: AposError("notfound", message: error.message)
        case .forbidden: AposError.forbidden
        case .badRequest: AposError("invalid", message: error.message)
        default: AposError.internalError
        }
    }

    private static func integer(_ value: Value?) -> Int? {
        switch value {
        case .int(let number): Int(exactly: number)
        case .double(let number) where number == number.rounded(): Int(exactly: number)
        case .string(let text): Int(text)
        default: nil
        }
    }
}
