import Hummingbird
import HTTPTypes
import QuireContent
import QuireIndex
import QuireSite

/// An error in Apostrophe's shape, `{"name", "data", "message"}`, with the status its name maps
/// to in `module/index.js` (`invalid` 400, `forbidden` 403, `notfound` 404, `conflict` 409, …).
/// Middleware-level refusals (bad bearer token, unknown API key) have bodies of their own.
public struct AposError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var body: Value

    public init(_ name: String, message: String? = nil, data: OrderedObject = [:]) {
        self.status = Self.status(of: name)
        self.body = .object(["name": .string(name), "data": .object(data), "message": .string(message ?? name)])
    }

    init(status: HTTPResponse.Status, body: Value) {
        self.status = status
        self.body = body
    }

    static func status(of name: String) -> HTTPResponse.Status {
        switch name {
        case "invalid", "min", "max": .badRequest
        case "forbidden": .forbidden
        case "notfound": .notFound
        case "conflict", "locked": .conflict
        case "required", "unprocessable": .unprocessableContent
        case "unimplemented": .notImplemented
        case "unauthorized": .unauthorized
        case "precondition": .preconditionFailed
        case "payloadTooLarge": .contentTooLarge
        default: .internalServerError
        }
    }

    static let notFound = AposError("notfound")
    static let invalidDocumentId = AposError.invalid("Invalid _id: \(DocumentID.rule)")
    static let forbidden = AposError("forbidden")
    static let internalError = AposError(status: .internalServerError, body: .object([
        "name": .string("error"), "data": .object([:]), "message": .string("An error occurred."),
    ]))
    /// `express-bearer-token` refusal, as `express/index.js` sends it.
    static let invalidBearer = AposError(status: .unauthorized, body: .object(["name": .string("invalid"), "message": .string("bearer token invalid")]))
    static let invalidAPIKey = AposError(status: .forbidden, body: .object(["error": .string("invalid api key")]))

    static func invalid(_ message: String, data: OrderedObject = [:]) -> AposError {
        AposError("invalid", message: message, data: data)
    }

    /// Schema validation failures: one entry per field in `data.errors`, each with the HTTP code
    /// of its own kind (`required` 422, anything else 400), as `schema/index.js` reports them.
    static func validation(_ issues: [ValidationIssue]) -> AposError {
        let errors = issues.map { issue -> Value in
            let name = Self.errorName(issue.message)
            return .object([
                "name": .string(name), "message": .string(issue.message), "path": .string(issue.path.joined(separator: ".")),
                "code": .int(Int64(Self.status(of: name).code)), "data": .object([:]),
            ])
        }
        return AposError("invalid", data: ["errors": .array(errors)])
    }

    /// Quire's validator words its messages; Apostrophe's clients switch on the short name.
    private static func errorName(_ message: String) -> String {
        let lowered = message.lowercased()
        if lowered.hasSuffix("must be defined.") { return "required" }
        if lowered.contains("at least") || lowered.contains("greater than") { return "min" }
        if lowered.contains("at most") || lowered.contains("less than") { return "max" }
        return "invalid"
    }

    var response: Response { Response.json(JSON.encode(body), status: status) }
}

extension AposError {
    /// The one mapping from the index's refusals to Apostrophe's answers.
    init(_ error: WriteError) {
        switch error {
        case .unknownType, .notFound, .noDraft, .versionNotFound:
            self = .notFound
        case .invalidDocumentId:
            self = .invalidDocumentId
        case .unknownLocale(let locale):
            self = .invalid("Invalid locale: \(locale)")
        case .alreadyExists:
            self = AposError("conflict", message: "A document with this id already exists")
        case .invalidKey(let key):
            self = .validation([ValidationIssue(path: [key], message: "Unknown field \(key)")])
        case .invalid(let issues):
            self = .validation(issues)
        case .relationTargetMissing(let field, let documentId, let locale):
            self = .validation([ValidationIssue(path: [field], message: "No document \(documentId) in locale \(locale)")])
        case .preconditionFailed:
            self = AposError("conflict", message: "The document changed since it was read")
        case .conflict(let reason):
            self = AposError("conflict", message: reason)
        case .fieldConflicts(let conflicts):
            self = AposError(
                "conflict", message: "The draft and the published version both changed: \(conflicts.map(\.field).joined(separator: ", "))",
                data: ["fields": .array(conflicts.map { .string($0.field) })])
        case .inRelease(_, let inner):
            self = AposError(inner)
        }
    }
}

extension AposError {
    /// A filter the index could not apply, named by its parameter (never a Swift description).
    init(_ error: QueryError) {
        switch error {
        case .unknownField(let path):
            self = AposParameters.badValue(path.joined(separator: "."), "not a field of this type")
        case .invalidValue(let field, let message):
            self = AposParameters.badValue(field, message)
        }
    }
}
