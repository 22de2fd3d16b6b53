import Foundation
import Hummingbird
import HTTPTypes
import QuireContent
import QuireIndex
import QuireSite

/// `GET /uploads/<hash><ext>` (the original) and `/uploads/<format>_<hash><ext>` (a Strapi
/// format). Names carry a random hash, so answers are cached for a year as immutable; derived
/// images are made on demand into the cache (off the event loop) when missing, and served as
/// AVIF or WebP when `Accept` allows. Reading needs `findOne` on `upload`, as the API does.
struct UploadServing: Sendable {
    let site: Site
    let authenticator: Authenticator
    let media: MediaService

    func add(to router: Router<BasicRequestContext>) {
        router.get("/uploads/:file", use: serve)
        router.head("/uploads/:file", use: serve)
    }

    /// What a file name under `/uploads/` names.
    struct Target {
        var record: MediaRecord
        var format: MediaRecord.Format?
    }

    func serve(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let config = site.snapshot.config
        let principal = try await Self.allowRead(request, authenticator: authenticator, config: config)
        let catalog = try await media.catalog()
        guard let target = Self.target(context.parameters.get("file") ?? "", catalog: catalog) else { throw StrapiError.notFound }
        let record = target.record
        let privacy = try Self.privacy(record, principal: principal, authenticator: authenticator, snapshot: site.snapshot)
        let modern = Self.modernEncoding(request.headers[.accept], record: record, config: config.media)
        var variant: MediaVariant?
        if let format = target.format {
            let box = Self.box(named: format.name, config: config.media)
                ?? MediaConfig.Size(name: format.name, width: format.width, height: format.height)
            variant = MediaVariant(
                sha256: record.sha256, ext: record.ext, crop: nil, width: box.width, height: box.height,
                encoding: modern, quality: config.media.quality)
        } else if let modern, let width = record.width, let height = record.height {
            variant = MediaVariant(sha256: record.sha256, ext: record.ext, crop: nil, width: width, height: height, encoding: modern, quality: config.media.quality)
        }
        let bytes: [UInt8]
        let contentType: String
        let etag: String
        if let variant {
            let made: [UInt8]?
            do {
                made = try await media.cache.derived(variant) { try await media.original(record, catalog: catalog) }
            } catch {
                throw StrapiError(.internalServerError, "InternalServerError", "The image could not be resized")
            }
            guard let made else { throw StrapiError.notFound }
            bytes = made
            contentType = variant.mime
            etag = ETag.strong(String(variant.cacheName.replacingOccurrences(of: "/", with: "-")))
        } else {
            guard let original = try await media.original(record, catalog: catalog) else { throw StrapiError.notFound }
            bytes = original
            contentType = record.mime
            etag = ETag.strong(record.sha256)
        }
        return privacy(Self.respond(request, bytes: bytes, contentType: contentType, etag: etag, name: record.name,
                                    varies: modern != nil || record.isResizableImage))
    }

    /// Files need `findOne` on `upload`, whichever dialect's URL names them.
    @discardableResult
    static func allowRead(_ request: Request, authenticator: Authenticator, config: SiteConfig) async throws -> Principal {
        let principal = try await authenticator.strapiPrincipal(request, config: config)
        guard authenticator.isAllowed(principal, action: .findOne, type: UploadRoutes.permissionType, config: config) else {
            throw StrapiError.forbidden
        }
        return principal
    }

    /// A file only drafts use is 404 to a caller who may not see those drafts (`MediaUses`),
    /// and its answer is kept out of shared caches; the returned step finishes the response.
    static func privacy(_ record: MediaRecord, principal: Principal, authenticator: Authenticator, snapshot: SiteSnapshot) throws -> (Response) -> Response {
        let uses = MediaUses.of(snapshot)
        guard uses.isDraftOnly(record.documentId, snapshot: snapshot) else { return { $0 } }
        guard uses.mayRead(record.documentId, principal: principal, authenticator: authenticator, snapshot: snapshot) else {
            throw StrapiError.notFound
        }
        return { response in
            var response = response
            response.headers[.cacheControl] = "private, no-cache"
            return response
        }
    }

    /// The thumbnail or breakpoint box a format was made with.
    static func box(named name: String, config: MediaConfig) -> MediaConfig.Size? {
        if config.thumbnail.name == name { return config.thumbnail }
        return config.breakpoints.first { $0.name == name }
    }

