/// Where things live in a site repository (CONTRACT §1). The one place that knows the paths.
public enum SiteLayout {
    public static let mainReference = "refs/heads/main"
    public static let draftPrefix = "refs/heads/drafts/"
    public static let configPath = "quire.yaml"
    public static let schemasFolder = "schemas"
    public static let contentFolder = "content"

    /// The folder holding one type's documents in one locale.
    public static func folder(locale: String, type: String) -> String {
        "\(contentFolder)/\(locale)/\(type)"
    }

    /// Where a new document is written: sharded types get a folder named by the id's first N characters.
    public static func newDocumentPath(for key: DocumentKey, shard: Int?, format: DocumentFormat = .yaml) -> String {
        let folder = folder(locale: key.locale, type: key.type)
        let file = "\(key.documentId).\(format.rawValue)"
        guard let shard, shard > 0 else { return "\(folder)/\(file)" }
        return "\(folder)/\(key.documentId.prefix(shard))/\(file)"
    }

    /// Reads `content/<locale>/<type>/[folders/]<documentId>.<yaml|yml|json>`; nil for anything else
    /// (README files, images, stray names that are not valid documentIds).
    public static func documentKey(forPath path: String) -> (key: DocumentKey, format: DocumentFormat)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0] == contentFolder, let format = DocumentFormat(path: path) else { return nil }
        let file = parts[parts.count - 1]
        guard let dot = file.lastIndex(of: ".") else { return nil }
        let stem = String(file[..<dot])
        guard DocumentID.isValid(stem) else { return nil }
        return (DocumentKey(locale: String(parts[1]), type: String(parts[2]), documentId: stem), format)
    }

    /// Why a `.yaml`/`.yml`/`.json` file under `content/` names no document, or nil when it does
    /// (or is some other file: a README, an image). Such a file is skipped, so it must be said.
    public static func strayProblem(forPath path: String) -> Problem? {
        guard path.hasPrefix(contentFolder + "/"), DocumentFormat(path: path) != nil, documentKey(forPath: path) == nil else { return nil }
        let message = path.split(separator: "/").count < 4
            ? "a document file belongs in content/<locale>/<type>/; this file is ignored"
            : "the file name is not a valid documentId ([A-Za-z0-9][A-Za-z0-9._-]{0,127}); this file is ignored"
        return Problem(path: path, line: 0, message: message)
    }

    public static func draftReference(for key: DocumentKey) -> String {
        "\(draftPrefix)\(key.locale)/\(key.type)/\(key.documentId)"
    }

    public static func documentKey(forDraftReference name: String) -> DocumentKey? {
        guard name.hasPrefix(draftPrefix) else { return nil }
        let parts = name.dropFirst(draftPrefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, DocumentID.isValid(String(parts[2])) else { return nil }
        return DocumentKey(locale: String(parts[0]), type: String(parts[1]), documentId: String(parts[2]))
    }

    public static func isSchemaPath(_ path: String) -> Bool {
        path.hasPrefix(schemasFolder + "/") && DocumentFormat(path: path) != nil
    }
}
