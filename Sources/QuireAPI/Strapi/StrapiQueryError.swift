import QuireContent
import QuireIndex

/// Why a query string's `filters`, `sort`, `fields`, `_q` or `populate` was refused. Every case
/// is a 400 ValidationError, with Strapi's messages.
enum StrapiQueryError: Error, Sendable, Equatable {
    /// Unknown, private, password, dynamic-zone or restricted key. `path` is the dotted path of
    /// attributes leading to it (Strapi's `path.attribute`), nil at the root.
    case invalidKey(key: String, path: String?, param: String, reason: String? = nil)
    case invalidOrder
    case invalidSort
    case invalidPopulate
    /// Any other malformed parameter, with its message.
    case invalid(String)
    /// An operand the field cannot take (`Expected a valid Number, got abc`).
    case invalidValue(field: String, message: String, param: String)

    init(_ error: QueryError, param: String) {
        switch error {
        case .unknownField(let path):
            let key = path.last ?? ""
            self = .invalidKey(key: key, path: path.count > 1 ? path.dropLast().joined(separator: ".") : nil, param: param)
        case .invalidValue(let field, let message):
            self = .invalidValue(field: field, message: message, param: param)
        }
    }
}

extension StrapiError {
    init(_ error: StrapiQueryError) {
        switch error {
        case .invalidKey(let key, let path, let param, let reason):
            let location = if let path, path != key { "Invalid key \(key) at \(path)" } else { "Invalid key \(key)" }
            self = .validation(reason.map { "\(location): \($0)" } ?? location, details: [
                "key": .string(key), "path": path.map(Value.string) ?? .null,
                "source": .string("query"), "param": .string(param),
            ])
        case .invalidOrder:
            self = .validation("Invalid order. order can only be one of asc|desc|ASC|DESC")
        case .invalidSort:
            self = .validation("Invalid sort parameter. Expected a string, an array of strings, a sort object or an array of sort objects")
        case .invalidPopulate:
            self = .validation("Invalid populate parameter. Expected a string, an array of strings, a populate object")
        case .invalid(let message):
            self = .validation(message)
        case .invalidValue(let field, let message, let param):
            self = .validation(message, details: ["key": .string(field), "source": .string("query"), "param": .string(param)])
        }
    }
}
