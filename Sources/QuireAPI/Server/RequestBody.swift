import Hummingbird
import QuireContent

/// Reads a Strapi write body: JSON only, within the size limit, with a `data` object.
enum RequestBody {
    static func data(of request: Request, limit: Int) async throws -> OrderedObject {
        if let contentType = request.headers[.contentType], !contentType.lowercased().hasPrefix("application/json") {
            throw StrapiError(.unsupportedMediaType, "UnsupportedMediaTypeError", "Request bodies must be application/json")
        }
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
}
