import Hummingbird
import HTTPTypes
import Logging
import QuireContent
import QuireIndex
import QuireSite

/// Failures under `/api/v1` leave in Apostrophe's shape (`{name, data, message}`); every other
/// path is left to the Strapi error middleware outside this one.
struct AposErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path == "/api/v1" || request.uri.path.hasPrefix("/api/v1/") else {
            return try await next(request, context)
        }
        do {
            return try await next(request, context)
        } catch let error as AposError {
            return error.response
        } catch let refusal as BodyRefusal {
            return refusal.apostrophe.response
        } catch let error as WriteError {
            return AposError(error).response
        } catch let error as QueryError {
            return AposError(error).response
        } catch let error as HTTPError {
            return Self.aposError(for: error.status, message: error.body).response
        } catch let error as StrapiError {
            // Shared helpers (git routes, body reading) speak Strapi; keep their status and words.
            return AposError(status: error.status, body: .object([
                "name": .string(Self.aposError(for: error.status, message: nil).name), "data": .object(error.details), "message": .string(error.message),
            ])).response
        } catch {
            context.logger.error("unhandled error on \(request.method) \(request.uri.path): \(error)")
            return AposError.internalError.response
        }
    }

    static func aposError(for status: HTTPResponse.Status, message: String?) -> AposError {
        switch status {
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .unauthorized: AposError("unauthorized", message: message)
        case .contentTooLarge: AposError("payloadTooLarge", message: "Request entity too large")
        case .methodNotAllowed: AposError(status: status, body: .object(["name": .string("invalid"), "data": .object([:]), "message": .string("Method Not Allowed")]))
        default: status.code >= 500 ? .internalError : .invalid(message ?? status.reasonPhrase)
        }
    }
}

extension AposError {
    var name: String {
        if case .object(let object) = body, case .string(let name)? = object["name"] { return name }
        return "error"
    }
}
