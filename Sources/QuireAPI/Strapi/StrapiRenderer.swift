import Foundation
import QuireContent
import QuireIndex

/// Strapi 5's flat document shape: `id`, `documentId`, the scalar attributes in schema order,
/// then `createdAt`, `updatedAt`, `publishedAt`, `locale`. Relations, media, components and
/// dynamic zones appear only when populated; private and password attributes never.
public struct StrapiRenderer: DocumentRenderer {
    public init() {}

    public func render(_ data: DocumentData, numericID: Int64, type: ContentType) -> [UInt8] {
        var object = OrderedObject()
        object["id"] = .int(numericID)
        object["documentId"] = .string(data.key.documentId)
        for attribute in type.attributes where attribute.type.isScalar && !attribute.isPrivate {
            if case .password = attribute.type { continue }
            object[attribute.name] = data.fields[attribute.name] ?? .null
        }
        object["createdAt"] = .string(Self.timestamp(data.createdAt))
        object["updatedAt"] = .string(Self.timestamp(data.updatedAt))
        object["publishedAt"] = data.publishedAt.map { .string(Self.timestamp($0)) } ?? .null
        object["locale"] = type.localized ? .string(data.key.locale) : .null
        return JSON.encode(.object(object))
    }

    /// Git keeps seconds; Strapi clients expect ISO 8601 with milliseconds in UTC.
    static func timestamp(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).000Z"
    }
}
