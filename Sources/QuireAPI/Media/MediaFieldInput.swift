import QuireContent
import QuireIndex

/// `media` attributes in a Strapi write body: a file's id (`12`, `"12"`), its documentId, or
/// `{id}`/`{documentId}`; an array for `multiple: true`. Each must exist and be of a type the
/// attribute's `allowedTypes` accepts (`images`, `videos`, `audios`, `files`). Stored in the
/// document file as a small reference holding what never changes about the file (id,
/// documentId, hash, ext, mime, url) and its name: readable in a diff, and what filters such as
/// `filters[cover][mime][$contains]=image` match. Populating reads the library, so alternative
/// text and captions are always current.
enum MediaFieldInput {
    static func resolve(_ data: OrderedObject, type: ContentType, catalog: MediaCatalog) throws -> OrderedObject {
        var result = data
        var issues: [ValidationIssue] = []
        for attribute in type.attributes {
            guard case .media(let multiple, let allowed) = attribute.type, let value = data[attribute.name], value != .null else { continue }
            let path = [attribute.name]
            let items: [Value]
            switch (value, multiple) {
            case (.array(let list), true): items = list
            case (.array, false):
                issues.append(ValidationIssue(path: path, message: "\(attribute.name) must be a single file, not an array"))
                continue
            case (_, true): items = [value]
            case (_, false): items = [value]
            }
            var documentIds: [Value] = []
            for item in items {
                guard let record = record(for: item, catalog: catalog) else {
                    issues.append(ValidationIssue(path: path, message: "\(attribute.name): no file \(describe(item)) in the media library"))
                    continue
                }
                if !allowed.isEmpty, !allowed.contains(group(of: record.mime)) {
                    issues.append(ValidationIssue(
                        path: path, message: "\(attribute.name) accepts \(allowed.joined(separator: ", ")), not \(record.mime) (\(record.name))"))
                    continue
                }
                documentIds.append(reference(record))
            }
            result[attribute.name] = multiple ? .array(documentIds) : (documentIds.first ?? .null)
        }
        if !issues.isEmpty { throw StrapiError.invalid(issues) }
        return result
    }

    static func reference(_ record: MediaRecord) -> Value {
        .object([
            "id": .int(Int64(record.id)), "documentId": .string(record.documentId), "name": .string(record.name),
            "hash": .string(record.hash), "ext": .string(record.ext), "mime": .string(record.mime),
            "url": .string(StrapiFileObject.url(record)),
        ])
    }

    static func record(for value: Value, catalog: MediaCatalog) -> MediaRecord? {
        switch value {
        case .int(let id): return catalog.record(id: Int(id))
        case .string(let text):
            if let id = Int(text) { return catalog.record(id: id) }
            return catalog.record(documentId: text)
        case .object(let object):
            if let id = object["id"] { return record(for: id, catalog: catalog) }
            if case .string(let documentId)? = object["documentId"] { return catalog.record(documentId: documentId) }
            return nil
        default: return nil
        }
    }

    /// Strapi's groups: `images`, `videos`, `audios`, and `files` for everything else.
    static func group(of mime: String) -> String {
        if mime.hasPrefix("image/") { return "images" }
        if mime.hasPrefix("video/") { return "videos" }
        if mime.hasPrefix("audio/") { return "audios" }
        return "files"
    }

    private static func describe(_ value: Value) -> String {
        String(decoding: JSON.encode(value), as: UTF8.self)
    }
}

/// The media catalog of the request being answered, for writers that render `media` fields
/// deep inside documents (`StrapiDocumentWriter`) without a handle on the site.
enum MediaContext {
    @TaskLocal static var catalog: MediaCatalog?

    /// A stored `media` value as Strapi's file objects: references the library knows become
    /// its current file objects; anything else (a hand-written value) is shown as stored.
    static func populated(_ stored: Value?, multiple: Bool) -> Value {
        guard let stored, stored != .null else { return multiple ? .array([]) : .null }
        func current(_ item: Value) -> Value {
            guard let catalog, let record = MediaFieldInput.record(for: item, catalog: catalog) else { return item }
            return StrapiFileObject.value(record)
        }
        if case .array(let items) = stored { return .array(items.map(current)) }
        return current(stored)
    }
}
