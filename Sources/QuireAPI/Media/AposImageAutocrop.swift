import Foundation
import Hummingbird
import QuireContent
import QuireIndex
import QuireSite

/// `POST /api/v1/@apostrophecms/image/autocrop`, `{relationship: [image pieces with _fields],
/// widgetOptions: {aspectRatio: [w, h]}}` → `{relationship}`: each image not already within 1%
/// of the ratio gets the largest crop of that ratio, as Apostrophe's route does, except that
/// the crop is placed around the focal point instead of the middle: the use's own (`_fields.x`,
/// `_fields.y`, percentages of the crop it had, or of the image), else the file's (Strapi's
/// `focalPoint`). The answer's `_fields` keep the focal point, now as percentages of the new
/// crop, so `object-position` still aims at it. Crops made here are recorded on the file (one
/// commit per file), so their URLs serve at once.
extension AposImageFileRoutes {
    func autocrop(_ request: Request) async throws -> Response {
        let scope = AposScope(QueryString.parse(request.uri.query), config: site.snapshot.config)
        let principal = try await authorize(request, .create, scope: scope)
        let body = try await body(request)
        for key in body.keys where !["relationship", "widgetOptions"].contains(key) {
            throw AposParameters.badValue(key, "autocrop takes {relationship, widgetOptions: {aspectRatio: [w, h]}}")
        }
        // Apostrophe passes anything through when there is no ratio; a relationship that is no
        // list of images is refused here instead of being echoed back.
        switch body["relationship"] {
        case nil, .null?: break
        case .array(let items)? where items.allSatisfy({ if case .object(let item) = $0, case .string? = item["_id"] { true } else { false } }): break
        default: throw AposParameters.badValue("relationship", "expected a list of images, each with an _id")
        }
        guard let ratio = Self.aspectRatio(body["widgetOptions"]) else {
            // As Apostrophe: nothing to crop to, the relationship comes back as sent (none: empty).
            let relationship = body["relationship"].flatMap { $0 == .null ? nil : $0 } ?? .array([])
            return respond(.object(["relationship": relationship]), principal: principal)
        }
        guard case .array(let input)? = body["relationship"] else { return respond(.object(["relationship": .array([])]), principal: principal) }
        let config = site.snapshot.config.media
        var catalog = try await media.catalog()
        var output: [Value] = []
        for item in input {
            guard case .object(let given) = item, case .string(let raw)? = given["_id"],
                  let record = catalog.record(documentId: AposListQuery.docId(raw)), AposImageFileShape.kind(of: record) == .image else { continue }
            var fields = Self.usable(given["_fields"], record: record)
            if AposAttachment.sized(record), let width = record.width, let height = record.height,
               !Self.closeEnough(fields: fields, width: width, height: height, ratio: ratio) {
                let focus = Self.focus(fields: fields, record: record)
                let crop = Self.crop(width: width, height: height, ratio: ratio, focus: focus)
                fields = Self.fields(crop, focus: focus, width: width, height: height)
                if !record.crops.contains(crop) {
                    do {
                        _ = try await media.edit(record.documentId, author: principal.signature) { record in
                            if !record.crops.contains(crop) { record.crops.append(crop) }
                        }
                    } catch let error as StrapiError {
                        throw AposAttachmentRoutes.apostrophe(error)
                    }
                    catalog = try await media.catalog()
                }
            }
            let current = catalog.record(documentId: record.documentId) ?? record
            var piece = AposImageFileShape.render(
                current, slug: AposMediaSlugs.of(catalog)[current.documentId] ?? "", locale: scope.locale, mode: scope.mode, config: config)
            piece["_fields"] = .object(fields)
            let annotated = AposImageRelationship.annotated(current, fields: fields, config: config)
            if case .object(let attachment) = annotated, let crop = attachment["_crop"] { piece["_crop"] = crop }
            piece["attachment"] = annotated
            output.append(.object(piece))
        }
        return respond(.object(["relationship": .array(output)]), principal: principal)
    }

    /// `[w, h]`, both numbers above 0; anything else means no ratio (Apostrophe's `sanitizeOptions`).
    static func aspectRatio(_ value: Value?) -> Double? {
        guard case .object(let options)? = value, case .array(let pair)? = options["aspectRatio"], pair.count >= 2,
              let w = MediaQuery.number(pair[0]), let h = MediaQuery.number(pair[1]), w > 0, h > 0 else { return nil }
        return w / h
    }

    /// The use's fields Apostrophe would keep: whole numbers, at least 0, a crop inside the image.
    static func usable(_ value: Value?, record: MediaRecord) -> OrderedObject {
        guard case .object(let given)? = value, let checked = try? AposImageCrop.check(given, record: record, path: "_fields") else { return [:] }
        return checked
    }

    static func closeEnough(fields: OrderedObject, width: Int, height: Int, ratio: Double) -> Bool {
        let crop = AposImageRelationship.crop(fields)
        let actual = Double(crop?.width ?? width) / Double(crop?.height ?? height)
        let largest = max(actual, ratio)
        return abs(actual * 100 / largest - ratio * 100 / largest) < 1
    }

    /// The point to keep in view, in pixels of the whole image: the use's focal point (relative
    /// to its crop, if it has one), else the file's, else the middle.
    static func focus(fields: OrderedObject, record: MediaRecord) -> (x: Double, y: Double)? {
        if case .int(let x)? = fields["x"], case .int(let y)? = fields["y"] {
            let box = AposImageRelationship.crop(fields) ?? Vips.Crop(left: 0, top: 0, width: record.width ?? 0, height: record.height ?? 0)
            return (Double(box.left) + Double(x) / 100 * Double(box.width), Double(box.top) + Double(y) / 100 * Double(box.height))
        }
        if let point = record.focalPoint, let width = record.width, let height = record.height {
            return (point.x / 100 * Double(width), point.y / 100 * Double(height))
        }
        return nil
    }

    /// The largest box of `ratio` inside the image, centred on `focus` as far as the edges
    /// allow (Apostrophe's `calculateAutocrop` centres it on the middle).
    static func crop(width: Int, height: Int, ratio: Double, focus: (x: Double, y: Double)?) -> Vips.Crop {
        let native = Double(width) / Double(height)
        let cropWidth = ratio >= native ? width : max(1, Int((Double(height) * ratio).rounded(.down)))
        let cropHeight = ratio >= native ? max(1, Int((Double(width) / ratio).rounded(.down))) : height
        let centre = focus ?? (Double(width) / 2, Double(height) / 2)
        let left = min(max(0, Int((centre.x - Double(cropWidth) / 2).rounded(.down))), width - cropWidth)
        let top = min(max(0, Int((centre.y - Double(cropHeight) / 2).rounded(.down))), height - cropHeight)
        return Vips.Crop(left: left, top: top, width: cropWidth, height: cropHeight)
    }

    /// The crop as relationship fields, with the focal point as percentages of the crop.
    static func fields(_ crop: Vips.Crop, focus: (x: Double, y: Double)?, width: Int, height: Int) -> OrderedObject {
        var fields: OrderedObject = [
            "top": .int(Int64(crop.top)), "left": .int(Int64(crop.left)), "width": .int(Int64(crop.width)), "height": .int(Int64(crop.height)),
        ]
        if let focus {
            let x = ((focus.x - Double(crop.left)) / Double(crop.width) * 100).rounded()
            let y = ((focus.y - Double(crop.top)) / Double(crop.height) * 100).rounded()
            fields["x"] = .int(Int64(min(max(x, 0), 100)))
            fields["y"] = .int(Int64(min(max(y, 0), 100)))
        }
        return fields
    }
}
