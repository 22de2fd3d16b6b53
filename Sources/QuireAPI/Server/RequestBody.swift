import Hummingbird
import QuireContent

/// The one reader of JSON request bodies, for every route of both dialects: the size limit
/// (an announced oversize is refused before a byte is read), the media type, the parse. Its
/// refusals are worded by each dialect's error middleware (`BodyRefusal`), so a handler only
/// says what it needs: `try await RequestBody.object(of: request, limit: bodyLimit)`.
enum RequestBody {
    /// A JSON object body. `requireJSONType`: refuse a `Content-Type` that is not JSON (the
    /// sign-in routes, like koa-body's and express's, read what they are given). An empty body
    /// is `emptyAs` when given, else malformed.
    static func object(of request: Request, limit: Int, requireJSONType: Bool = true, emptyAs empty: OrderedObject? = nil) async throws(BodyRefusal) -> OrderedObject {
        if requireJSONType, let contentType = request.headers[.contentType], !isJSON(contentType) { throw .unsupportedMediaType }
        if declaresMore(request, than: limit) { throw .tooLarge }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw .tooLarge
        }
        if buffer.readableBytes == 0, let empty { return empty }
        let value: Value
        do {
            value = try JSON.parse(Array(buffer.readableBytesView))
        } catch let error as JSONError {
            throw .malformed(error.description)
        } catch {
            throw .malformed("not JSON")
        }
        guard case .object(let object) = value else { throw .notAnObject }
        return object
    }

    /// Strapi's write body: `{"data": {...}}`.
    static func data(of request: Request, limit: Int) async throws -> OrderedObject {
        guard case .object(let data)? = try await object(of: request, limit: limit)["data"] else {
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

/// Why a request body was not read. Each dialect's error middleware words it.
enum BodyRefusal: Error, Sendable, Equatable {
    case unsupportedMediaType
    case tooLarge
    case malformed(String)
    case notAnObject

    var strapi: StrapiError {
        switch self {
        case .unsupportedMediaType: StrapiError(.unsupportedMediaType, "UnsupportedMediaTypeError", "Request bodies must be application/json")
        case .tooLarge: .payloadTooLarge
        case .malformed(let reason): .validation("Malformed JSON: \(reason)")
        case .notAnObject: .validation(#"Missing "data" payload in the request body"#)
        }
    }

    var apostrophe: AposError {
        switch self {
        case .unsupportedMediaType: .invalid("Request bodies must be application/json")
        case .tooLarge: AposError("payloadTooLarge", message: "Request entity too large")
        case .malformed(let reason): .invalid("Malformed JSON: \(reason)")
        case .notAnObject: .invalid("The request body must be a JSON object")
        }
    }
}
