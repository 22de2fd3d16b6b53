import QuireContent

/// `render-areas` on piece reads and page reads (`area/index.js` `renderDocsAreas`): every area
/// of the document itself (not of related documents, `_ancestors` or `_children`, whose paths
/// start with `_`) is rendered to HTML as Apostrophe's templates render it: the area as
/// `<div class="apos-area">…</div>`, a rich-text widget as `<div data-rich-text>…</div>` around
/// its HTML — already kept to the field's sanitising policy on every read and write. A widget
/// type Quire has no template for renders as nothing, as Apostrophe renders a widget whose
/// module is missing. `render-areas=1` (or `true`, `yes`, `on`) puts the HTML in the area's
/// `_rendered` and drops its `items`; `render-areas=inline` keeps the items and gives each
/// widget its own `_rendered`. `0`/`false` render nothing; any other value is a 400.
enum AposRenderAreas: Sendable, Hashable {
    case whole, inline

    static let parameter = "render-areas"

    /// The mode a query asks for, nil when it asks none.
    init?(_ node: QueryNode) throws(AposError) {
        guard let raw = node[Self.parameter] else { return nil }
        switch raw.string {
        case "inline": self = .inline
        case "1", "true", "yes", "on": self = .whole
        case "0", "false", "no", "off", "": return nil
        default: throw AposParameters.badValue(Self.parameter, "expected 1 or inline")
        }
    }

    /// The document's JSON with its areas rendered.
    func apply(_ encoded: [UInt8]) -> [UInt8] {
        guard case .object(var document)? = try? JSON.parse(encoded) else { return encoded }
        apply(&document)
        return JSON.encode(.object(document))
    }

    func apply(_ document: inout OrderedObject) {
        for (key, value) in document.pairs where !key.hasPrefix("_") {
            document[key] = rendered(value)
        }
    }

    /// Areas found anywhere under the document's own fields (objects and arrays of components).
    private func rendered(_ value: Value) -> Value {
        switch value {
        case .object(var object):
            if object["metaType"] == .string("area") { return area(object) }
            for (key, field) in object.pairs where !key.hasPrefix("_") { object[key] = rendered(field) }
            return .object(object)
        case .array(let items):
            return .array(items.map(rendered))
        default:
            return value
        }
    }

    private func area(_ area: OrderedObject) -> Value {
        var area = area
        var items: [Value] = []
        if case .array(let list)? = area["items"] { items = list }
        let html = items.map { item -> String in
            guard case .object(let widget) = item else { return "" }
            return Self.widget(widget)
        }
        switch self {
        case .whole:
            area["_rendered"] = .string("<div class=\"apos-area\">" + html.joined() + "</div>")
            area["_fieldId"] = nil
            area["items"] = nil
        case .inline:
            area["items"] = .array(zip(items, html).map { item, html in
                guard case .object(var widget) = item else { return item }
                widget["_rendered"] = .string(html)
                return .object(widget)
            })
        }
        return .object(area)
    }

    private static func widget(_ widget: OrderedObject) -> String {
        if let media = AposMediaWidgetHTML.html(widget) { return media }
        guard widget["type"] == .string("@apostrophecms/rich-text"), case .string(let content)? = widget["content"] else { return "" }
        return "<div data-rich-text>" + content + "</div>"
    }
}
