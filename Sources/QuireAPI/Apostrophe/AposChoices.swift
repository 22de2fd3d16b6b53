import Foundation
import QuireContent
import QuireIndex

/// `choices=a,b` and `counts=a,b` on a piece list (`doc-type/index.js` `choices`, `counts`,
/// `toChoices`): for each field, the distinct values it takes among the documents matching every
/// other filter of the request (so filtering by one field narrows the others' choices, not its
/// own), as `[{label, value}]`, plus `count` with `counts` (answered as `counts` instead of
/// `choices`). A `select`, `radio` or `checkboxes` field (an enumeration) answers as Apostrophe's
/// `getChoicesForQueryBuilder`: each value labelled as the schema's `choices` label it (else the
/// value), empty values left out, sorted by label case-insensitively (numbers as numbers).
/// Booleans are `"1"` labelled `apostrophe:yes` then `"0"` labelled `apostrophe:no` (the boolean
/// builder's own `choices`; the filter takes those values back), a relationship by ids
/// (`_author`) has the related documentIds as values and by slug (`author`) their slugs, both
/// labelled with the related title; only documents the caller may read are offered, as
/// Apostrophe finds a relationship's choices with the request's permissions. A name that is no
/// filter of the type is a 400, where Apostrophe would skip it.
struct AposChoices {
    let param: String
    let fields: [String]

    var counts: Bool { param == "counts" }

    /// nil when neither is asked.
    init?(_ node: QueryNode, map: AposTypeMap) throws(AposError) {
        let param = node["counts"] != nil ? "counts" : "choices"
        guard let raw = node[param] else { return nil }
        let names: [String] = switch raw {
        case .value(let text?): text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        default: AposListQuery.strings(raw)
        }
        for name in names where Self.attribute(name, map: map) == nil {
            throw AposParameters.badValue(param, "'\(name)' is not a field this type can be filtered by")
        }
        self.param = param
        fields = names
    }

    /// The attribute a choices name stands for: a filterable field, `title`/`slug`, or a
    /// relationship as `_name` (ids) or `name` (slugs).
    static func attribute(_ name: String, map: AposTypeMap) -> Attribute? {
        let bare = name.hasPrefix("_") ? String(name.dropFirst()) : name
        if let relation = map.type.attribute(named: bare), relation.isRelation, !relation.isPrivate { return relation.isMorph ? nil : relation }
        guard !name.hasPrefix("_"), let attribute = map.attribute(forField: name), !attribute.isPrivate, !attribute.isRelation else { return nil }
        switch attribute.type {
        case .string, .text, .email, .uid, .enumeration, .checkboxes, .boolean, .integer, .biginteger, .float, .decimal, .date, .datetime, .time: return attribute
        default: return nil
        }
    }

    /// The request without `name`'s own filters.
    static func without(_ name: String, in node: QueryNode, map: AposTypeMap) -> QueryNode {
        guard case .map(let pairs) = node, let attribute = attribute(name, map: map) else { return node }
        var dropped: Set<String> = [attribute.name]
        if attribute.isRelation {
            dropped.formUnion(["_\(attribute.name)", "_\(attribute.name)And", "\(attribute.name)And"])
        } else {
            if attribute.name == map.titleField { dropped.insert("title") }
            if attribute.name == map.slugField { dropped.insert("slug") }
        }
        return .map(pairs.filter { !dropped.contains($0.0) })
    }

    /// `[{label, value, count?}]` for `name` over `documents`, to a caller who may read the
    /// `readable` types (`AposRoutes.readableTypes`).
    func values(of name: String, in documents: [DocumentVersion], map: AposTypeMap, snapshot: SiteSnapshot, view: View,
                readable: Set<String>?) -> Value {
        guard let attribute = Self.attribute(name, map: map) else { return .array([]) }
        if let target = attribute.relationTarget, let readable, !readable.contains(target) { return .array([]) }
        var tally: [Value: Int] = [:]
        var labels: [Value: Value] = [:]
        for version in documents {
            var seen: Set<Value> = []
            for (value, label) in Self.entries(of: attribute, asked: name, in: version, snapshot: snapshot, view: view) where seen.insert(value).inserted {
                tally[value, default: 0] += 1
                labels[value] = label
            }
        }
        let order: [Value] = switch attribute.type {
        case .enumeration, .checkboxes:
            tally.keys.filter { $0 != .string("") }.sorted { Self.insensitiveBefore(Self.text(labels[$0] ?? $0), Self.text(labels[$1] ?? $1)) }
        case .boolean: [Value.string("1"), .string("0")].filter { tally[$0] != nil }
        default: tally.keys.sorted { Self.before(labels[$0] ?? $0, labels[$1] ?? $1) }
        }
        return .array(order.map { value in
            var entry: OrderedObject = ["label": labels[value] ?? value, "value": value]
            if counts { entry["count"] = .int(Int64(tally[value] ?? 0)) }
            return .object(entry)
        })
    }

    private static func entries(of attribute: Attribute, asked name: String, in version: DocumentVersion, snapshot: SiteSnapshot, view: View) -> [(Value, Value)] {
        let stored = version.fields[attribute.name]
        if attribute.isRelation {
            guard let target = attribute.relationTarget, let type = snapshot.schema.contentType(singular: target) else { return [] }
            let map = AposTypeMap(type)
            let locale = type.localized ? version.key.locale : snapshot.config.defaultLocale
            return AposDocumentShape.ids(stored).compactMap { id in
                guard let related = snapshot.document(view: type.draftAndPublish ? view : .published, key: DocumentKey(locale: locale, type: target, documentId: id)) else { return nil }
                let title = map.titleField.flatMap { related.fields[$0] } ?? .string(id)
                let slug = map.slugField.flatMap { related.fields[$0] } ?? .string(id)
                return (name.hasPrefix("_") ? .string(id) : slug, title)
            }
        }
        if case .boolean = attribute.type {
            let flag = stored == .bool(true)
            return [(.string(flag ? "1" : "0"), .string(flag ? "apostrophe:yes" : "apostrophe:no"))]
        }
        guard let stored, stored != .null else { return [] }
        // Each value a checkboxes field holds counts once for the document.
        let values: [Value] = if case .checkboxes = attribute.type, case .array(let list) = stored { list } else { [stored] }
        return values.map { value in
            guard let labels = attribute.choiceLabels, case .string(let text) = value, let label = labels[text] else { return (value, value) }
            return (value, .string(label))
        }
    }

    /// Numbers by value, anything else by its text.
    private static func before(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): x < y
        case (.double(let x), .double(let y)): x < y
        case (.int(let x), .double(let y)): Double(x) < y
        case (.double(let x), .int(let y)): x < Double(y)
        default: text(a) < text(b)
        }
    }

    /// Apostrophe's `insensitiveSortCompare`: lowercased, and two numbers by value.
    static func insensitiveBefore(_ a: String, _ b: String) -> Bool {
        let (x, y) = (a.lowercased(), b.lowercased())
        let digits = { (text: String) in !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } }
        if digits(x), digits(y), let p = Double(x), let q = Double(y) { return p < q }
        return x < y
    }

    private static func text(_ value: Value) -> String {
        switch value {
        case .string(let text): text.lowercased()
        default: String(decoding: JSON.encode(value), as: UTF8.self)
        }
    }
}
