import QuireContent
import QuireIndex

/// Apostrophe's image and file widgets inside areas (`@apostrophecms/image`, whose `_image`
/// relationship carries a crop and focal point, and `@apostrophecms/file`, whose `_file` has no
/// fields). Stored as Apostrophe stores a widget relationship: `imageIds: [<aposDocId>]` and
/// `imageFields: {<aposDocId>: {top, left, width, height, x, y}}` (`fileIds`/`fileFields`);
/// reads answer `_image`/`_file`, the pieces with `_fields`, their attachment annotated with
/// `_crop`, `_focalPoint` and the cropped `_urls`, exactly as a `media` relationship is.
enum AposMediaWidget {
    struct Kind: Sendable {
        let type: String
        let relationship: String
        let allowed: [String]
    }

    static let image = Kind(type: "@apostrophecms/image", relationship: "image", allowed: ["images"])
    static let file = Kind(type: "@apostrophecms/file", relationship: "file", allowed: [])

    static func kind(of widget: OrderedObject) -> Kind? {
        switch widget["type"] {
        case .string(image.type)?: image
        case .string(file.type)?: file
        default: nil
        }
    }

    // MARK: Writing

    /// An area written through Apostrophe's dialect with its image and file widgets in stored
    /// form: `_image` (pieces with `_fields`, or ids) becomes `imageIds` and `imageFields`, as
    /// Apostrophe's relationship `convert` makes them; a widget sent without `_image` keeps the
    /// `imageIds`/`imageFields` it has (a file edited by hand). Files not in the library are
    /// dropped, as Apostrophe drops related documents it cannot find; a bad crop is a 400.
    static func stored(_ area: Value, field: String) throws(AposError) -> Value {
        let items: [Value]
        switch area {
        case .object(let object): guard case .array(let list)? = object["items"] else { return area }; items = list
        case .array(let list): items = list
        default: return area
        }
        var widgets: [Value] = []
        for (index, item) in items.enumerated() {
            guard case .object(let widget) = item, let kind = kind(of: widget) else { widgets.append(item); continue }
            widgets.append(.object(try stored(widget, kind: kind, path: "\(field).items.\(index)")))
        }
        if case .object(var object) = area {
            object["items"] = .array(widgets)
            return .object(object)
        }
        return .array(widgets)
    }

    private static func stored(_ widget: OrderedObject, kind: Kind, path: String) throws(AposError) -> OrderedObject {
        let name = "_" + kind.relationship
        var widget = widget
        guard let given = widget[name] else { return widget }
        widget[name] = nil
        let path = "\(path).\(name)"
        let catalog = MediaContext.catalog ?? MediaCatalog()
        var ids: [Value] = []
        var fields = OrderedObject()
        for entry in try AposImageRelationship.related(given, path: path) {
            let id = AposListQuery.docId(entry.id)
            guard fields[id] == nil, let record = catalog.record(documentId: id),
                  kind.allowed.isEmpty || kind.allowed.contains(MediaFieldInput.group(of: record.mime)) else { continue }
            ids.append(.string(id))
            fields[id] = .object(kind.allowed.isEmpty ? [:] : try AposImageCrop.check(entry.fields ?? [:], record: record, path: path))
        }
        // Both widgets relate to one piece (`max: 1`).
        if ids.count > 1 {
            throw AposError("invalid", data: ["errors": .array([.object([
                "name": .string("max"), "message": .string("max"), "path": .string(path), "code": .int(400), "data": .object([:]),
            ])])])
        }
        widget[kind.relationship + "Ids"] = .array(ids)
        widget[kind.relationship + "Fields"] = .object(fields)
        return widget
    }

    // MARK: Reading

    /// An area as reads answer it, each image and file widget with its `_image`/`_file`.
    static func populated(_ area: Value, locale: String, view: View, config: MediaConfig) -> Value {
        guard case .object(var object) = area, case .array(let items)? = object["items"] else { return area }
        object["items"] = .array(items.map { item in
            guard case .object(var widget) = item, let kind = kind(of: widget) else { return item }
            let attribute = Attribute(name: kind.relationship, type: .media(multiple: true, allowedTypes: kind.allowed))
            AposImageRelationship.render(.array(references(widget, kind: kind)), attribute: attribute, locale: locale, view: view,
                                         config: config, into: &widget)
            return .object(widget)
        })
        return .object(object)
    }

    /// The widget's stored relationship as the references media attributes store, so that
    /// reading, crop allowance and draft privacy treat both alike.
    static func references(_ widget: OrderedObject, kind: Kind) -> [Value] {
        guard case .array(let ids)? = widget[kind.relationship + "Ids"] else { return [] }
        let fields: OrderedObject = if case .object(let given)? = widget[kind.relationship + "Fields"] { given } else { [:] }
        return ids.compactMap { id in
            guard case .string(let documentId) = id else { return nil }
            var reference: OrderedObject = ["documentId": .string(documentId)]
            if case .object(let own)? = fields[documentId], !own.isEmpty { reference["fields"] = .object(own) }
            return .object(reference)
        }
    }

    /// Every image and file widget's references in a stored area.
    static func references(inArea value: Value) -> [Value] {
        guard case .object(let area) = value, case .array(let items)? = area["items"] else { return [] }
        return items.flatMap { item -> [Value] in
            guard case .object(let widget) = item, let kind = kind(of: widget) else { return [] }
            return references(widget, kind: kind)
        }
    }

    /// Whether a document has a media widget in one of its areas, its array and object fields'
    /// included, or a media field in one of those (its rendering then follows the media library,
    /// which changes without a new snapshot).
    static func hasWidgets(_ fields: OrderedObject, type: ContentType, schema: SiteSchema) -> Bool {
        var found = false
        MediaFieldWalk.visit(fields, attributes: type.attributes, schema: schema) { _ in found = true }
        return found
    }
}
