import Hummingbird
import HTTPTypes
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// An error in Strapi's envelope: `{"data":null,"error":{"status","name","message","details"}}`.
public struct StrapiError: Error, Sendable, HTTPResponseError {
    public var status: HTTPResponse.Status
    public var name: String
    public var message: String
    public var details: OrderedObject

    public init(_ status: HTTPResponse.Status, _ name: String, _ message: String, details: OrderedObject = [:]) {
        self.status = status
        self.name = name
        self.message = message
        self.details = details
    }

    public static func validation(_ message: String, details: OrderedObject = [:]) -> StrapiError {
        StrapiError(.badRequest, "ValidationError", message, details: details)
    }

    public static func invalidKey(_ key: String, source: String, param: String? = nil) -> StrapiError {
        var details: OrderedObject = ["key": .string(key), "source": .string(source)]
        if let param { details["param"] = .string(param) }
        return validation("Invalid key \(key)", details: details)
    }

    public static func invalid(_ issues: [ValidationIssue]) -> StrapiError {
        let errors = issues.map { issue in
            Value.object([
                "path": .array(issue.path.map(Value.string)),
                "message": .string(issue.message),
                "name": .string("ValidationError"),
            ])
        }
        let message = issues.count == 1 ? issues[0].message : "\(issues.count) errors occurred"
        return validation(message, details: ["errors": .array(errors)])
    }

    public static let notFound = StrapiError(.notFound, "NotFoundError", "Not Found")
    /// The contract's rule, on every route and method that names a document.
    public static let invalidDocumentId = validation("Invalid documentId: \(DocumentID.rule)")
    public static let forbidden = StrapiError(.forbidden, "ForbiddenError", "Forbidden")
    public static let unauthorized = StrapiError(.unauthorized, "UnauthorizedError", "Missing or invalid credentials")
    public static let payloadTooLarge = StrapiError(.contentTooLarge, "PayloadTooLargeError", "Request entity too large")
    public static let preconditionFailed = StrapiError(
        .preconditionFailed, "PreconditionFailedError", "The document changed since it was read (If-Match)")
    public static let internalError = StrapiError(.internalServerError, "InternalServerError", "Internal Server Error")

    public var body: [UInt8] {
        var error: OrderedObject = [
            "status": .int(Int64(status.code)),
            "name": .string(name),
            "message": .string(message),
        ]
        if status != .internalServerError { error["details"] = .object(details) }
        return JSON.encode(.object(["data": .null, "error": .object(error)]))
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.json(body, status: status)
    }
}

extension StrapiError {
    /// The one mapping from the index's refusals to Strapi's answers.
    init(_ error: WriteError) {
        switch error {
        case .unknownType, .notFound:
            self = .notFound
        case .invalidDocumentId:
            self = .invalidDocumentId
        case .unknownLocale(let locale):
            self = .validation("This locale doesn't exist: \(locale)")
        case .alreadyExists:
            self = StrapiError(.conflict, "ConflictError", "A document with this documentId already exists")
        case .invalidKey(let key):
            self = .invalidKey(key, source: "body")
        case .invalid(let issues):
            self = .invalid(issues)
        case .relationTargetMissing(_, let documentId, let locale):
            self = .validation("Document with id \"\(documentId)\", locale \"\(locale)\" not found")
        case .preconditionFailed:
            self = .preconditionFailed
        case .conflict(let reason):
            self = StrapiError(.conflict, "ConflictError", reason)
        case .fieldConflicts(let conflicts):
            self = StrapiError(
                .conflict, "ConflictError",
                "The draft and the published version both changed: \(conflicts.map(\.field).joined(separator: ", "))",
                details: OrderedObject(conflicts.map { conflict in
                    (conflict.field, .object([
                        "base": conflict.base ?? .null, "published": conflict.published ?? .null, "draft": conflict.draft ?? .null,
                    ]))
                }))
        case .noDraft:
            self = StrapiError(.notFound, "NotFoundError", "This document has no draft")
        case .versionNotFound:
            self = StrapiError(.notFound, "NotFoundError", "No version of this document at that commit")
        case .inRelease(let key, let inner):
            // The refused document's own answer, saying which document it was.
            let cause = StrapiError(inner)
            self = StrapiError(cause.status, cause.name, "\(key): \(cause.message)", details: [
                "document": .object(["type": .string(key.type), "documentId": .string(key.documentId), "locale": .string(key.locale)]),
                "details": .object(cause.details),
            ])
        }
    }
}

extension Response {
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
