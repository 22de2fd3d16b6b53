import Foundation
import Hummingbird
import HTTPTypes

/// gzip for responses large enough to gain from it, when the client asks for it. Small answers
/// (a single document, an error) go as they are: compressing them costs more than it saves.
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    static var threshold: Int { 1024 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard Self.acceptsGzip(request.headers[.acceptEncoding]),
            response.headers[.contentEncoding] == nil,
            response.status != .partialContent, !Self.isCompressed(response.headers[.contentType]),
            let length = response.body.contentLength, length >= Self.threshold
        else { return response }
        response.headers[.vary] = response.headers[.vary].map { "\($0), Accept-Encoding" } ?? "Accept-Encoding"
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = nil
        response.body = response.body.map { buffer in
            let compressed = buffer.withUnsafeReadableBytes { Gzip.compress($0) }
            return compressed.map { ByteBuffer(bytes: $0) } ?? buffer
        }
        return response
    }

    /// Images, audio and video are compressed already; gzip would only cost CPU.
    static func isCompressed(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return false }
        return (type.hasPrefix("image/") && !type.hasPrefix("image/svg")) || type.hasPrefix("video/") || type.hasPrefix("audio/")
    }

    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { part in
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.first?.lowercased() == "gzip" else { return false }
            return !fields.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" }
        }
    }
}
