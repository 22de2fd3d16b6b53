/// Turns parsed JSON into `ImportEntry`s: an NDJSON line's `{type, locale, documentId, data}`,
/// or a file of a folder import (a Strapi REST page `{data: [...], meta}`, a Strapi single
/// response `{data: {...}}`, an array of entries, or one document's fields).
enum ImportEntryReader {
    static let lineKeys: Set<String> = ["type", "locale", "documentId", "data"]

    /// Keys of a Strapi REST entry that are the system's, not the document's: dropped, except
    /// `documentId` and `locale`, which say where the document goes.
    static let systemKeys: Set<String> = [
        "id", "documentId", "locale", "createdAt", "updatedAt", "publishedAt", "createdBy", "updatedBy", "localizations",
    ]

    static func entry(line value: Value, number: Int) -> Result<ImportEntry, ImportProblem> {
        let origin = ImportOrigin.line(number)
        guard case .object(let object) = value else {
            return .failure(ImportProblem(origin, "a line must be a JSON object {type, locale, documentId, data}"))
        }
        if let unknown = object.keys.first(where: { !lineKeys.contains($0) }) {
            return .failure(ImportProblem(origin, "unknown key '\(unknown)' (a line holds type, locale, documentId and data)"))
        }
        guard case .string(let type)? = object["type"] else {
            return .failure(ImportProblem(origin, "'type' must be a content type's singular or plural name"))
        }
        guard case .object(let data)? = object["data"] else {
            return .failure(ImportProblem(origin, "'data' must be an object of the document's fields"))
        }
        var locale: String?
        switch object["locale"] {
        case nil, .null?: break
        case .string(let text)?: locale = text
        default: return .failure(ImportProblem(origin, "'locale' must be a string"))
        }
        var documentId: String?
        switch object["documentId"] {
        case nil, .null?: break
        case .string(let text)?: documentId = text
        default: return .failure(ImportProblem(origin, "'documentId' must be a string"))
        }
        return entry(origin: origin, type: type, locale: locale, documentId: documentId, fields: data)
    }

    /// A file below the import folder: `<type>/<name>.json` or `<locale>/<type>/<name>.json`.
    static func entries(file value: Value, relativePath: String) -> ([ImportEntry], [ImportProblem]) {
        let parts = relativePath.split(separator: "/").map(String.init)
        guard parts.count == 2 || parts.count == 3 else {
            let message = "a file of a folder import belongs in <type>/ or <locale>/<type>/ (e.g. en/articles/page-1.json)"
            return ([], [ImportProblem(.file(relativePath, index: nil), message)])
        }
        let type = parts[parts.count - 2]
        let folderLocale = parts.count == 3 ? parts[0] : nil
        let stem = String(parts[parts.count - 1].dropLast(".json".count))
        func make(_ item: Value, index: Int?, fileId: String?) -> Result<ImportEntry, ImportProblem> {
            let origin = ImportOrigin.file(relativePath, index: index)
            guard case .object(let fields) = item else {
                return .failure(ImportProblem(origin, "an entry must be a JSON object"))
            }
            return entry(origin: origin, type: type, locale: folderLocale, documentId: fileId, fields: fields)
        }
        var results: [Result<ImportEntry, ImportProblem>] = []
        switch value {
        case .object(let object) where object["data"] != nil:
            switch object["data"]! {
            case .array(let items): results = items.enumerated().map { make($1, index: $0, fileId: nil) }
            case let single: results = [make(single, index: nil, fileId: nil)]
            }
        case .array(let items):
            results = items.enumerated().map { make($1, index: $0, fileId: nil) }
        default:
            results = [make(value, index: nil, fileId: DocumentID.isValid(stem) ? stem : nil)]
        }
        var entries: [ImportEntry] = []
        var problems: [ImportProblem] = []
        for result in results {
            switch result {
            case .success(let entry): entries.append(entry)
            case .failure(let problem): problems.append(problem)
            }
        }
        return (entries, problems)
    }

    /// Splits a Strapi-shaped object into where the document goes and its fields. A `documentId`
    /// or `locale` inside the fields (as a Strapi export has them) wins over the file's name and
    /// folder, and must agree with a line's own `documentId`/`locale`.
    private static func entry(origin: ImportOrigin, type: String, locale: String?, documentId: String?,
                              fields: OrderedObject) -> Result<ImportEntry, ImportProblem> {
        var locale = locale
        var documentId = documentId
        if case .string(let inner)? = fields["documentId"] {
            if case .line = origin, let documentId, documentId != inner {
                return .failure(ImportProblem(origin, "documentId '\(documentId)' and data.documentId '\(inner)' differ"))
            }
            documentId = inner
        }
        if case .string(let inner)? = fields["locale"] {
            if case .line = origin, let locale, locale != inner {
                return .failure(ImportProblem(origin, "locale '\(locale)' and data.locale '\(inner)' differ"))
            }
            locale = inner
        }
        var keys: [String] = []
        var values: [Value] = []
        for (key, value) in fields.pairs where !systemKeys.contains(key) {
            keys.append(key)
            values.append(value)
        }
        let data = OrderedObject(uniqueKeys: keys, values: values)
        return .success(ImportEntry(origin: origin, type: type, locale: locale, documentId: documentId, data: data))
    }
}
