import Foundation
import Hummingbird
import HTTPTypes
import QuireContent

/// `Strapi-Response-Format: v4`, the header Strapi 5 keeps for frontends migrating from v4:
/// each document becomes `{id, documentId, attributes: {…}}` and each populated relation or
/// media field `{data: …}` (null, one entry, or a list), as `transform.ts` writes them.
/// Components and dynamic-zone items stay plain objects, their own relations wrapped.
enum StrapiV4Format {
    static let header = HTTPField.Name("Strapi-Response-Format")!

    static func isRequested(_ request: Request) -> Bool {
        request.headers[header]?.trimmingCharacters(in: .whitespaces).lowercased() == "v4"
    }

    /// A `{data, meta}` answer of `type` in the v4 shape.
    static func transform(_ body: [UInt8], type: ContentType, schema: SiteSchema) -> [UInt8] {
        guard case .object(var root)? = try? JSON.parse(body), let data = root["data"] else { return body }
        let format = StrapiV4Format.Transformer(schema: schema)
        root["data"] = format.data(data, type: type)
        return JSON.encode(.object(root))
    }

    struct Transformer {
        let schema: SiteSchema

        /// An entry, a list of entries, or null.
        func data(_ value: Value, type: ContentType?) -> Value {
            switch value {
            case .array(let items): .array(items.map { entry($0, type: type) })
            case .object: entry(value, type: type)
            default: value
            }
        }

        private func entry(_ value: Value, type: ContentType?) -> Value {
            guard case .object(let object) = value else { return value }
            var attributes = OrderedObject()
            for (name, field) in object.pairs where name != "id" && name != "documentId" {
                attributes[name] = self.field(field, attribute: type?.attribute(named: name))
            }
            var entry = OrderedObject()
            if let id = object["id"] { entry["id"] = id }
            if let documentId = object["documentId"] { entry["documentId"] = documentId }
            entry["attributes"] = .object(attributes)
            return .object(entry)
        }

        private func field(_ value: Value, attribute: Attribute?) -> Value {
            guard let attribute else { return value }
            switch attribute.type {
            case .relation(_, let target, _, _):
                if case .object(let object) = value, object["count"] != nil, object["id"] == nil { return value }
                return .object(["data": data(value, type: schema.contentType(singular: target))])
            case .media:
                return .object(["data": data(value, type: nil)])
            case .component(let uid, _):
                return items(value) { component($0, attributes: schema.components[uid]?.attributes ?? []) }
            case .dynamiczone:
                return items(value) { item in
                    guard case .string(let uid)? = item["__component"] else { return item }
                    return component(item, attributes: schema.components[uid]?.attributes ?? [])
                }
            default:
                return value
            }
        }

        private func component(_ item: OrderedObject, attributes: [Attribute]) -> OrderedObject {
            var result = item
            for attribute in attributes {
                if let value = item[attribute.name] { result[attribute.name] = field(value, attribute: attribute) }
            }
            return result
        }

        private func items(_ value: Value, _ transform: (OrderedObject) -> OrderedObject) -> Value {
            switch value {
            case .object(let object): .object(transform(object))
            case .array(let list): .array(list.map { if case .object(let object) = $0 { .object(transform(object)) } else { $0 } })
            default: value
            }
        }
    }
}
