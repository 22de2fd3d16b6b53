/// Builders for JSON Schema objects held as `Value`s (key order kept, so generated files read
/// in a stable, human order). Shared by the document-file schemas and the OpenAPI document,
/// whose schemas are JSON Schema 2020-12 as well.
public enum SchemaNode {
    public static func object(_ pairs: [(String, Value)]) -> Value {
        .object(OrderedObject(pairs))
    }

    /// `{"type": name, ...more}`.
    public static func typed(_ name: String, _ more: [(String, Value)] = []) -> Value {
        object([("type", .string(name))] + more)
    }

    public static func ref(_ pointer: String) -> Value {
        object([("$ref", .string(pointer))])
    }

    public static func strings(_ list: [String]) -> Value {
        .array(list.map(Value.string))
    }

    /// An integral bound is written as an integer: `"minimum": 0` reads better than `0.0`.
    public static func number(_ value: Double) -> Value {
        if let exact = Int64(exactly: value) { return .int(exact) }
        return .double(value)
    }

    /// The schema, also accepting `null`: widens `type` and `enum` in place where it can, so
    /// editors show one type list rather than an `anyOf`.
    public static func nullable(_ schema: Value) -> Value {
        guard case .object(var node) = schema else { return schema }
        // A schema without any of these keywords accepts anything, null included.
        let restricting = ["type", "$ref", "anyOf", "oneOf", "allOf", "const", "enum"]
        if !restricting.contains(where: { node[$0] != nil }) { return schema }
        if node.count == 1, case .array(let choices)? = node["anyOf"] {
            return object([("anyOf", .array(choices + [typed("null")]))])
        }
        if node["$ref"] == nil, node["anyOf"] == nil, node["oneOf"] == nil, node["const"] == nil {
            switch node["type"] {
            case .string(let name)?:
                node["type"] = strings([name, "null"])
                if case .array(let values)? = node["enum"] { node["enum"] = .array(values + [.null]) }
                return .object(node)
            case .array(let names)?:
                if !names.contains(.string("null")) { node["type"] = .array(names + [.string("null")]) }
                return .object(node)
            default:
                break
            }
        }
        return object([("anyOf", .array([schema, typed("null")]))])
    }
}

/// The text grammars Quire reads, as ECMAScript patterns (the dialect of JSON Schema and of
/// yaml-language-server). `[0-9]` rather than `\d`: some validators match Unicode digits with `\d`.
public enum TextPatterns {
    /// `DocumentID.isValid`: one safe path component.
    public static let documentId = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"
    public static let uid = UIDText.pattern
    public static let date = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    /// `HH:mm`, `HH:mm:ss` or `HH:mm:ss.SSS…`.
    public static let time = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?$"
    /// What `TemporalText.canonicalDateTime` reads: a date, optionally a time and an offset.
    public static let dateTime =
        "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?[ \\t]*([Zz]|[-+][0-9]{1,2}(:?[0-9]{2})?)?)?$"
    public static let bigInteger = "^[-+]?[0-9]+$"
}

/// The value rules of an attribute (`minLength`, `maximum`, …) as JSON Schema keywords.
public enum AttributeKeywords {
    /// Rules on a single text or number value.
    public static func scalar(_ attribute: Attribute) -> [(String, Value)] {
        var keywords: [(String, Value)] = []
        switch attribute.type {
        case .integer, .float, .decimal:
            if let minimum = attribute.min { keywords.append(("minimum", SchemaNode.number(minimum))) }
            if let maximum = attribute.max { keywords.append(("maximum", SchemaNode.number(maximum))) }
        case .string, .text, .richtext, .email, .password, .uid:
            if let minimum = attribute.minLength { keywords.append(("minLength", .int(Int64(minimum)))) }
            if let maximum = attribute.maxLength { keywords.append(("maxLength", .int(Int64(maximum)))) }
            if let regex = attribute.regex, attribute.type != .password {
                // Like Strapi, an empty optional string is not held to the pattern.
                keywords.append(("pattern", .string(attribute.required ? regex : "^$|(?:\(regex))")))
            } else if case .uid = attribute.type {
                keywords.append(("pattern", .string(TextPatterns.uid)))
            }
        default:
            break
        }
        return keywords
    }

    /// Bounds on the number of items of a repeatable component or dynamic zone.
    public static func items(_ attribute: Attribute) -> [(String, Value)] {
        var keywords: [(String, Value)] = []
        if let minimum = attribute.minItems { keywords.append(("minItems", .int(Int64(minimum)))) }
        if let maximum = attribute.maxItems { keywords.append(("maxItems", .int(Int64(maximum)))) }
        return keywords
    }
}
