import QuireContent
import QuireIndex
import QuireSite

/// Strapi clients may name related documents by their numeric `id` as well as by documentId:
/// `author: 5`, `tags: [5, 6]`, `{id: 5}`, `{connect: [5, {id: 6, position: {before: 7}}]}`.
/// Those numbers become documentIds here (the id of a document is a hash of its type, locale
/// and documentId: see `DocumentData.numericID`), so the index only ever sees documentIds. A
/// number that names no document of the target type is Strapi's 400 `Document with id …`, and
/// so is one naming a document the caller cannot see (a draft of a type whose drafts it may not
/// read); a relation to a type it may not read is Strapi's `Invalid key`.
struct StrapiRelationIds {
    let snapshot: SiteSnapshot
    let locale: String
    var visibility: RelationVisibility? = nil

    func translate(_ data: OrderedObject, type: ContentType) throws -> OrderedObject {
        var result = data
        for attribute in type.attributes {
            if case .relation(let kind, _, _, _) = attribute.type, kind.isMorph, let value = data[attribute.name] {
                result[attribute.name] = try morph(value, field: attribute.name)
                continue
            }
            guard case .relation(_, let target, _, _) = attribute.type, let value = data[attribute.name],
                  let targetType = snapshot.schema.contentType(singular: target) else { continue }
            if let visibility, !visibility.mayRead(target) { throw WriteError.invalidKey(attribute.name) }
            let ids = lookup(targetType, field: attribute.name)
            result[attribute.name] = try ids.relation(value)
        }
        return result
    }

    /// A morph relation's items name their type: `{id: 5, __type: "api::tag.tag"}` is looked up there.
    private func morph(_ value: Value, field: String) throws -> Value {
        switch value {
        case .array(let items):
            return .array(try items.map { try morph($0, field: field) })
        case .object(var object) where ["connect", "disconnect", "set"].contains(where: { object[$0] != nil }):
            for operation in ["connect", "disconnect", "set"] {
                if let list = object[operation] { object[operation] = try morph(list, field: field) }
            }
            return .object(object)
        case .object(let object):
            guard case .string(let given)? = object["__type"], let type = MorphLink.type(named: given, in: snapshot.schema) else { return value }
            if let visibility, !visibility.mayRead(type.singularName) { throw WriteError.invalidKey(field) }
            return try lookup(type, field: field).item(value)
        default:
            return value
        }
    }

    private func lookup(_ type: ContentType, field: String) -> Lookup {
        Lookup(snapshot: snapshot, type: type, locale: type.localized ? locale : snapshot.config.defaultLocale, field: field,
               view: visibility.map { $0.draftsReadable.contains(type.singularName) ? .draft : .published } ?? .draft)
    }

    private struct Lookup {
        let snapshot: SiteSnapshot
        let type: ContentType
        let locale: String
        let field: String
        /// Where the caller may see documents of `type`: the drafts, or only what is published.
        let view: View

        func relation(_ value: Value) throws -> Value {
            switch value {
            case .int, .double: return .string(try documentId(value))
            case .array(let items): return .array(try items.map(item))
            case .object(var object):
                for operation in ["connect", "disconnect", "set"] {
                    guard let list = object[operation] else { continue }
                    object[operation] = try relation(list)
                }
                return object["connect"] == nil && object["disconnect"] == nil && object["set"] == nil ? try item(.object(object)) : .object(object)
            default: return value
            }
        }

        /// One entry of a list: a number, `{id}` (its other keys kept), or as given.
        func item(_ value: Value) throws -> Value {
            switch value {
            case .int, .double: return .string(try documentId(value))
            case .object(var object):
                if let id = object["id"], object["documentId"] == nil {
                    object["id"] = nil
                    object["documentId"] = .string(try documentId(id))
                }
                if case .object(var position)? = object["position"] {
                    for side in ["before", "after"] {
                        if let id = position[side], id.isNumber { position[side] = .string(try documentId(id)) }
                    }
                    object["position"] = .object(position)
                }
                return .object(object)
            default: return value
            }
        }

        private func documentId(_ value: Value) throws -> String {
            let number: Int64? = switch value {
            case .int(let n): n
            case .double(let d) where d == d.rounded(): Int64(exactly: d)
            case .string(let text): Int64(text)
            default: nil
            }
            let collection = snapshot.collection(view: view, locale: locale, type: type.singularName)
            if let number, let found = collection.documents.first(where: { $0.numericID == number }) {
                return found.key.documentId
            }
            throw WriteError.relationTargetMissing(field: field, documentId: Self.text(value), locale: locale)
        }

        private static func text(_ value: Value) -> String {
            switch value {
            case .int(let n): String(n)
            case .double(let d): String(d)
            case .string(let text): text
            default: "?"
            }
        }
    }
}

private extension Value {
    var isNumber: Bool {
        switch self {
        case .int, .double: true
        default: false
        }
    }
}
