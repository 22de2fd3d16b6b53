/// An Apostrophe area as Quire stores it: `{_id, items: [widget…]}`, each widget a mapping with
/// `_id`, `type` and its fields, rich-text widgets holding their HTML in `content`. Read-time
/// keys (`metaType`, `_docId`, `_edit`, `aposPlaceholder`) are not stored.
public enum AreaValue {
    public static let richTextType = "@apostrophecms/rich-text"
    static let readTimeKeys: Set = ["metaType", "_docId", "_edit", "_rendered", "_fieldId", "aposPlaceholder"]

    /// A write payload's area in stored form: a full area, a bare list of widgets, or a plain
    /// string (one rich-text widget of escaped text). Missing or repeated `_id`s are generated;
    /// every rich-text widget's HTML is sanitized. nil: not an area.
    public static func normalize(_ value: Value, policy: RichTextPolicy) -> Value? {
        var area: OrderedObject
        switch value {
        case .object(let object): area = object
        case .array(let items): area = ["items": .array(items)]
        case .string(let text):
            let paragraph = text.isEmpty ? "" : "<p>\(HTMLSanitizer.escapeText(text))</p>"
            area = ["items": .array([.object(["type": .string(richTextType), "content": .string(paragraph)])])]
        default: return nil
        }
        guard case .array(let items)? = area["items"] ?? .array([]) else { return nil }
        var seen: Set<String> = []
        var widgets: [Value] = []
        for item in items {
            guard case .object(var widget) = item, case .string(let type)? = widget["type"], !type.isEmpty else { return nil }
            for key in readTimeKeys { widget[key] = nil }
            if case .string(let id)? = widget["_id"], !id.isEmpty, !seen.contains(id) {
                seen.insert(id)
            } else {
                let id = DocumentID.generate()
                seen.insert(id)
                widget = OrderedObject([("_id", .string(id))] + widget.pairs.filter { $0.0 != "_id" })
            }
            widgets.append(.object(sanitized(widget, policy: policy)))
        }
        let id: Value = if case .string(let given)? = area["_id"], !given.isEmpty { .string(given) } else { .string(DocumentID.generate()) }
        return .object(["_id": id, "items": .array(widgets)])
    }

    /// A stored area read from a file: rich-text HTML sanitized again (a human may have written
    /// anything), nothing else changed. nil: not an area.
    public static func sanitizeStored(_ value: Value, policy: RichTextPolicy) -> Value? {
        guard case .object(var area) = value else { return nil }
        guard case .array(let items)? = area["items"] ?? .array([]) else { return nil }
        var widgets: [Value] = []
        for item in items {
            guard case .object(let widget) = item else { return nil }
            widgets.append(.object(sanitized(widget, policy: policy)))
        }
        if area["items"] != nil { area["items"] = .array(widgets) }
        return .object(area)
    }

    private static func sanitized(_ widget: OrderedObject, policy: RichTextPolicy) -> OrderedObject {
        guard widget["type"] == .string(richTextType) else { return widget }
        var widget = widget
        if case .string(let html)? = widget["content"] {
            widget["content"] = .string(HTMLSanitizer.sanitize(html, policy: policy))
        } else {
            widget["content"] = .string("")
        }
        return widget
    }
}
