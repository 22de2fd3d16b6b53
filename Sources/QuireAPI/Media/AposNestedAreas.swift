import QuireContent
import QuireIndex

/// Areas inside Apostrophe's array and object fields (Quire's components, nested ones too):
/// their image and file widgets are stored, read and rendered exactly as those of a document's
/// own areas (see `AposMediaWidget`), and `MediaFieldWalk` counts them for draft privacy and
/// the crops documents ask for. Their `media` attributes keep the reference form a document
/// stores, read from the library as `populate` and filters read it.
enum AposNestedAreas {
    /// A written array or object value with each of its areas in stored form (`_image` →
    /// `imageIds`/`imageFields`); a bad crop is a 400 naming the path (`slides.0.body.items.1._image`).
    static func stored(_ value: Value, attribute: Attribute, schema: SiteSchema, path: String) throws(AposError) -> Value {
        try eachItem(value, attribute: attribute, schema: schema, path: path) { (item, component, itemPath) throws(AposError) in
            var item = item
            for nested in component.attributes {
                guard let field = item[nested.name], field != .null else { continue }
                let here = itemPath + "." + nested.name
                switch nested.type {
                case .area: item[nested.name] = try AposMediaWidget.stored(field, field: here)
                case .component: item[nested.name] = try stored(field, attribute: nested, schema: schema, path: here)
                default: continue
                }
            }
            return item
        }
    }

    /// A read array or object value with each of its areas as a document's own areas are
    /// answered: `metaType: "area"`, `_docId`, and image and file widgets with `_image`/`_file`;
    /// and each of its `media` values as the library has the file now (`MediaContext.current`).
    static func populated(_ value: Value, attribute: Attribute, schema: SiteSchema, documentId: String, locale: String,
                          view: View, config: MediaConfig) -> Value {
        eachItem(value, attribute: attribute, schema: schema, path: "") { item, component, _ in
            var item = item
            for nested in component.attributes {
                guard let field = item[nested.name], field != .null else { continue }
                switch nested.type {
                case .area:
                    item[nested.name] = AposMediaWidget.populated(
                        AposDocumentShape.area(field, documentId: documentId), locale: locale, view: view, config: config)
                case .component:
                    item[nested.name] = populated(field, attribute: nested, schema: schema, documentId: documentId,
                                                  locale: locale, view: view, config: config)
                case .media:
                    item[nested.name] = MediaContext.current(field)
                default: continue
                }
            }
            return item
        }
    }

    private static func eachItem<E: Error>(_ value: Value, attribute: Attribute, schema: SiteSchema, path: String,
                                           _ transform: (OrderedObject, Component, String) throws(E) -> OrderedObject) throws(E) -> Value {
        guard case .component(let uid, _) = attribute.type, let component = schema.components[uid] else { return value }
        switch value {
        case .object(let item): return .object(try transform(item, component, path))
        case .array(let list):
            var result: [Value] = []
            for (index, item) in list.enumerated() {
                guard case .object(let object) = item else { result.append(item); continue }
                result.append(.object(try transform(object, component, path + "." + String(index))))
            }
            return .array(result)
        default: return value
        }
    }
}
