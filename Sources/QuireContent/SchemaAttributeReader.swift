import Yams

/// Reads the `attributes` mapping of a content type or component schema.
struct SchemaAttributeReader {
    /// Names the API uses for its own fields, or Strapi for its own purposes.
    static let reservedNames: Set<String> = [
        "id", "documentId", "createdAt", "updatedAt", "publishedAt", "locale", "createdBy", "updatedBy",
        "localizations", "__component",
    ]

    /// An attribute read from a file, with the line of its key for later cross-reference problems.
    struct Entry {
        var attribute: Attribute
        var line: Int
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }

    /// `api::author.author`, `plugin::users-permissions.user` and `author` all name `author`.
    static func targetName(_ target: String) -> String {
        var name = Substring(target)
        if let range = name.firstRange(of: "::") { name = name[range.upperBound...] }
        if let dot = name.lastIndex(of: ".") { name = name[name.index(after: dot)...] }
        return String(name)
    }

    /// Every attribute of the mapping; those with problems are reported and left out.
    static func read(_ node: Node?, in reader: inout SchemaFileReader, allowZones: Bool) -> [Entry] {
        guard let pairs = reader.pairs(node, "attributes") else { return [] }
        var entries: [Entry] = []
        for (name, keyNode, value) in pairs {
            let before = reader.problems.count
            if !isValidName(name) {
                reader.report(keyNode, "attribute name '\(name)' is invalid: use letters, digits and _, not starting with a digit")
            } else if reservedNames.contains(name) {
                reader.report(keyNode, "attribute name '\(name)' is reserved")
            }
            var attribute = read(name: name, node: value, in: &reader, allowZones: allowZones)
            var storage: Attribute?
            if attribute != nil { storage = ApostropheFieldTypes.relationshipFields(of: &attribute!, node: value, in: &reader) }
            if let attribute, reader.problems.count == before {
                entries.append(Entry(attribute: attribute, line: YAMLSource.line(of: keyNode)))
                if let storage { entries.append(Entry(attribute: storage, line: YAMLSource.line(of: keyNode))) }
            }
        }
        checkTargetFields(entries, in: &reader)
        return entries
    }

    private static func read(name: String, node: Node, in reader: inout SchemaFileReader, allowZones: Bool) -> Attribute? {
        guard reader.pairs(node, "attribute '\(name)'") != nil else {
            if SchemaFileReader.isNull(node) { reader.report(node, "attribute '\(name)' has no type") }
            return nil
        }
        let what = "attribute '\(name)'"
        guard let typeName = reader.string(reader.value(node, "type"), "\(what): type") else {
            reader.report(node, "\(what) has no type")
            return nil
        }
        guard let type = attributeType(typeName, name: name, node: node, in: &reader, allowZones: allowZones) else { return nil }
        var attribute = Attribute(name: name, type: type)
        attribute.required = reader.bool(reader.value(node, "required"), "\(what): required") ?? false
        attribute.unique = reader.bool(reader.value(node, "unique"), "\(what): unique") ?? false
        attribute.isPrivate = type == .password || (reader.bool(reader.value(node, "private"), "\(what): private") ?? false)
        attribute.minLength = reader.integer(reader.value(node, "minLength"), "\(what): minLength")
        attribute.maxLength = reader.integer(reader.value(node, "maxLength"), "\(what): maxLength")
        switch type {
        case .component(_, true), .dynamiczone:
            // On lists of components, Strapi's min and max count items.
            attribute.minItems = reader.integer(reader.value(node, "min"), "\(what): min")
            attribute.maxItems = reader.integer(reader.value(node, "max"), "\(what): max")
        case .component:
            break
        default:
            attribute.min = reader.number(reader.value(node, "min"), "\(what): min")
            attribute.max = reader.number(reader.value(node, "max"), "\(what): max")
        }
        if let pattern = reader.string(reader.value(node, "regex"), "\(what): regex"), !pattern.isEmpty {
            if PatternCache.shared.isValid(pattern) {
                attribute.regex = pattern
            } else {
                reader.report(reader.value(node, "regex"), "\(what): regex '\(pattern)' is not a valid regular expression")
            }
        }
        if attribute.regex == nil { attribute.regex = ApostropheFieldTypes.pattern(typeName) }
        if case .enumeration = type { attribute.choiceLabels = ApostropheFieldTypes.choiceLabels(name: name, node: node, in: &reader) }
        if case .checkboxes = type { attribute.choiceLabels = ApostropheFieldTypes.choiceLabels(name: name, node: node, in: &reader) }
        if let defaultNode = reader.value(node, "default") {
            attribute.defaultValue = defaultValue(defaultNode, type: type, what: what, in: &reader)
        }
        return attribute
    }

