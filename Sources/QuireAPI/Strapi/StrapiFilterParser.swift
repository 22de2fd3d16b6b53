import QuireContent
import QuireIndex

/// Reads Strapi's `filters` object (qs-parsed) into a `Filter`, validating every key the way
/// Strapi 5 does: unknown, private, password and dynamic-zone keys, relations the caller may
/// not read, and unknown or wrong-case operators are `Invalid key` errors; empty objects are
/// dropped; a list given to a single-value operator means any of its values; a bare value is
/// `$eq` and a bare list `$in`.
struct StrapiFilterParser {
    let schema: SiteSchema
    /// Whether the caller may `find` the content type of that singular name.
    let canRead: (String) -> Bool
    /// The query parameter reported in errors (`filters`, or `populate` for nested filters).
    var param = "filters"

    func parse(_ node: QueryNode, type: ContentType) throws(StrapiQueryError) -> Filter {
        try parse(node, shape: .type(type))
    }

    func parse(_ node: QueryNode, shape: StrapiShape) throws(StrapiQueryError) -> Filter {
        switch node {
        case .map, .list: return try record(node, shape: shape, path: nil) ?? .all
        case .value(nil): return .all
        case .value: throw .invalid("The filters parameter must be an object or an array")
        }
    }

    /// A filter object on one record (a list of them is an `$and`); nil when empty.
    private func record(_ node: QueryNode, shape: StrapiShape, path: String?) throws(StrapiQueryError) -> Filter? {
        switch node {
        case .value: throw .invalid("The filters parameter must be an object or an array")
        case .list(let items):
            var parts: [Filter] = []
            for item in items { if let part = try record(item, shape: shape, path: path) { parts.append(part) } }
            return combine(parts, all: true)
        case .map(let pairs):
            var parts: [Filter] = []
            for (key, value) in pairs {
                if let part = try entry(key, value, shape: shape, path: path) { parts.append(part) }
            }
            return combine(parts, all: true)
        }
    }

    private func entry(_ key: String, _ value: QueryNode, shape: StrapiShape, path: String?) throws(StrapiQueryError) -> Filter? {
        switch key {
        case "$and", "$or":
            var parts: [Filter] = []
            for item in elements(value) { if let part = try record(item, shape: shape, path: path) { parts.append(part) } }
            return combine(parts, all: key == "$and")
        case "$not":
            return try record(value, shape: shape, path: path).map(Filter.not)
        default:
            break
        }
        guard let field = shape.field(key) else { throw .invalidKey(key: key, path: path, param: param) }
        let here = path.map { "\($0).\(key)" } ?? key
        guard case .attribute(let attribute) = field else {
            return try conditions(on: key, value, path: here)
        }
        if attribute.isHidden { throw .invalidKey(key: key, path: here, param: param) }
        switch attribute.type {
        case .dynamiczone:
            throw .invalidKey(key: key, path: here, param: param)
        case .relation(_, let target, _, _):
            guard let targetType = schema.contentType(singular: target), canRead(target) else {
                throw .invalidKey(key: key, path: here, param: param)
            }
            return try nested(key, value, shape: .type(targetType), path: here)
        case .component(let uid, _):
            guard let component = schema.components[uid] else { throw .invalidKey(key: key, path: here, param: param) }
            return try nested(key, value, shape: .component(component), path: here)
        case .media:
            return try nested(key, value, shape: .media, path: here)
        default:
            return try conditions(on: key, value, path: here)
        }
    }

    /// A relation, component or media attribute: either a filter on the related record, or
    /// operators / bare values that compare the related record's id (a documentId of a document
    /// or file, when the operand is not a number, is Quire's convenience).
    private func nested(_ name: String, _ value: QueryNode, shape: StrapiShape, path: String) throws(StrapiQueryError) -> Filter? {
        if case .map(let pairs) = value {
            let operators = pairs.filter { FilterOperator(rawValue: $0.0) != nil }
            if operators.isEmpty { return try record(value, shape: shape, path: path).map { .nested(name, $0) } }
            guard operators.count == pairs.count else {
                throw .invalid("Operator and non-operator keys cannot be mixed in a relation where clause")
            }
        }
        let operands = strings(value)
        let isNumeric = operands.allSatisfy { $0.map { Int64($0) != nil } ?? true }
        // `$null`'s operand is a flag, and a hand-written media reference may have no documentId.
        let testsNull = if case .map(let pairs) = value { pairs.allSatisfy { ["$null", "$notNull"].contains($0.0) } } else { false }
        let byDocumentId = switch shape {
        case .type: !isNumeric
        case .media: !isNumeric && !testsNull
        case .component: false
        }
        let key = byDocumentId ? "documentId" : "id"
        return try conditions(on: key, value, path: path).map { .nested(name, $0) }
    }

    /// The conditions on one scalar field: operators ANDed, lists expanded.
    private func conditions(on field: String, _ value: QueryNode, path: String) throws(StrapiQueryError) -> Filter? {
        switch value {
        case .value(let text):
            return .field(field, .eq, [text])
        case .list(let items):
            if items.allSatisfy({ if case .value = $0 { true } else { false } }) {
                return .field(field, .in, items.map(\.string))
            }
            var parts: [Filter] = []
            for item in items { if let part = try conditions(on: field, item, path: path) { parts.append(part) } }
            return combine(parts, all: false)
        case .map(let pairs):
            var parts: [Filter] = []
            for (key, operand) in pairs {
                if key == "$not" {
                    if let inner = try conditions(on: field, operand, path: path) { parts.append(.not(inner)) }
                    continue
                }
                guard let op = FilterOperator(rawValue: key) else { throw .invalidKey(key: key, path: path, param: param) }
                parts.append(try condition(field, op, operand, path: path))
            }
            return combine(parts, all: true)
        }
    }

    private func condition(_ field: String, _ op: FilterOperator, _ operand: QueryNode, path: String) throws(StrapiQueryError) -> Filter {
        switch (op, operand) {
        case (.null, .value(let text)), (.notNull, .value(let text)):
            return .field(field, op, [text])
        case (.null, _), (.notNull, _):
            // A list or an object is truthy to Strapi.
            return .field(field, op, ["true"])
        case (_, .value(let text)):
            return .field(field, op, [text])
        case (_, .list(let items)) where items.allSatisfy({ $0.string != nil || $0 == .value(nil) }):
            let values = items.map(\.string)
            if op.takesList { return .field(field, op, values) }
            // Implicit OR: `$gt: [12, 56]` is `rank > 12 OR rank > 56`.
            return .or(values.map { .field(field, op, [$0]) })
        default:
            throw .invalidKey(key: op.rawValue, path: path, param: param)
        }
    }

    /// `$and`/`$or` take a list; qs turns indices above its array limit into a map.
    private func elements(_ node: QueryNode) -> [QueryNode] {
        switch node {
        case .list(let items): items
        case .map(let pairs): pairs.map(\.1)
        case .value: [node]
        }
    }

    private func strings(_ node: QueryNode) -> [String?] {
        switch node {
        case .value(let text): [text]
        case .list(let items): items.flatMap(strings)
        case .map(let pairs): pairs.flatMap { strings($0.1) }
        }
    }

    private func combine(_ parts: [Filter], all: Bool) -> Filter? {
        if parts.count <= 1 { return parts.first }
        return all ? .and(parts) : .or(parts)
    }
}