    static func target(_ file: String, catalog: MediaCatalog) -> Target? {
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return nil }
        let stem = String(file[..<dot])
        let ext = String(file[dot...])
        if let record = catalog.record(hash: stem), record.ext == ext { return Target(record: record, format: nil) }
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let name = String(stem[..<underscore])
        let hash = String(stem[stem.index(after: underscore)...])
        guard let record = catalog.record(hash: hash), record.ext == ext,
              let format = record.formats.first(where: { $0.name == name }) else { return nil }
        return Target(record: record, format: format)
    }

    /// `avif` or `webp` when the client lists it in `Accept` and the site serves it.
    static func modernEncoding(_ accept: String?, record: MediaRecord, config: MediaConfig) -> String? {
        guard let accept, record.isResizableImage else { return nil }
        let listed = accept.lowercased().split(separator: ",").compactMap { item -> String? in
            let fields = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.dropFirst().contains(where: { $0.replacingOccurrences(of: " ", with: "") == "q=0" }) { return nil }
            return fields.first
        }
        for encoding in config.modernFormats where listed.contains("image/\(encoding)") {
            if record.mime == "image/\(encoding)" { return nil }
            if record.mime == "image/gif" { return nil }
            return encoding
        }
        return nil
    }

    /// Conditional and range answers over `bytes`.
    static func respond(_ request: Request, bytes: [UInt8], contentType: String, etag: String, name: String, varies: Bool) -> Response {
        var headers = HTTPFields()
        headers[.eTag] = etag
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        headers[.contentType] = contentType
        headers[.acceptRanges] = "bytes"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        // Whatever a file holds, it never runs as a page of this site.
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
        if varies { headers[.vary] = "Accept" }
        if !isInline(contentType) {
            headers[.contentDisposition] = "attachment; filename*=UTF-8''\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file")"
        }
        if let match = request.headers[.ifNoneMatch], ETag.matches(match, etag) {
            return Response(status: .notModified, headers: headers)
        }
        var status = HTTPResponse.Status.ok
        var body = bytes[...]
        if let range = request.headers[.range], request.headers[.ifRange].map({ $0 == etag }) ?? true {
            switch ByteRange.parse(range, length: bytes.count) {
            case .whole: break
            case .unsatisfiable:
                headers[.contentRange] = "bytes */\(bytes.count)"
                return Response(status: .rangeNotSatisfiable, headers: headers)
            case .range(let lower, let upper):
                status = .partialContent
                body = bytes[lower...upper]
                headers[.contentRange] = "bytes \(lower)-\(upper)/\(bytes.count)"
            }
        }
        headers[.contentLength] = String(body.count)
        if request.method == .head { return Response(status: status, headers: headers) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Types a browser shows without running anything; the rest is downloaded (SVG can hold script).
    static func isInline(_ type: String) -> Bool {
        (type.hasPrefix("image/") && type != "image/svg+xml") || type.hasPrefix("video/") || type.hasPrefix("audio/")
            || type == "application/pdf" || type == "text/plain"
    }
}

/// One `Range: bytes=…` (RFC 9110 §14); several ranges are answered with the whole file.
enum ByteRange: Equatable {
    case whole
    case unsatisfiable
    case range(Int, Int)

    static func parse(_ header: String, length: Int) -> ByteRange {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("bytes="), !text.contains(",") else { return .whole }
        let spec = text.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard let dash = spec.firstIndex(of: "-") else { return .whole }
        let first = spec[..<dash], last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            guard let suffix = Int(last), suffix > 0 else { return .unsatisfiable }
            guard length > 0 else { return .unsatisfiable }
            return .range(max(0, length - suffix), length - 1)
        }
        guard let lower = Int(first), lower >= 0 else { return .whole }
        guard lower < length else { return .unsatisfiable }
        if last.isEmpty { return .range(lower, length - 1) }
        guard let upper = Int(last), upper >= lower else { return .whole }
        return .range(lower, min(upper, length - 1))
    }
}

extension MediaRecord {
    /// JPEG, PNG, WebP, GIF, TIFF: resized and re-encoded.
    var isResizableImage: Bool {
        ["image/jpeg", "image/png", "image/webp", "image/gif", "image/tiff"].contains(mime)
    }
}
