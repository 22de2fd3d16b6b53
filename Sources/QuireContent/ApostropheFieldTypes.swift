import Yams

/// Apostrophe's scalar field types in a schema (`type: url`, `color`, `range`), loaded as the
/// Strapi type that stores them with the rule Apostrophe checks, so a field declared the
/// Apostrophe way is validated on every write and by `quire validate`, and Strapi clients see
/// a string or a number. A `regex` written in the schema replaces the built-in one.
enum ApostropheFieldTypes {
    /// `url`: absolute http(s), ftp, mailto and tel URLs, and site-relative ones (`/…`, `#…`,
    /// `?…`). Apostrophe's launderer drops `javascript:` and the like; here they are refused.
    static let urlPattern = #"^((https?|ftp)://[^\s/?#]+[^\s]*|(mailto|tel):[^\s]+|[/#?][^\s]*)$"#

    /// `color`: a CSS color as the color picker stores it: `#rgb`, `#rgba`, `#rrggbb`,
    /// `#rrggbbaa`, `rgb()`/`rgba()`/`hsl()`/`hsla()`, or a named color.
    static let colorPattern = #"^(#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|(rgb|rgba|hsl|hsla)\(\s*[0-9.%+-]+(\s*[, ]\s*[0-9.%+-]+){2,3}\s*([,/]\s*[0-9.%]+\s*)?\)|[a-zA-Z]+)$"#

    /// The stored type of an Apostrophe field type, nil for a name that is not one.
    static func underlyingType(_ name: String) -> AttributeType? {
        switch name {
        case "url", "color": .string
        // `min`, `max` are read as for any number; `step` is a hint for the editor.
        case "range": .float
        default: nil
        }
    }

    /// The rule a value must match, when the schema gives none.
    static func pattern(_ name: String) -> String? {
        switch name {
        case "url": urlPattern
        case "color": colorPattern
        default: nil
        }
    }

    /// Apostrophe's relationship fields as Quire relations: `relationship` (`withType`; `max: 1`
    /// makes it to-one) links to documents of that type; `relationshipReverse` (`withType`,
    /// `reverseOf: _author`) is the inverse side of that type's relationship, Strapi's `mappedBy`:
    /// computed from the documents that link here, never stored on this side.
    static func relationship(_ typeName: String, name: String, node: Node, in reader: inout SchemaFileReader) -> AttributeType? {
        let what = "attribute '\(name)'"
        guard let target = reader.string(reader.value(node, "withType"), "\(what): withType"), !target.isEmpty else {
            reader.report(node, "\(what) (\(typeName)) names no withType")
            return nil
        }
        guard typeName == "relationshipReverse" else {
            let toOne = reader.number(reader.value(node, "max"), "\(what): max") == 1
            return .relation(toOne ? .manyToOne : .manyToMany, target: target, inversedBy: nil, mappedBy: nil)
        }
        guard let reverseOf = reader.string(reader.value(node, "reverseOf"), "\(what): reverseOf"), !reverseOf.isEmpty else {
            reader.report(node, "\(what) (relationshipReverse) names no reverseOf (the relationship of \(target) it reverses, like _author)")
            return nil
        }
        let field = reverseOf.hasPrefix("_") ? String(reverseOf.dropFirst()) : reverseOf
        return .relation(.oneToMany, target: target, inversedBy: nil, mappedBy: field)
    }

    /// A relation's `fields` (Apostrophe's `fields: { add: { role: { type: string } } }`, or the
    /// mapping directly): read as attributes onto `attribute.relationFields`, and the attribute
    /// that stores them returned: `<name>Fields`, related documentId → that link's fields, as
    /// Apostrophe stores `<name>Fields` beside `<name>Ids`.
    static func relationshipFields(of attribute: inout Attribute, node: Node, in reader: inout SchemaFileReader) -> Attribute? {
        guard case .relation(_, _, _, nil) = attribute.type, var declared = reader.value(node, "fields"),
              !SchemaFileReader.isNull(declared) else { return nil }
        if let add = reader.value(declared, "add") { declared = add }
        let fields = SchemaAttributeReader.read(declared, in: &reader, allowZones: false).map(\.attribute)
        for field in fields where !field.type.isScalar || field.type == .json || field.type.name == "area" {
            reader.report(declared, "attribute '\(attribute.name)': relationship field '\(field.name)' must be a plain value (string, number, boolean, date, enumeration)")
        }
        attribute.relationFields = fields
        return Attribute(name: attribute.name + "Fields", type: .json)
    }

    /// The `_id` of an Apostrophe array item or object (a component item in Quire), so that a
    /// client's ids are kept in the file and stay the same from write to write. Declared first
    /// on every component, private: Strapi answers do not show it (Strapi's own `id` plays that
    /// part), and a component that declares `_id` itself keeps its own.
    static let itemIdName = "_id"

    static func withItemId(_ attributes: [Attribute]) -> [Attribute] {
        guard !attributes.contains(where: { $0.name == itemIdName }) else { return attributes }
        var id = Attribute(name: itemIdName, type: .string)
        id.isPrivate = true
        return [id] + attributes
    }

    /// `checkboxes` (a list of values) and Apostrophe's `select`/`radio` (one value, an
    /// enumeration), their values from Apostrophe's `choices: [{label, value}]` or `enum: [...]`;
    /// and `oembed`. Checked by `ApostropheValues` and the validator.
    static func structured(_ typeName: String, name: String, node: Node, in reader: inout SchemaFileReader) -> AttributeType? {
        guard typeName != "oembed" else { return .oembed }
        let values = choices(name: name, node: node, in: &reader).map(\.value)
        guard !values.isEmpty else {
            reader.report(node, "\(typeName) '\(name)' has no choices (choices: [{label, value}] or enum)")
            return nil
        }
        return typeName == "checkboxes" ? .checkboxes(values) : .enumeration(values)
    }

    /// `value` → `label` of Apostrophe's `choices` (nil when it has none: labels are the values).
    static func choiceLabels(name: String, node: Node, in reader: inout SchemaFileReader) -> [String: String]? {
        var scratch = SchemaFileReader(path: reader.path)
        let labelled = choices(name: name, node: node, in: &scratch).filter { $0.label != nil }
        guard !labelled.isEmpty else { return nil }
        return Dictionary(labelled.map { ($0.value, $0.label!) }, uniquingKeysWith: { first, _ in first })
    }

    /// `enum` values, then `choices` items. Choices named by a method (`choices: getChoices`,
    /// Apostrophe's dynamic choices) need module code run on the server, which Quire has not.
    private static func choices(name: String, node: Node, in reader: inout SchemaFileReader) -> [(value: String, label: String?)] {
        var found = (reader.strings(reader.value(node, "enum"), "attribute '\(name)': enum") ?? []).map { (value: $0, label: String?.none) }
        guard let choices = reader.value(node, "choices") else { return found }
        guard case .sequence(let items) = choices else {
            reader.report(choices, "attribute '\(name)': choices named by a method (Apostrophe's dynamic choices) need server-side module code, "
                + "which Quire does not run: list them as choices: [{label, value}]")
            return found
        }
        for item in items {
            guard let value = reader.string(reader.value(item, "value"), "attribute '\(name)': choices value") else { continue }
            found.append((value, reader.string(reader.value(item, "label"), "attribute '\(name)': choices label")))
        }
        return found
    }
}