    private static func attributeType(_ typeName: String, name: String, node: Node, in reader: inout SchemaFileReader,
                                      allowZones: Bool) -> AttributeType? {
        let what = "attribute '\(name)'"
        switch typeName {
        case "string": return .string
        case "text": return .text
        case "richtext": return .richtext
        case "blocks": return .blocks
        case "email": return .email
        case "password": return .password
        case "uid": return .uid(targetField: reader.string(reader.value(node, "targetField"), "\(what): targetField"))
        case "integer": return .integer
        case "biginteger": return .biginteger
        case "float": return .float
        case "decimal": return .decimal
        case "date": return .date
        case "time": return .time
        case "datetime", "timestamp": return .datetime
        case "boolean": return .boolean
        case "json": return .json
        case "customField":
            guard let uid = reader.string(reader.value(node, "customField"), "\(what): customField") else {
                reader.report(node, "\(what) names no customField")
                return nil
            }
            return CustomFields.underlyingType(uid)
        case "area": return .area(richTextPolicy(node, what: what, in: &reader))
        case "url", "color", "range": return ApostropheFieldTypes.underlyingType(typeName)
        case "checkboxes", "oembed", "select", "radio": return ApostropheFieldTypes.structured(typeName, name: name, node: node, in: &reader)
        case "relationship", "relationshipReverse": return ApostropheFieldTypes.relationship(typeName, name: name, node: node, in: &reader)
        case "enumeration":
            guard let values = reader.strings(reader.value(node, "enum"), "\(what): enum"), !values.isEmpty else {
                reader.report(node, "enumeration '\(name)' has no values (enum)")
                return nil
            }
            return .enumeration(values)
        case "media":
            let multiple = reader.bool(reader.value(node, "multiple"), "\(what): multiple") ?? false
            let allowed = reader.strings(reader.value(node, "allowedTypes"), "\(what): allowedTypes") ?? []
            return .media(multiple: multiple, allowedTypes: allowed)
        case "relation":
            return relation(name: name, node: node, in: &reader)
        case "component":
            guard let uid = reader.string(reader.value(node, "component"), "\(what): component") else {
                reader.report(node, "\(what) names no component")
                return nil
            }
            return .component(uid, repeatable: reader.bool(reader.value(node, "repeatable"), "\(what): repeatable") ?? false)
        case "dynamiczone":
            guard allowZones else {
                reader.report(node, "\(what): a component cannot hold a dynamic zone")
                return nil
            }
            guard let uids = reader.strings(reader.value(node, "components"), "\(what): components"), !uids.isEmpty else {
                reader.report(node, "dynamic zone '\(name)' lists no components")
                return nil
            }
            return .dynamiczone(uids)
        default:
            reader.report(reader.value(node, "type"), "\(what) has an unknown type '\(typeName)'")
            return nil
        }
    }

    /// `toolbar` and `styles` as Apostrophe's rich-text widget options; `allowedTags`,
    /// `allowedAttributes` (tag → names) and `allowedSchemes` replace what they name.
    private static func richTextPolicy(_ node: Node, what: String, in reader: inout SchemaFileReader) -> RichTextPolicy {
        var policy = RichTextPolicy.apostropheDefault
        if let toolbar = reader.strings(reader.value(node, "toolbar"), "\(what): toolbar") {
            let styles = reader.strings(reader.value(node, "styles"), "\(what): styles") ?? ["p", "h2", "h3", "h4"]
            policy = RichTextPolicy(toolbar: toolbar, styles: styles)
        }
        if let tags = reader.strings(reader.value(node, "allowedTags"), "\(what): allowedTags") {
            policy.tags = Set(tags.map { $0.lowercased() })
        }
        if let pairs = reader.pairs(reader.value(node, "allowedAttributes"), "\(what): allowedAttributes") {
            policy.attributes = [:]
            for (tag, _, names) in pairs {
                policy.attributes[tag.lowercased()] = Set((reader.strings(names, "\(what): allowedAttributes.\(tag)") ?? []).map { $0.lowercased() })
            }
        }
        if let schemes = reader.strings(reader.value(node, "allowedSchemes"), "\(what): allowedSchemes") {
            policy.schemes = Set(schemes.map { $0.lowercased() })
        }
        return policy
    }

    private static func relation(name: String, node: Node, in reader: inout SchemaFileReader) -> AttributeType? {
        let what = "attribute '\(name)'"
        let kindNode = reader.value(node, "relation")
        guard let kindName = reader.string(kindNode, "\(what): relation") else {
            reader.report(node, "relation '\(name)' has no kind (relation: oneToOne, manyToOne, …)")
            return nil
        }
        // Strapi's unidirectional kinds store the same thing as their bidirectional twins.
        let kind: RelationKind? = switch kindName {
        case "oneWay": .oneToOne
        case "manyWay": .oneToMany
        default: RelationKind(rawValue: kindName)
        }
        guard let kind else {
            reader.report(kindNode, "relation '\(name)' has an unknown kind '\(kindName)'")
            return nil
        }
        let target = reader.string(reader.value(node, "target"), "\(what): target").map(targetName)
        let isMorph = kind == .morphToOne || kind == .morphToMany
        guard target != nil || isMorph else {
            reader.report(node, "relation '\(name)' has no target")
            return nil
        }
        return .relation(kind, target: target ?? "",
                         inversedBy: reader.string(reader.value(node, "inversedBy"), "\(what): inversedBy"),
                         mappedBy: reader.string(reader.value(node, "mappedBy"), "\(what): mappedBy"))
    }

    private static func defaultValue(_ node: Node, type: AttributeType, what: String, in reader: inout SchemaFileReader) -> Value? {
        if SchemaFileReader.isNull(node) { return nil }
        switch type {
        case .json, .media, .blocks, .component, .dynamiczone, .relation, .area:
            return try? YAMLCoreSchema.value(of: node)
        default:
            guard case .scalar(let scalar) = node,
                  case .success(let value) = FieldScalarDecoding.decode(.yaml(scalar), as: type) else {
                let expected = FieldScalarDecoding.expectation(for: type).description
                reader.report(node, "\(what): default must be \(expected)")
                return nil
            }
            return value
        }
    }

    private static func checkTargetFields(_ entries: [Entry], in reader: inout SchemaFileReader) {
        for entry in entries {
            guard case .uid(let targetField?) = entry.attribute.type else { continue }
            let target = entries.first { $0.attribute.name == targetField }?.attribute.type
            if target != .string && target != .text {
                reader.report(line: entry.line, "uid '\(entry.attribute.name)': targetField '\(targetField)' is not a string attribute")
            }
        }
    }
}
