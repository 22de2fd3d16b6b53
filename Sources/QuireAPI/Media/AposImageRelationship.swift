import Foundation
import QuireContent
import QuireIndex

/// A Strapi `media` attribute (`cover: {type: media}`) is, in Apostrophe's dialect, a
/// relationship to `@apostrophecms/image` (or `@apostrophecms/file`, for files that are no
/// images): `coverIds`, `coverFields` and `_cover`, the pieces with their `_fields`. Each use
/// may carry Apostrophe's relationship fields `top, left, width, height` (a crop) and `x, y` (a
/// focal point, percentages), stored beside the file's reference in the document as `fields`;
/// reading lifts them into the attachment's `_crop` and `_focalPoint`, and its `_urls` point at
/// the cropped sizes, with `uncropped` holding the others, as `attachment.all` annotates.
enum AposImageRelationship {
    static let cropKeys = ["top", "left", "width", "height"]
    static let keys = cropKeys + ["x", "y"]

    static func hasMedia(_ type: ContentType) -> Bool {
        type.attributes.contains { if case .media = $0.type { true } else { false } }
    }

    // MARK: Reading

    /// Adds `<name>Ids`, `<name>Fields` and `_<name>` for the stored value of a media attribute.
    static func render(_ stored: Value?, attribute: Attribute, locale: String, view: View, config: MediaConfig, into object: inout OrderedObject) {
        let catalog = MediaContext.catalog
        var ids: [Value] = []
        var fields = OrderedObject()
        var pieces: [Value] = []
        for item in items(stored) {
            guard let catalog, let record = MediaFieldInput.stored(item, catalog: catalog) else { continue }
            var given = relationshipFields(item)
            if let crop = crop(given), !fits(crop, record) {
                // The file was replaced by a smaller one: the old crop no longer applies.
                for key in cropKeys { given[key] = nil }
            }
            ids.append(.string(record.documentId))
            fields[record.documentId] = .object(given)
            var piece = AposImageFileShape.render(
                record, slug: AposMediaSlugs.of(catalog)[record.documentId] ?? "", locale: locale, mode: view, config: config)
            piece["_fields"] = .object(given)
            piece["attachment"] = annotated(record, fields: given, config: config)
            pieces.append(.object(piece))
        }
        object["\(attribute.name)Ids"] = .array(ids)
        object["\(attribute.name)Fields"] = .object(fields)
        object["_\(attribute.name)"] = .array(pieces)
    }

    /// The attachment as reached through this relationship: `_crop` when the use crops it,
    /// `_focalPoint` when it sets one, and `_urls` of the cropped files plus `uncropped`.
    static func annotated(_ record: MediaRecord, fields: OrderedObject, config: MediaConfig) -> Value {
        guard case .object(var attachment) = AposImageFileShape.attachment(record, config: config) else { return .null }
        let crop = self.crop(fields)
        if let crop {
            attachment["_crop"] = .object([
                "width": .int(Int64(crop.width)), "height": .int(Int64(crop.height)),
                "top": .int(Int64(crop.top)), "left": .int(Int64(crop.left)),
            ])
        }
        if case .int(let x)? = fields["x"], case .int(let y)? = fields["y"] {
            attachment["_focalPoint"] = .object(["x": .int(x), "y": .int(y)])
        }
        if AposAttachment.sized(record) {
            attachment["_urls"] = .object(AposAttachment.urls(record, crop: crop, config: config))
        } else if crop != nil {
            attachment["_url"] = .string(AposAttachment.url(record, crop: nil, size: nil))
        }
        return .object(attachment)
    }

    static func crop(_ fields: OrderedObject) -> Vips.Crop? {
        guard case .int(let left)? = fields["left"], case .int(let top)? = fields["top"],
              case .int(let width)? = fields["width"], case .int(let height)? = fields["height"], width > 0, height > 0 else { return nil }
        return Vips.Crop(left: Int(left), top: Int(top), width: Int(width), height: Int(height))
    }

    static func fits(_ crop: Vips.Crop, _ record: MediaRecord) -> Bool {
        guard AposAttachment.sized(record), let width = record.width, let height = record.height else { return false }
        return crop.left + crop.width <= width && crop.top + crop.height <= height
    }

