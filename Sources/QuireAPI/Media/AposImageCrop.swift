import QuireContent
import QuireIndex

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
