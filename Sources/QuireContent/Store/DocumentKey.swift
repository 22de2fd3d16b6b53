/// One document in one locale: the unit a file, a draft branch and an API URL all name.
public struct DocumentKey: Hashable, Sendable, CustomStringConvertible {
    public var locale: String
    /// The content type's singular name.
    public var type: String
    public var documentId: String

    public init(locale: String, type: String, documentId: String) {
        self.locale = locale
        self.type = type
        self.documentId = documentId
    }

    /// How commit messages name a document: `article/biscotte (en)`.
    public var description: String { "\(type)/\(documentId) (\(locale))" }
}
