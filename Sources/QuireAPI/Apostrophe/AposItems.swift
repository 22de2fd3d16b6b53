import Crypto
import QuireContent

/// Apostrophe's array and object fields are Quire's components (repeatable or not). Their items
/// carry an `_id` (stored in the file, see `Self.idKey`) and, read,
/// `metaType` (`arrayItem`, `object`) and `scopedArrayName`/`scopedObjectName`
/// (`doc.<type>.<field>`, then `.<field>` deeper), as Apostrophe answers them. An item written
/// without an `_id` (by hand, or by a Strapi client) answers one made from its place
/// (document, field path, index), the same on every read; the first Apostrophe write of the
/// document stores it, so `@<_id>` patch paths work on it.
struct AposItems {
    let schema: SiteSchema
    let documentId: String

    /// The stored key (`ApostropheFieldTypes.itemIdName`, the component attribute every component has).
    static let idKey = "_id"

    /// The answered value of component `attribute`: `shown` (private fields already hidden)
    /// with each item's `_id` (from `stored`), `metaType` and scoped name.
    func shape(_ shown: Value, stored: Value?, attribute: Attribute, scope: String) -> Value {
        guard case .component(let uid, let repeatable) = attribute.type, let component = schema.components[uid] else { return shown }
        let path = scope + "." + attribute.name
        switch (shown, repeatable) {
        case (.array(let items), true):
            var storedItems: [Value] = []
            if case .array(let list)? = stored { storedItems = list }
            return .array(items.enumerated().map { index, item in
                let original = index < storedItems.count ? storedItems[index] : nil
                return self.item(item, stored: original, component: component, path: path, index: index, array: true)
            })
        case (.object, false):
            return item(shown, stored: stored, component: component, path: path, index: nil, array: false)
        default:
            return shown
        }
    }

    private func item(_ shown: Value, stored: Value?, component: Component, path: String, index: Int?, array: Bool) -> Value {
        guard case .object(let fields) = shown else { return shown }
        var storedFields = OrderedObject()
        if case .object(let object)? = stored { storedFields = object }
        var result: OrderedObject = [
            "_id": storedFields[Self.idKey] ?? .string(Self.placeId(documentId, path, index)),
            "metaType": .string(array ? "arrayItem" : "object"),
            array ? "scopedArrayName" : "scopedObjectName": .string(path),
        ]
        for (name, value) in fields.pairs where name != Self.idKey {
            if let nested = component.attributes.first(where: { $0.name == name }), case .component = nested.type {
                result[name] = shape(value, stored: storedFields[name], attribute: nested, scope: path)
            } else {
                result[name] = value
            }
        }
        return .object(result)
    }

    /// `doc.<type>`: the scope of a document's own fields.
    static func scope(of type: ContentType) -> String { "doc." + type.singularName }

    /// An id made from an item's place: 24 lowercase letters and digits, like Apostrophe's.
    static func placeId(_ documentId: String, _ path: String, _ index: Int?) -> String {
        let digest = SHA256.hash(data: Array("\(documentId)|\(path)|\(index.map(String.init) ?? "")".utf8))
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        return String(digest.prefix(24).map { alphabet[Int($0) % alphabet.count] })
    }

    /// A written value of component `attribute` in stored form: Apostrophe's read-time keys
    /// (`metaType`, `scopedArrayName`, `scopedObjectName`) dropped, each item's `_id` kept, or
    /// made when it has none or repeats one (Apostrophe regenerates repeated ids too): a new one,
    /// or with `byPlace` (what the document holds before a patch) the one reads answered.
    func stored(_ value: Value, attribute: Attribute, scope: String, byPlace: Bool = false) -> Value {
        var seen: Set<String> = []
        return stored(value, attribute: attribute, scope: scope, seen: &seen, byPlace: byPlace)
    }

    private func stored(_ value: Value, attribute: Attribute, scope: String, seen: inout Set<String>, byPlace: Bool) -> Value {
        guard case .component(let uid, let repeatable) = attribute.type, let component = schema.components[uid] else { return value }
        let path = scope + "." + attribute.name
        switch (value, repeatable) {
        case (.array(let items), true):
            var result: [Value] = []
            for (index, item) in items.enumerated() {
                result.append(storedItem(item, component: component, path: path, index: index, seen: &seen, byPlace: byPlace))
            }
            return .array(result)
        case (.object, false):
            return storedItem(value, component: component, path: path, index: nil, seen: &seen, byPlace: byPlace)
        default:
            return value
        }
    }

    private func storedItem(_ value: Value, component: Component, path: String, index: Int?, seen: inout Set<String>, byPlace: Bool) -> Value {
        guard case .object(let fields) = value else { return value }
        var id: String
        if case .string(let given)? = fields[Self.idKey], !given.isEmpty {
            id = given
        } else {
            id = byPlace ? Self.placeId(documentId, path, index) : DocumentID.generate()
        }
        if seen.contains(id) { id = DocumentID.generate() }
        seen.insert(id)
        var result: OrderedObject = [Self.idKey: .string(id)]
        for (name, field) in fields.pairs where !["_id", "metaType", "scopedArrayName", "scopedObjectName"].contains(name) {
            if let nested = component.attributes.first(where: { $0.name == name }), case .component = nested.type {
                result[name] = stored(field, attribute: nested, scope: path, seen: &seen, byPlace: byPlace)
            } else {
                result[name] = field
            }
        }
        return .object(result)
    }
}
