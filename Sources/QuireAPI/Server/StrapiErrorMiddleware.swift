import Hummingbird
import HTTPTypes
import Logging
import QuireIndex
import QuireSite

/// Every failure leaves in Strapi's envelope: our own errors as they are, the domain's (a
/// refused write, an unreadable body) in Strapi's words, Hummingbird's (no route, body too
/// large) by status, and anything unexpected as a logged 500 with no details. Handlers just
/// throw: this is the one place Strapi's error format is chosen.
struct StrapiErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as StrapiError {
            return error.envelope
        } catch let refusal as BodyRefusal {
            return refusal.strapi.envelope
        } catch let error as WriteError {
            return StrapiError(error).envelope
        } catch let error as HTTPError {
            return Self.strapiError(for: error.status, message: error.body).envelope
        } catch {
            context.logger.error("unhandled error on \(request.method) \(request.uri.path): \(error)")
            return StrapiError.internalError.envelope
        }
    }

    static func strapiError(for status: HTTPResponse.Status, message: String?) -> StrapiError {
        switch status {
        case .notFound: .notFound
        case .contentTooLarge: .payloadTooLarge
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .methodNotAllowed: StrapiError(status, "MethodNotAllowedError", "Method Not Allowed")
        default:
            status.code >= 500
                ? .internalError
                : StrapiError(status, "BadRequestError", message ?? status.reasonPhrase)
        }
    }
}

extension StrapiError {
    var envelope: Response { Response.json(body, status: status) }
}
