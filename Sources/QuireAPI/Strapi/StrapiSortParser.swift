import QuireContent
import QuireIndex

/// Reads Strapi's `sort` parameter in all its shapes (`title`, `title:desc`, `a:asc,b:desc`,
/// lists of those, `{title: 'desc'}`, lists of objects, dot paths and nested objects through
/// relations and components) and checks every path against the schema.
struct StrapiSortParser {
    let schema: SiteSchema
    let canRead: (String) -> Bool
    var param = "sort"

    func parse(_ node: QueryNode, type: ContentType) throws(StrapiQueryError) -> [SortTerm] {
        try parse(node, shape: .type(type))
    }

    func parse(_ node: QueryNode, shape: StrapiShape) throws(StrapiQueryError) -> [SortTerm] {
        let terms = try terms(node)
        for term in terms { try validate(term.path, shape: shape) }
        return terms
    }

    private func terms(_ node: QueryNode) throws(StrapiQueryError) -> [SortTerm] {
        switch node {
        case .value(nil): return []
        case .value(let text?): return try commaList(text)
        case .list(let items):
            var result: [SortTerm] = []
            for item in items {
                switch item {
                case .value(let text?): result += try commaList(text)
                case .map: result += try object(item, prefix: [])
                default: throw .invalidSort
                }
            }
            return result
        case .map: return try object(node, prefix: [])
        }
    }

    private func commaList(_ text: String) throws(StrapiQueryError) -> [SortTerm] {
        var result: [SortTerm] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = piece.split(separator: ":", omittingEmptySubsequences: false)
            let field = parts[0].trimmingSpaces
            guard !field.isEmpty else { throw .invalid("Field cannot be empty") }
            let descending = try order(parts.count > 1 ? String(parts[1]) : "asc")
            result.append(SortTerm(path: field.split(separator: ".").map(String.init), descending: descending))
        }
        return result
    }

    private func object(_ node: QueryNode, prefix: [String]) throws(StrapiQueryError) -> [SortTerm] {
        guard case .map(let pairs) = node else { throw .invalidSort }
        var result: [SortTerm] = []
        for (key, value) in pairs {
            switch value {
            case .value(let text?): result.append(SortTerm(path: prefix + [key], descending: try order(text)))
            case .map: result += try object(value, prefix: prefix + [key])
            default: throw .invalid("Invalid sort type expected object or string got object")
            }
        }
        return result
    }

    private func order(_ text: String) throws(StrapiQueryError) -> Bool {
        switch text.lowercased() {
        case "asc": false
        case "desc": true
        default: throw .invalidOrder
        }
    }

    /// Each step must be a readable relation or a component, and the last a visible scalar.
    private func validate(_ path: [String], shape: StrapiShape) throws(StrapiQueryError) {
        var shape = shape
        var attributePath: String?
        for (index, name) in path.enumerated() {
            let isLast = index == path.count - 1
            guard let field = shape.field(name) else { throw .invalidKey(key: name, path: attributePath, param: param) }
            let here = attributePath.map { "\($0).\(name)" } ?? name
            attributePath = here
            guard case .attribute(let attribute) = field else {
                if isLast { continue }
                throw .invalidKey(key: name, path: here, param: param)
            }
            if attribute.isHidden { throw .invalidKey(key: name, path: here, param: param) }
            switch attribute.type {
            case .relation(_, let target, _, _) where !isLast:
                guard let targetType = schema.contentType(singular: target), canRead(target) else {
                    throw .invalidKey(key: name, path: here, param: param)
                }
                shape = .type(targetType)
            case .component(let uid, _) where !isLast:
                guard let component = schema.components[uid] else { throw .invalidKey(key: name, path: here, param: param) }
                shape = .component(component)
            case let type where type.isScalar && isLast:
                continue
            default:
                throw .invalidKey(key: name, path: here, param: param)
            }
        }
    }
}

extension Substring {
    var trimmingSpaces: String {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == UInt8(ascii: " ") { start = bytes.index(after: start) }
        while end > start, bytes[bytes.index(before: end)] == UInt8(ascii: " ") { end = bytes.index(before: end) }
        return String(self[start..<end])
    }
}