    static func items(_ stored: Value?) -> [Value] {
        switch stored {
        case .array(let list)?: list
        case nil, .null?: []
        case let value?: [value]
        }
    }

    static func relationshipFields(_ item: Value) -> OrderedObject {
        guard case .object(let reference) = item, case .object(let fields)? = reference["fields"] else { return [:] }
        return OrderedObject(fields.pairs.filter { keys.contains($0.0) })
    }

    // MARK: Writing

    /// `_cover` in a write body: related image pieces (`{_id, _fields}`), `_id`s, or a
    /// comma-separated string, as Apostrophe takes a relationship. Files not in the library (or
    /// of a kind the attribute does not allow) are dropped, as Apostrophe drops related
    /// documents it cannot find; a crop or focal point that is not whole numbers inside the
    /// image is a 400. `coverIds`/`coverFields` are what reads answer: ignored on input, as
    /// Apostrophe ignores them. Nil when `name` is none of these.
    static func convert(_ name: String, _ value: Value, type: ContentType) throws(AposError) -> (String, Value)?? {
        let attribute: Attribute
        if name.hasPrefix("_"), let found = type.attribute(named: String(name.dropFirst())), case .media = found.type {
            attribute = found
        } else if mediaAttribute(storedAs: name, in: type) != nil {
            return .some(nil)
        } else if let found = type.attribute(named: name), case .media = found.type {
            throw AposParameters.badValue(name, "a media field is the relationship _\(name) in Apostrophe's dialect")
        } else {
            return nil
        }
        guard case .media(let multiple, let allowed) = attribute.type else { return nil }
        let entries = try related(value, path: name)
        let catalog = MediaContext.catalog ?? MediaCatalog()
        var references: [Value] = []
        var seen = Set<String>()
        for (raw, fields) in entries {
            let id = AposListQuery.docId(raw)
            guard seen.insert(id).inserted, let record = catalog.record(documentId: id),
                  allowed.isEmpty || allowed.contains(MediaFieldInput.group(of: record.mime)) else { continue }
            guard case .object(var reference) = MediaFieldInput.reference(record) else { continue }
            if let fields {
                let checked = try AposImageCrop.check(fields, record: record, path: name)
                if !checked.isEmpty { reference["fields"] = .object(checked) }
            }
            references.append(.object(reference))
        }
        if !multiple, references.count > 1 {
            throw AposError("invalid", data: ["errors": .array([.object([
                "name": .string("max"), "message": .string("max"), "path": .string(name), "code": .int(400), "data": .object([:]),
            ])])])
        }
        return .some((attribute.name, multiple ? .array(references) : (references.first ?? .null)))
    }

    /// A relationship as written: related pieces (`{_id, _fields}`), ids, or a comma-separated
    /// string of ids, as Apostrophe's relationship `convert` takes it.
    static func related(_ value: Value, path: String) throws(AposError) -> [(id: String, fields: OrderedObject?)] {
        switch value {
        case .null: return []
        case .string(let text): return text.split(separator: ",").map { (String($0).trimmingCharacters(in: .whitespaces), nil) }
        case .array(let list):
            var result: [(id: String, fields: OrderedObject?)] = []
            for item in list {
                switch item {
                case .string(let id): result.append((id, nil))
                case .object(let object):
                    guard case .string(let id)? = object["_id"] ?? object["aposDocId"] else {
                        throw AposError.validation([ValidationIssue(path: [path], message: "Each related piece needs an _id")])
                    }
                    switch object["_fields"] {
                    case nil, .null?: result.append((id, nil))
                    case .object(let fields)?: result.append((id, fields))
                    default: throw AposError.validation([ValidationIssue(path: [path, "_fields"], message: "_fields must be an object")])
                    }
                default:
                    throw AposError.validation([ValidationIssue(path: [path], message: "Related pieces must be objects with an _id, or ids")])
                }
            }
            return result
        default:
            throw AposError.validation([ValidationIssue(path: [path], message: "Related pieces must be a list")])
        }
    }

    /// `coverIds` and `coverFields` name the media attribute `cover`.
    private static func mediaAttribute(storedAs name: String, in type: ContentType) -> Attribute? {
        for suffix in ["Ids", "Fields"] where name.hasSuffix(suffix) {
            if let found = type.attribute(named: String(name.dropLast(suffix.count))), case .media = found.type { return found }
        }
        return nil
    }
}
