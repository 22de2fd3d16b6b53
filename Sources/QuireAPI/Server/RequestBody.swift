import Hummingbird
import QuireContent

/// Reads a Strapi write body: JSON only, within the size limit, with a `data` object.
enum RequestBody {
    static func data(of request: Request, limit: Int) async throws -> OrderedObject {
        if let contentType = request.headers[.contentType], !isJSON(contentType) {
            throw StrapiError(.unsupportedMediaType, "UnsupportedMediaTypeError", "Request bodies must be application/json")
        }
        if declaresMore(request, than: limit) { throw StrapiError.payloadTooLarge }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw StrapiError.payloadTooLarge
        }
        let value: Value
        do {
            value = try JSON.parse(Array(buffer.readableBytesView))
        } catch let error as JSONError {
            throw StrapiError.validation("Malformed JSON: \(error)")
        }
        guard case .object(let body) = value, case .object(let data)? = body["data"] else {
            throw StrapiError.validation(#"Missing "data" payload in the request body"#)
        }
        return data
    }

    /// `application/json` or an `application/…+json` type (what koa-body reads as JSON); parameters
    /// such as `charset` are ignored. A bare prefix test would let `application/jsonx` through.
    static func isJSON(_ contentType: String) -> Bool {
        let essence = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let type = String(essence.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()).lowercased()
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    /// A `Content-Length` over the limit (or too big to be a number) is refused before any byte
    /// is read: otherwise the server waits for a body it will refuse anyway.
    static func declaresMore(_ request: Request, than limit: Int) -> Bool {
        guard let text = request.headers[.contentLength] else { return false }
        guard let length = Int(text) else { return true }
        return length > limit
    }
}
