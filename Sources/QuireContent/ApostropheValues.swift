/// The values of Apostrophe's structured field types, checked the same way for files, API
/// writes of both dialects and `quire validate`:
/// - `checkboxes`: a list of distinct strings, each one of the schema's choices (Apostrophe's
///   launderer drops others; here they are refused, as a wrong value always is);
/// - `oembed`: `{url, title?, thumbnail?}` — an http(s) URL of embeddable media, with the title
///   and thumbnail URL an editor's oEmbed lookup found (Apostrophe stores the same object).
public enum ApostropheValues {
    static let oembedKeys: Set = ["url", "title", "thumbnail"]

    /// The value in stored form, or nil when it is not one of the type.
    static func checked(_ value: Value, as type: AttributeType) -> Value? {
        switch type {
        case .checkboxes(let choices):
            guard case .array(let items) = value else { return nil }
            var seen: [String] = []
            for item in items {
                guard case .string(let text) = item, choices.contains(text), !seen.contains(text) else { return nil }
                seen.append(text)
            }
            return value
        case .oembed:
            guard case .object(let object) = value, object.keys.allSatisfy(oembedKeys.contains),
                  case .string(let url)? = object["url"], isWebURL(url) else { return nil }
            if let title = object["title"], title != .null, !isString(title) { return nil }
            if let thumbnail = object["thumbnail"], thumbnail != .null {
                guard case .string(let text) = thumbnail, isWebURL(text) else { return nil }
            }
            return .object(OrderedObject(object.pairs.filter { $0.1 != Value.null }))
        default:
            return nil
        }
    }

    /// The JSON Schema of a value of the type (files, write bodies and answers alike).
    public static func jsonSchema(_ type: AttributeType) -> Value {
        if case .checkboxes(let choices) = type {
            return SchemaNode.typed("array", [("items", SchemaNode.typed("string", [("enum", SchemaNode.strings(choices))])), ("uniqueItems", .bool(true))])
        }
        let url = SchemaNode.typed("string", [("pattern", .string("^[Hh][Tt][Tt][Pp][Ss]?://\\S+$"))])
        return SchemaNode.typed("object", [
            ("properties", SchemaNode.object([("url", url), ("title", SchemaNode.typed("string")), ("thumbnail", url)])),
            ("required", SchemaNode.strings(["url"])), ("additionalProperties", .bool(false)),
        ])
    }

    /// What a value of the type must be, for messages.
    static func expectation(_ type: AttributeType) -> String {
        switch type {
        case .checkboxes(let choices): "a list of distinct values among \(choices.joined(separator: ", "))"
        default: "an oembed mapping {url (http or https), title, thumbnail}"
        }
    }

    private static func isString(_ value: Value) -> Bool {
        if case .string = value { return true }
        return false
    }

    private static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && text.count > 8
            && !text.contains(where: { $0.isWhitespace })
    }
}
