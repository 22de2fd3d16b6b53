import QuireContent
import QuireIndex

/// `media` attributes in a Strapi write body (top level, components, dynamic zones): a file's id (`12`, `"12"`), its documentId, or
/// `{id}`/`{documentId}`; an array for `multiple: true`. Each must exist and be of a type the
/// attribute's `allowedTypes` accepts (`images`, `videos`, `audios`, `files`). Stored in the
/// document file as a small reference holding what never changes about the file (id,
/// documentId, hash, ext, mime, url) and its name: readable in a diff, and what filters such as
/// `filters[cover][mime][$contains]=image` match. Populating reads the library, so alternative
/// text and captions are always current.
enum MediaFieldInput {
    /// Resolves the media attributes of a write body, at the top level and inside its
    /// components and dynamic zones (nested components too), as Strapi accepts them there.
    static func resolve(_ data: OrderedObject, type: ContentType, schema: SiteSchema, catalog: MediaCatalog) throws -> OrderedObject {
        var issues: [ValidationIssue] = []
        let result = resolve(data, attributes: type.attributes, schema: schema, catalog: catalog, path: [], issues: &issues)
        if !issues.isEmpty { throw StrapiError.invalid(issues) }
        return result
    }

    private static func resolve(_ data: OrderedObject, attributes: [Attribute], schema: SiteSchema, catalog: MediaCatalog,
                                path: [String], issues: inout [ValidationIssue]) -> OrderedObject {
        var result = data
        for attribute in attributes {
            guard let value = data[attribute.name], value != .null else { continue }
            let here = path + [attribute.name]
            switch attribute.type {
            case .media(let multiple, let allowed):
                result[attribute.name] = media(value, name: attribute.name, multiple: multiple, allowed: allowed, catalog: catalog,
                                               path: here, issues: &issues)
            case .component(let uid, _):
                guard let component = schema.components[uid] else { continue }
                result[attribute.name] = items(value, path: here) { item, itemPath in
                    resolve(item, attributes: component.attributes, schema: schema, catalog: catalog, path: itemPath, issues: &issues)
                }
            case .dynamiczone:
                result[attribute.name] = items(value, path: here) { item, itemPath in
                    guard case .string(let uid)? = item["__component"], let component = schema.components[uid] else { return item }
                    return resolve(item, attributes: component.attributes, schema: schema, catalog: catalog, path: itemPath, issues: &issues)
                }
            default:
                continue
            }
        }
        return result
    }

    /// A component value (one object, or a list of them) with each object transformed; other
    /// shapes are left for the document validator to refuse.
    private static func items(_ value: Value, path: [String], _ transform: (OrderedObject, [String]) -> OrderedObject) -> Value {
        switch value {
        case .object(let object): return .object(transform(object, path))
        case .array(let list):
            return .array(list.enumerated().map { index, item in
                guard case .object(let object) = item else { return item }
                return .object(transform(object, path + [String(index)]))
            })
        default: return value
        }
    }

    private static func media(_ value: Value, name: String, multiple: Bool, allowed: [String], catalog: MediaCatalog,
                              path: [String], issues: inout [ValidationIssue]) -> Value {
        let items: [Value]
        switch (value, multiple) {
        case (.array(let list), true): items = list
        case (.array, false):
            issues.append(ValidationIssue(path: path, message: "\(name) must be a single file, not an array"))
            return value
        default: items = [value]
        }
        var references: [Value] = []
        for item in items {
            guard let record = record(for: item, catalog: catalog) else {
                issues.append(ValidationIssue(path: path, message: "\(name): no file \(describe(item)) in the media library"))
                continue
            }
            if !allowed.isEmpty, !allowed.contains(group(of: record.mime)) {
                issues.append(ValidationIssue(path: path, message: "\(name) accepts \(allowed.joined(separator: ", ")), not \(record.mime) (\(record.name))"))
                continue
            }
            references.append(reference(record))
        }
        return multiple ? .array(references) : (references.first ?? .null)
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

    /// The file a reference stored in a document names: by its documentId, which never changes,
    /// rather than its id, which a merge of two servers' uploads may give to another file (and a
    /// deleted file's id to the next upload); a bare id (a hand-written value) by that id.
    static func stored(_ value: Value, catalog: MediaCatalog) -> MediaRecord? {
        if case .object(let object) = value, case .string(let documentId)? = object["documentId"] {
            return catalog.record(documentId: documentId)
        }
        return record(for: value, catalog: catalog)
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
    /// The site's `media:` settings (the sizes `render-areas` lists in a `srcset`).
    @TaskLocal static var config = MediaConfig()

    /// A stored `media` value as Strapi's file objects: references the library knows become
    /// its current file objects; anything else (a hand-written value) is shown as stored.
    static func populated(_ stored: Value?, multiple: Bool) -> Value {
        guard let stored, stored != .null else { return multiple ? .array([]) : .null }
        func current(_ item: Value) -> Value {
            guard let catalog, let record = MediaFieldInput.stored(item, catalog: catalog) else { return item }
            return StrapiFileObject.value(record)
        }
        if case .array(let items) = stored { return .array(items.map(current)) }
        return current(stored)
    }

    /// A stored `media` value in its stored form, each reference as the library has the file
    /// now: a replaced file's new hash, URL and type, a renamed file's name, whatever the
    /// document file still holds (it is refreshed the next time the document is saved). Keys
    /// the reference carries beside the file's (an Apostrophe crop's `fields`) are kept;
    /// references the library does not know are shown as stored.
    static func current(_ stored: Value) -> Value {
        func current(_ item: Value) -> Value {
            guard let catalog, let record = MediaFieldInput.stored(item, catalog: catalog),
                  case .object(var reference) = MediaFieldInput.reference(record) else { return item }
            if case .object(let given) = item {
                for (key, value) in given.pairs where reference[key] == nil { reference[key] = value }
            }
            return .object(reference)
        }
        if case .array(let items) = stored { return .array(items.map(current)) }
        return current(stored)
    }
}
