import Foundation
import QuireContent
import QuireIndex

/// Strapi's morph relations (`morphToOne`, `morphToMany`: links to documents of any type) in
/// the Apostrophe dialect, which has no such field: shown as a relationship whose documents
/// each carry their own `type` — `aboutIds` (documentIds, in order) and `_about` (the documents,
/// one level deep). Written as `_about: [{_id, type}]` (what reads answer, so a PUT of a GET
/// works); an id without a type (`aboutIds`, a bare `_id`, a `$push` of one) is taken when it
/// names a document of exactly one type, as an Apostrophe `_id` names one document; when it names
/// documents of several types it is a 400 asking for the type. Ids naming no document are
/// dropped, as Apostrophe drops them. They cannot be filtered or listed as choices (400). Reads
/// show only the links to types the caller may `find`, as Strapi's populate does; writes keep
/// the others (`AposUnseenLinks`), and link only documents the caller may read.
enum AposMorph {
    /// `aboutIds` and `_about` of a stored morph value.
    static func render(_ value: Value?, attribute: Attribute, locale: String, depth: Int,
                       shape: AposDocumentShape, into object: inout OrderedObject) {
        let links = MorphLink.links(value).filter { shape.readableTypes?.contains($0.type) ?? true }
        object["\(attribute.name)Ids"] = .array(links.map { .string($0.documentId) })
        guard depth > 0 else {
            object["_\(attribute.name)"] = .array([])
            return
        }
        let snapshot = shape.snapshot
        object["_\(attribute.name)"] = .array(links.compactMap { link in
            guard let type = snapshot.schema.contentType(singular: link.type) else { return nil }
            let key = DocumentKey(locale: type.localized ? locale : snapshot.config.defaultLocale, type: link.type, documentId: link.documentId)
            return snapshot.document(view: shape.view, key: key).map { .object(shape.render($0, type: type, depth: 0)) }
        })
    }

    /// A stored morph value as patches edit it: `[{_id, type}]`, so each link keeps its type.
    static func editable(_ value: Value) -> Value {
        .array(MorphLink.links(value).map { .object(["_id": .string($0.documentId), "type": .string($0.type)]) })
    }

    /// Back to the stored form for a write, from the editable form or the stored one.
    static func stored(_ value: Value?, attribute: Attribute) -> Value {
        guard case .array(let items)? = value else { return value ?? .null }
        let links = items.compactMap { item -> MorphLink? in
            if case .object(let object) = item, case .string(let id)? = object["_id"], case .string(let type)? = object["type"] {
                return MorphLink(type: type, documentId: id)
            }
            return MorphLink.links(item).first
        }
        return MorphLink.value(links, toMany: attribute.isToMany) ?? .null
    }
}

extension AposFieldInput {
    /// The stored value of morph relation `attribute` for an Apostrophe write of it.
    func morphValue(_ value: Value, attribute: Attribute) throws(AposError) -> Value {
        let field = "_\(attribute.name)"
        func refuse(_ message: String) -> AposError { AposError.validation([ValidationIssue(path: [field], message: message)]) }
        var items: [Value]
        switch value {
        case .null: items = []
        case .string(let text): items = text.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) }
        case .array(let list): items = list
        default: throw refuse("Related documents must be a list")
        }
        var links: [MorphLink] = []
        for item in items {
            var given: String?
            var id: String
            switch item {
            case .string(let text): id = text
            case .object(let object):
                guard case .string(let text)? = object["_id"] ?? object["aposDocId"] else { throw refuse("Each related document needs an _id") }
                id = text
                if case .string(let name)? = object["type"] ?? object["__type"] { given = name }
            default: throw refuse("Related documents must be objects with an _id and a type, or ids")
            }
            id = String(id.split(separator: ":", maxSplits: 1).first ?? "")
            // Only documents the caller may read can be linked (or tell ids apart).
            let candidates: [ContentType]
            if let given {
                guard let type = MorphLink.type(named: given, in: snapshot.schema) else {
                    throw refuse("'\(given)' is no content type of this site")
                }
                candidates = maySee(type.singularName) ? [type] : []
            } else {
                candidates = snapshot.schema.contentTypes.values.filter { maySee($0.singularName) }.sorted { $0.singularName < $1.singularName }
            }
            let found = candidates.filter { exists(id, in: $0) }
            guard found.count <= 1 else {
                throw refuse("'\(id)' names documents of several types (\(found.map(\.singularName).joined(separator: ", "))): write \(field) as [{_id, type}]")
            }
            guard let type = found.first else { continue }
            let link = MorphLink(type: type.singularName, documentId: id)
            if !links.contains(link) { links.append(link) }
        }
        links = try keepingUnseen(links, attribute: attribute)
        if !attribute.isToMany, links.count > 1 {
            throw AposError("invalid", data: ["errors": .array([.object([
                "name": .string("max"), "message": .string("max"), "path": .string(field), "code": .int(400), "data": .object([:]),
            ])])])
        }
        return MorphLink.value(links, toMany: attribute.isToMany) ?? .null
    }

    /// Whether a document `id` of `type` exists in this write's locale (drafts included, for
    /// a writer who may see them).
    func exists(_ id: String, in type: ContentType) -> Bool {
        guard DocumentID.isValid(id) else { return false }
        let key = DocumentKey(locale: type.localized ? locale : snapshot.config.defaultLocale, type: type.singularName, documentId: id)
        let view: View = draftsReadable?.contains(type.singularName) ?? true ? .draft : .published
        return snapshot.document(view: view, key: key) != nil
    }
}

extension Attribute {
    var isMorph: Bool {
        if case .relation(let kind, _, _, _) = type { return kind.isMorph }
        return false
    }
}
