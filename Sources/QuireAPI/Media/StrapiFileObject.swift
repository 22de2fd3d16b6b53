import QuireContent

/// Strapi 5's upload file object, field for field (`plugin::upload.file` as the content API
/// returns it): sizes in decimal KB with two decimals, URLs `/uploads/<hash><ext>`, provider `local`.
enum StrapiFileObject {
    /// What filters and sort may name.
    static var fields: Set<String> { StrapiShape.fileFields.union(["focalPoint"]) }

    static func value(_ record: MediaRecord) -> Value {
        var formats = OrderedObject()
        for format in record.formats {
            let hash = "\(format.name)_\(record.hash)"
            formats[format.name] = .object([
                "name": .string("\(format.name)_\(record.name)"),
                "hash": .string(hash),
                "ext": .string(record.ext),
                "mime": .string(record.mime),
                "path": .null,
                "width": .int(Int64(format.width)),
                "height": .int(Int64(format.height)),
                "size": .double(kilobytes(format.bytes)),
                "sizeInBytes": .int(Int64(format.bytes)),
                "url": .string("/uploads/\(hash)\(record.ext)"),
            ])
        }
        let created = Value.string(MediaRecord.dateTime(record.createdAt))
        return .object([
            "id": .int(Int64(record.id)),
            "documentId": .string(record.documentId),
            "name": .string(record.name),
            "alternativeText": record.alternativeText.map(Value.string) ?? .null,
            "caption": record.caption.map(Value.string) ?? .null,
            "width": record.width.map { Value.int(Int64($0)) } ?? .null,
            "height": record.height.map { Value.int(Int64($0)) } ?? .null,
            "focalPoint": record.focalPoint.map { Value.object(["x": .double($0.x), "y": .double($0.y)]) } ?? .null,
            "formats": record.formats.isEmpty ? .null : .object(formats),
            "hash": .string(record.hash),
            "ext": .string(record.ext),
            "mime": .string(record.mime),
            "size": .double(kilobytes(record.bytes)),
            "url": .string(url(record)),
            "previewUrl": .null,
            "provider": .string("local"),
            "provider_metadata": .null,
            "createdAt": created,
            "updatedAt": .string(MediaRecord.dateTime(record.updatedAt)),
            "publishedAt": created,
            "locale": .null,
        ])
    }

    static func url(_ record: MediaRecord) -> String { "/uploads/\(record.hash)\(record.ext)" }

    /// `bytesToKbytes`: `Math.round((bytes / 1000) * 100) / 100`.
    static func kilobytes(_ bytes: Int) -> Double {
        (Double(bytes) / 1000 * 100).rounded() / 100
    }
}
