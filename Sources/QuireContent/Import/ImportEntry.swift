import QuireGit

/// Where an imported document came from, for problem reports: an NDJSON line, or a JSON
/// file (and the position in its `data` array when it held a Strapi page).
public enum ImportOrigin: Sendable, Equatable, CustomStringConvertible {
    case line(Int)
    case file(String, index: Int?)

    public var description: String {
        switch self {
        case .line(let number): "line \(number)"
        case .file(let path, nil): path
        case .file(let path, let index?): "\(path) data[\(index)]"
        }
    }
}

/// One thing wrong with the input; the import writes nothing while there is any.
public struct ImportProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var origin: ImportOrigin
    public var message: String

    public init(_ origin: ImportOrigin, _ message: String) {
        self.origin = origin
        self.message = message
    }

    public var description: String { "\(origin): \(message)" }
}

/// One document to import, as read from the input: the type named by its singular or plural
/// name, the locale and documentId when given, and the Strapi `data` payload.
struct ImportEntry {
    var origin: ImportOrigin
    var type: String
    var locale: String?
    var documentId: String?
    var data: OrderedObject
}

/// A document ready to commit: its key and path, its blob hashed and deflated for a pack, and
/// what must be checked against the whole import (relation targets, unique values).
struct PreparedDocument: Sendable {
    var origin: ImportOrigin
    var key: DocumentKey
    var path: String
    var blob: PackedObject
    /// Documents this one relates to, by field: each must exist in the site or the import.
    var relations: [(field: String, key: DocumentKey)]
    /// Values of `uid` and `unique` attributes, which may not repeat within a type and locale.
    var uniques: [(attribute: String, value: Value)]
}

/// What preparing one entry gave: a document, or everything wrong with it.
enum PreparedEntry {
    case document(PreparedDocument)
    case problems([ImportProblem])
}
