import Foundation
import Hummingbird
import HTTPTypes
import QuireContent
import QuireIndex
import QuireSite

/// `GET /api/v1/@apostrophecms/image/:imageId/src?size=<size>`: a 302 to the image's file of
/// that size (`max`, the largest, by default), as Apostrophe's plain Express route answers; it
/// is how rich text stores inline images (`<img src="/api/v1/@apostrophecms/image/<id>/src">`).
/// No such image, or no file of that size (an SVG has no sizes): 404 with the text `notfound`.
/// Readable as the image's files are (`findOne` on `upload`, and a file only drafts use needs
/// their permission). `format` and `quality`, which Apostrophe's OpenAPI file lists and its code
/// does not read, are 400.
extension AposImageFileRoutes {
    func source(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let node = QueryString.parse(request.uri.query)
        for name in ["format", "quality"] where node[name] != nil { return Self.text("invalid", status: .badRequest) }
        let config = site.snapshot.config
        let principal: Principal
        do {
            principal = try await UploadServing.allowRead(request, authenticator: authenticator, config: config)
        } catch let error as StrapiError where error.status == .forbidden {
            return Self.text("notfound", status: .notFound)
        }
        let id = AposListQuery.docId(context.parameters.get("id") ?? "")
        let catalog = try await media.catalog()
        guard DocumentID.isValid(id), let record = catalog.record(documentId: id), AposImageFileShape.kind(of: record) == .image,
              MediaUses.readable(by: principal, authenticator: authenticator, snapshot: site.snapshot)(id) else {
            return Self.text("notfound", status: .notFound)
        }
        let sizes = config.media.apostropheSizes
        let size = node["size"]?.string ?? sizes.max(by: { $0.width < $1.width })?.name ?? "original"
        guard AposAttachment.sized(record), size == "original" || sizes.contains(where: { $0.name == size }) else {
            return Self.text("notfound", status: .notFound)
        }
        var headers = HTTPFields()
        headers[.location] = AposAttachment.url(record, crop: nil, size: size == "original" ? nil : size)
        return Response(status: .found, headers: headers)
    }

    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
