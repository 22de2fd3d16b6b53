import QuireIndex
import Foundation
import QuireContent

/// A media file as Apostrophe's attachment module shows it: `_id`, `group`, slugged `name`,
/// `extension`, `width`/`height`, `landscape`/`portrait`, `crops`, and `_urls` for every image
/// size (`_url` for other files). Its `_id` is the file's documentId: one library, two dialects.
enum AposAttachment {
    static let prefix = "/uploads/attachments/"

    static func value(_ record: MediaRecord, config: MediaConfig) -> Value {
        var object: OrderedObject = [
            "_id": .string(record.documentId),
            "group": .string(record.isImage ? "images" : "office"),
            "createdAt": .string(MediaRecord.dateTime(record.createdAt)),
            "name": .string(name(record)),
            "title": .string(title(record)),
            "extension": .string(fileExtension(record)),
            "type": .string("attachment"),
            "docIds": .array([]),
            "archivedDocIds": .array([]),
            "length": .int(Int64(record.bytes)),
        ]
        if let width = record.width, let height = record.height {
            object["width"] = .int(Int64(width))
            object["height"] = .int(Int64(height))
            object["landscape"] = .bool(width > height)
            object["portrait"] = .bool(height > width)
        }
        object["crops"] = .array(record.crops.map { crop in
            Value.object(["top": .int(Int64(crop.top)), "left": .int(Int64(crop.left)), "width": .int(Int64(crop.width)), "height": .int(Int64(crop.height))])
        })
        object["_isCroppable"] = .bool(sized(record))
        if sized(record) {
            object["_urls"] = .object(urls(record, crop: nil, config: config))
        } else {
            object["_url"] = .string(url(record, crop: nil, size: nil))
        }
        return .object(object)
    }

    /// Every size, then `original`; with a crop, also `uncropped` holding the uncropped set.
    static func urls(_ record: MediaRecord, crop: Vips.Crop?, config: MediaConfig) -> OrderedObject {
        var urls = OrderedObject()
        for size in config.apostropheSizes { urls[size.name] = .string(url(record, crop: crop, size: size.name)) }
        urls["original"] = .string(url(record, crop: crop, size: nil))
        if crop != nil { urls["uncropped"] = .object(self.urls(record, crop: nil, config: config)) }
        return urls
    }

    /// `<_id>-<name>[.<left>.<top>.<width>.<height>][.<size>].<ext>`: the crop in the order
    /// Apostrophe's code writes it (its docs say top first; the code wins).
    static func url(_ record: MediaRecord, crop: Vips.Crop?, size: String?) -> String {
        var path = "\(prefix)\(record.documentId)-\(name(record))"
        if let crop { path += ".\(crop.left).\(crop.top).\(crop.width).\(crop.height)" }
        if let size { path += ".\(size)" }
        return path + "." + fileExtension(record)
    }

    /// Sized and croppable: gif, jpg, png, webp.
    static func sized(_ record: MediaRecord) -> Bool {
        ["image/jpeg", "image/png", "image/gif", "image/webp"].contains(record.mime)
    }

    static func fileExtension(_ record: MediaRecord) -> String {
        let ext = String(record.ext.dropFirst()).lowercased()
        return ext == "jpeg" ? "jpg" : ext
    }

    /// Apostrophe's `slugify` of the name without its extension: lowercase words joined by `-`.
    static func name(_ record: MediaRecord) -> String {
        let base = record.name.hasSuffix(record.ext) ? String(record.name.dropLast(record.ext.count)) : record.name
        return MediaNaming.slug(base).lowercased().replacingOccurrences(of: "_", with: "-")
    }

    /// "Sortified": lowercase words separated by spaces.
    static func title(_ record: MediaRecord) -> String {
        name(record).replacingOccurrences(of: "-", with: " ")
    }

    /// What an `/uploads/attachments/` file name asks for: file, crop, size.
    struct Request {
        var record: MediaRecord
        var crop: Vips.Crop?
        var size: MediaConfig.Size?
    }

    /// `referenced`: whether a document's image relationship asks for this crop of the file.
    static func parse(_ file: String, catalog: MediaCatalog, config: MediaConfig,
                      referenced: (String, Vips.Crop) -> Bool = { _, _ in false }) -> Request? {
        guard let dash = file.firstIndex(of: "-") else { return nil }
        guard let record = catalog.record(documentId: String(file[..<dash])) else { return nil }
        var rest = file[file.index(after: dash)...]
        let base = name(record)
        guard rest.hasPrefix(base) else { return nil }
        rest = rest.dropFirst(base.count)
        var parts = rest.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == "", parts.count >= 2, parts.last == fileExtension(record) else { return nil }
        parts = Array(parts.dropFirst().dropLast())
        var request = Request(record: record)
        if let last = parts.last, let size = config.apostropheSizes.first(where: { $0.name == last }) {
            request.size = size
            parts.removeLast()
        }
        if parts.count == 4 {
            let numbers = parts.compactMap { Int($0) }
            guard numbers.count == 4 else { return nil }
            let crop = Vips.Crop(left: numbers[0], top: numbers[1], width: numbers[2], height: numbers[3])
            guard record.crops.contains(crop) || referenced(record.documentId, crop) else { return nil }
            request.crop = crop
        } else if !parts.isEmpty {
            return nil
        }
        return request
    }
}
