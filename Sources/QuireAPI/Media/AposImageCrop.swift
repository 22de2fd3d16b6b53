import QuireContent
import QuireIndex
import Synchronization

/// Apostrophe's image relationship fields for one use of an image: a crop (`top`, `left`,
/// `width`, `height`, all four or none) and a focal point (`x`, `y`, percentages). Apostrophe
/// quietly drops a crop it cannot use; here a crop that is not whole numbers inside the image
/// is refused, so a saved relationship always names files that can be made.
enum AposImageCrop {
    static func check(_ fields: OrderedObject, record: MediaRecord, path: String) throws(AposError) -> OrderedObject {
        var values: [String: Int] = [:]
        var issues: [ValidationIssue] = []
        for (key, value) in fields.pairs {
            guard AposImageRelationship.keys.contains(key) else {
                issues.append(ValidationIssue(path: [path, "_fields", key], message: "\(key) is not a relationship field of images (top, left, width, height, x, y)"))
                continue
            }
            switch value {
            case .null: continue
            case .int(let number) where number >= 0 && number <= 100_000: values[key] = Int(number)
            case .double(let number) where number == number.rounded() && number >= 0 && number <= 100_000: values[key] = Int(number)
            default: issues.append(ValidationIssue(path: [path, "_fields", key], message: "\(key) must be a whole number, at least 0"))
            }
        }
        if !issues.isEmpty { throw AposError.validation(issues) }
        var result = OrderedObject()
        let given = AposImageRelationship.cropKeys.filter { values[$0] != nil }
        if !given.isEmpty {
            guard given.count == 4 else {
                throw AposError.validation([ValidationIssue(path: [path, "_fields"], message: "a crop needs all of top, left, width and height")])
            }
            guard AposAttachment.sized(record), let imageWidth = record.width, let imageHeight = record.height else {
                throw AposError.validation([ValidationIssue(path: [path, "_fields"], message: "only gif, jpg, png and webp images can be cropped")])
            }
            let crop = Vips.Crop(left: values["left"]!, top: values["top"]!, width: values["width"]!, height: values["height"]!)
            guard crop.width > 0, crop.height > 0, crop.left + crop.width <= imageWidth, crop.top + crop.height <= imageHeight else {
                throw AposError.validation([ValidationIssue(
                    path: [path, "_fields"], message: "the crop \(crop.left),\(crop.top) \(crop.width)×\(crop.height) is not inside the \(imageWidth)×\(imageHeight) image")])
            }
            for key in AposImageRelationship.cropKeys { result[key] = .int(Int64(values[key]!)) }
        }
        switch (values["x"], values["y"]) {
        case (nil, nil): break
        case (let x?, let y?):
            guard x <= 100, y <= 100 else {
                throw AposError.validation([ValidationIssue(path: [path, "_fields"], message: "a focal point's x and y are percentages, 0 to 100")])
            }
            result["x"] = .int(Int64(x))
            result["y"] = .int(Int64(y))
        default:
            throw AposError.validation([ValidationIssue(path: [path, "_fields"], message: "a focal point needs both x and y")])
        }
        return result
    }
}

/// The crops documents ask of each file through image relationships, per snapshot: a crop a
/// document saved may be served without a call to `/attachment/crop` first, and no other crop
/// can be asked of the server (each would be one more derived file).
final class AposImageCrops: Sendable {
    private let table = Mutex<[String: Set<Vips.Crop>]?>(nil)

    static func of(_ snapshot: SiteSnapshot) -> AposImageCrops {
        snapshot.memo.value(AposImageCrops.self) { AposImageCrops() }
    }

    func contains(_ crop: Vips.Crop, documentId: String, snapshot: SiteSnapshot) -> Bool {
        if let table = table.withLock({ $0 }) { return table[documentId]?.contains(crop) == true }
        let built = Self.build(snapshot)
        table.withLock { $0 = built }
        return built[documentId]?.contains(crop) == true
    }

    private static func build(_ snapshot: SiteSnapshot) -> [String: Set<Vips.Crop>] {
        var table: [String: Set<Vips.Crop>] = [:]
        for type in snapshot.schema.contentTypes.values where AposImageRelationship.hasMedia(type) {
            let names = type.attributes.compactMap { if case .media = $0.type { $0.name } else { nil } }
            for locale in snapshot.config.locales {
                for view in [View.draft, .published] {
                    for version in snapshot.collection(view: view, locale: locale, type: type.singularName).documents {
                        for name in names {
                            for item in AposImageRelationship.items(version.fields[name]) {
                                guard case .object(let reference) = item, case .string(let id)? = reference["documentId"],
                                      let crop = AposImageRelationship.crop(AposImageRelationship.relationshipFields(item)) else { continue }
                                table[id, default: []].insert(crop)
                            }
                        }
                    }
                }
            }
        }
        return table
    }
}
