import Foundation
import QuireContent
import QuireIndex

/// Turns Apostrophe field values into Quire's stored forms, keyed by attribute name: `title` and
/// `slug` go to the attributes they stand for, `_author` (documents or ids) and `authorIds` to
/// the relation `author`. Fields outside the schema (`_id`, `type`, `aposLocale`, computed `_…`
/// keys) are ignored, as Apostrophe ignores them.
struct AposFieldInput {
    let map: AposTypeMap
    let snapshot: SiteSnapshot
    let locale: String
    /// The types the writer may read in the write's mode (nil: every type), and the document's
    /// stored fields before the write: links it cannot see are kept (`AposUnseenLinks`).
    var readable: Set<String>? = nil
    /// The types whose drafts the writer may see (nil: every type): a draft it may not see is
    /// no document to it, dropped as an id naming nothing is.
    var draftsReadable: Set<String>? = nil
    var before: OrderedObject = [:]

    /// The attributes and stored values for one top-level body key; none when the key is not a
    /// field. A relation with per-relationship fields also sets `<name>Fields` from its
    /// documents' `_fields`; `current` (a patch's fields) keeps the fields of links given without.
    func convert(_ name: String, _ value: Value, current: OrderedObject? = nil) throws(AposError) -> [(String, Value)] {
        // A media attribute: `.some(nil)` is one of its derived keys, which stores nothing.
        if let image = try AposImageRelationship.convert(name, value, type: map.type) { return image.map { [$0] } ?? [] }
        guard let attribute = map.attribute(forField: name) else {
            try refuseUnhonoured(name, value)
            return []
        }
        // A reverse relationship is computed from the other side, and Apostrophe ignores it on
        // input; so does Quire (a PUT of what GET answered carries it back).
        if attribute.isReverseRelation { return [] }
        if attribute.isMorph { return [(attribute.name, try morphValue(value, attribute: attribute))] }
        if attribute.isRelation {
            guard maySee(attribute) else { return unseen(attribute) }
            let ids = try keepingHidden(try relationIds(value, attribute: attribute), attribute: attribute)
            var result: [(String, Value)] = [(attribute.name, .array(ids.map(Value.string)))]
            if let declared = attribute.relationFields, !name.hasSuffix("Ids") {
                result.append((attribute.name + "Fields", try AposRelationFields(attribute: attribute, declared: declared)
                    .stored(value, ids: ids, previous: previousFields(attribute, current: current))))
            }
            return result
        }
        if case .area = attribute.type { return [(attribute.name, try AposMediaWidget.stored(value, field: attribute.name))] }
        if attribute.name == map.slugField, case .string(let text) = value {
            return [(attribute.name, .string(AposTypeMap.slugify(text)))]
        }
        return [(attribute.name, try storedComponent(attribute, value))]
    }

    /// A written array or object field in stored form: its items (see `storedItems`) and the
    /// image and file widgets of the areas inside them (see `AposNestedAreas`).
    func storedComponent(_ attribute: Attribute, _ value: Value) throws(AposError) -> Value {
        let items = storedItems(attribute, value)
        guard case .component = attribute.type else { return items }
        return try AposNestedAreas.stored(items, attribute: attribute, schema: snapshot.schema, path: attribute.name)
    }

    /// A key that is no field is ignored, as Apostrophe ignores it, except where ignoring it would
    /// be a 200 that did not do what was asked: a piece type archives through an attribute of its
    /// own, so without one `archived: true` is refused (`false`, as every read answers it, is fine).
    func refuseUnhonoured(_ name: String, _ value: Value) throws(AposError) {
        if name == "archived", value != .bool(false), !map.type.isPageType {
            throw AposParameters.badValue("archived", "\(map.type.singularName) has no archived attribute (add archived: { type: boolean } to its schema)")
        }
    }

    /// Related documents as `_id`s, aposDocIds, `{_id}` objects or a comma-separated string.
    /// Ids that name no document in this locale are dropped silently, as Apostrophe drops them.
    func relationIds(_ value: Value, attribute: Attribute) throws(AposError) -> [String] {
        var raw: [String] = []
        switch value {
        case .null: break
        case .string(let text): raw = text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        case .array(let items):
            for item in items {
                switch item {
                case .string(let id): raw.append(id)
                case .object(let object):
                    guard case .string(let id)? = object["_id"] ?? object["aposDocId"] else {
                        throw AposError.validation([ValidationIssue(path: ["_\(attribute.name)"], message: "Each related document needs an _id")])
                    }
                    raw.append(id)
                default:
                    throw AposError.validation([ValidationIssue(path: ["_\(attribute.name)"], message: "Related documents must be objects with an _id or ids")])
                }
            }
        default:
            throw AposError.validation([ValidationIssue(path: ["_\(attribute.name)"], message: "Related documents must be a list")])
        }
        var ids: [String] = []
        for id in raw.map({ String($0.split(separator: ":", maxSplits: 1).first ?? "") }) where !ids.contains(id) && exists(id, attribute: attribute) {
            ids.append(id)
        }
        if !attribute.isToMany, ids.count > 1 {
            throw AposError("invalid", data: ["errors": .array([.object([
                "name": .string("max"), "message": .string("max"), "path": .string("_\(attribute.name)"), "code": .int(400), "data": .object([:]),
            ])])])
        }
        return ids
    }

    private func exists(_ id: String, attribute: Attribute) -> Bool {
        guard let target = attribute.relationTarget, let type = snapshot.schema.contentType(singular: target) else { return false }
        return exists(id, in: type)
    }

    /// What the index writes: every attribute, absent ones as null (Quire's update merges, and
    /// null is how it removes a field); relations as a list (to-one: at most one id).
    func writeData(_ fields: OrderedObject) -> OrderedObject {
        OrderedObject(map.type.attributes.compactMap { attribute in
            if case .password = attribute.type, fields[attribute.name] == nil { return nil }
            if attribute.isMorph { return (attribute.name, AposMorph.stored(fields[attribute.name], attribute: attribute)) }
            return (attribute.name, fields[attribute.name] ?? .null)
        })
    }

    /// A component's written value in stored form (`AposItems.stored`); other values as they are.
    func storedItems(_ attribute: Attribute, _ value: Value, documentId: String = "", byPlace: Bool = false) -> Value {
        guard case .component = attribute.type else { return value }
        return AposItems(schema: snapshot.schema, documentId: documentId)
            .stored(value, attribute: attribute, scope: AposItems.scope(of: map.type), byPlace: byPlace)
    }

    /// A document's stored fields in the form patches work on: relations always as id lists;
    /// with `documentId`, array and object items without an `_id` get the one reads answer.
    func editable(_ stored: OrderedObject, documentId: String? = nil) -> OrderedObject {
        OrderedObject(stored.pairs.map { name, value in
            guard let attribute = map.type.attribute(named: name) else { return (name, value) }
            if let documentId, case .component = attribute.type {
                return (name, storedItems(attribute, value, documentId: documentId, byPlace: true))
            }
            guard attribute.isRelation else { return (name, value) }
            if attribute.isMorph { return (name, AposMorph.editable(value)) }
            return (name, .array(AposDocumentShape.ids(value).map(Value.string)))
        })
    }
}
