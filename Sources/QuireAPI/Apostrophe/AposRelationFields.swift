import QuireContent

/// Apostrophe's per-relationship fields (`_fields`): a relation whose schema declares
/// `fields` stores, beside its ids, `<name>Fields`: related documentId → that link's values,
/// as Apostrophe stores `<name>Fields` beside `<name>Ids`. Read, each related document carries
/// its link's `_fields`; written, they come from the related documents' `_fields`.
struct AposRelationFields {
    let attribute: Attribute
    let declared: [Attribute]

    /// `<name>Fields` for the kept `ids`, from the input's documents' `_fields`. A link given
    /// without them (a document without `_fields`, or an id) keeps its `previous` fields (a
    /// PATCH's `$push` does not lose the others'), or has none. A field the schema does not
    /// declare, or a value of the wrong kind, is a 400.
    func stored(_ input: Value, ids: [String], previous: Value? = nil) throws(AposError) -> Value {
        var result = OrderedObject()
        if case .object(let before)? = previous {
            for id in ids { if let kept = before[id] { result[id] = kept } }
        }
        guard case .array(let items) = input else { return .object(result) }
        for item in items {
            guard case .object(let document) = item, case .string(let raw)? = document["_id"] ?? document["aposDocId"] else { continue }
            let id = String(raw.split(separator: ":", maxSplits: 1).first ?? "")
            guard ids.contains(id), let given = document["_fields"], given != .null else { continue }
            result[id] = nil
            guard case .object(let values) = given else { throw issue("_fields", "must be an object") }
            var kept = OrderedObject()
            for (name, value) in values.pairs {
                guard let field = declared.first(where: { $0.name == name }) else { throw issue(name, "is not a field of this relationship") }
                guard value == .null || Self.fits(value, field.type) else { throw issue(name, "must be \(field.type.name)") }
                if value != .null { kept[name] = value }
            }
            if !kept.isEmpty { result[id] = .object(kept) }
        }
        return .object(result)
    }

    /// A related document's `_fields`, from the stored `<name>Fields`: every declared field, null when unset.
    static func shown(_ stored: Value?, id: String, declared: [Attribute]) -> Value {
        var values: OrderedObject = [:]
        if case .object(let all)? = stored, case .object(let own)? = all[id] { values = own }
        return .object(OrderedObject(declared.map { ($0.name, values[$0.name] ?? .null) }))
    }

    private func issue(_ name: String, _ message: String) -> AposError {
        AposError.validation([ValidationIssue(path: ["_\(attribute.name)", "_fields", name], message: "\(name) \(message)")])
    }

    private static func fits(_ value: Value, _ type: AttributeType) -> Bool {
        switch (type, value) {
        case (.integer, .int), (.biginteger, .int), (.float, .int), (.float, .double), (.decimal, .int), (.decimal, .double): true
        case (.boolean, .bool): true
        case (.enumeration(let choices), .string(let text)): choices.contains(text)
        case (.string, .string), (.text, .string), (.email, .string), (.uid, .string), (.richtext, .string),
             (.date, .string), (.time, .string), (.datetime, .string): true
        default: false
        }
    }
}
