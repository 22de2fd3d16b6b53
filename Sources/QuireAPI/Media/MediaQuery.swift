import Foundation
import QuireContent

/// `GET /api/upload/files`' query: `filters` (Strapi's operators on file fields, `$and`, `$or`,
/// `$not`), `sort` and `pagination` (page/pageSize or start/limit). Anything else is a 400.
struct MediaQuery {
    var filter: QueryNode?
    var sort: [(field: String, descending: Bool)] = []
    var start = 0
    var limit: Int?

    static let maximumPageSize = 1000

    init(_ query: QueryNode) throws {
        guard case .map(let pairs) = query else { return }
        for (name, node) in pairs {
            switch name {
            case "filters": filter = node
            case "sort": sort = try Self.sort(node)
            case "pagination": try readPagination(node)
            case "populate", "fields": continue
            default: throw StrapiError.invalidKey(name, source: "query")
            }
        }
        if let filter { try Self.check(filter) }
    }

    func apply(to records: [MediaRecord]) throws -> [MediaRecord] {
        var values = records.map { ($0, StrapiFileObject.value($0)) }
        if let filter { values = values.filter { Self.matches($0.1, filter) } }
        if !sort.isEmpty {
            values.sort { lhs, rhs in
                for key in sort {
                    let order = Self.compare(Self.field(lhs.1, key.field), Self.field(rhs.1, key.field))
                    if order != 0 { return key.descending ? order > 0 : order < 0 }
                }
                return false
            }
        }
        let window = values.dropFirst(start)
        return (limit.map { Array(window.prefix($0)) } ?? Array(window)).map(\.0)
    }

    // MARK: Reading

    static let operators: Set<String> = [
        "$eq", "$eqi", "$ne", "$nei", "$lt", "$lte", "$gt", "$gte", "$in", "$notIn", "$contains", "$notContains",
        "$containsi", "$notContainsi", "$startsWith", "$startsWithi", "$endsWith", "$endsWithi", "$null", "$notNull",
    ]

    private static func check(_ node: QueryNode) throws {
        guard case .map(let pairs) = node else { throw StrapiError.invalidKey("filters", source: "query", param: "filters") }
        for (key, value) in pairs {
            switch key {
            case "$and", "$or":
                let items: [QueryNode] = switch value {
                case .list(let list): list
                case .map(let map): map.map { $0.1 }
                case .value: []
                }
                guard !items.isEmpty else { throw StrapiError.invalidKey(key, source: "query", param: "filters") }
                try items.forEach(check)
            case "$not": try check(value)
            default:
                guard StrapiFileObject.fields.contains(key) else { throw StrapiError.invalidKey(key, source: "query", param: "filters") }
                if case .map(let conditions) = value {
                    for (op, _) in conditions where !operators.contains(op) {
                        throw StrapiError.invalidKey(op, source: "query", param: "filters")
                    }
                }
            }
        }
    }

    private static func sort(_ node: QueryNode) throws -> [(String, Bool)] {
        let texts: [String] = switch node {
        case .value(let text): (text ?? "").split(separator: ",").map(String.init)
        case .list(let items): items.compactMap(\.string)
        case .map(let pairs): pairs.compactMap { $0.1.string }
        }
        return try texts.map { text in
            let parts = text.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let field = parts.first, StrapiFileObject.fields.contains(field), parts.count <= 2 else {
                throw StrapiError.invalidKey(text, source: "query", param: "sort")
            }
            let direction = parts.count == 2 ? parts[1].lowercased() : "asc"
            guard direction == "asc" || direction == "desc" else { throw StrapiError.invalidKey(text, source: "query", param: "sort") }
            return (field, direction == "desc")
        }
    }

    private mutating func readPagination(_ node: QueryNode) throws {
        guard case .map(let pairs) = node else { throw StrapiError.invalidKey("pagination", source: "query") }
        var page: Int?, pageSize: Int?
        for (key, value) in pairs {
            guard let number = value.string.flatMap(Int.init) else {
                throw StrapiError.validation("pagination[\(key)] must be a whole number")
            }
            switch key {
            case "page": page = number
            case "pageSize": pageSize = number
            case "start": start = number
            case "limit": limit = number
            case "withCount": continue
            default: throw StrapiError.invalidKey(key, source: "query", param: "pagination")
            }
        }
        if (page != nil || pageSize != nil) && (pairs.contains { $0.0 == "start" || $0.0 == "limit" }) {
            throw StrapiError.validation("Pagination: page and pageSize cannot be mixed with start and limit")
        }
        if let pageSize {
            guard pageSize >= 1 else { throw StrapiError.validation("pagination[pageSize] must be at least 1") }
            limit = min(pageSize, Self.maximumPageSize)
        }
        if let page {
            guard page >= 1 else { throw StrapiError.validation("pagination[page] must be at least 1") }
            start = (page - 1) * (limit ?? 25)
            if limit == nil { limit = 25 }
        }
        guard start >= 0 else { throw StrapiError.validation("pagination[start] must not be negative") }
        if let value = limit { limit = value < 0 ? nil : min(value, Self.maximumPageSize) }
    }

    // MARK: Matching

    static func field(_ value: Value, _ name: String) -> Value {
        if case .object(let object) = value { return object[name] ?? .null }
        return .null
    }

    static func matches(_ file: Value, _ node: QueryNode) -> Bool {
        guard case .map(let pairs) = node else { return false }
        return pairs.allSatisfy { key, value in
            switch key {
            case "$and": return children(value).allSatisfy { matches(file, $0) }
            case "$or": return children(value).contains { matches(file, $0) }
            case "$not": return !matches(file, value)
            default:
                let actual = field(file, key)
                guard case .map(let conditions) = value else { return test(actual, "$eq", value) }
                return conditions.allSatisfy { test(actual, $0.0, $0.1) }
            }
        }
    }

    private static func children(_ node: QueryNode) -> [QueryNode] {
        switch node {
        case .list(let list): list
        case .map(let map): map.map { $0.1 }
        case .value: []
        }
    }

    private static func test(_ actual: Value, _ op: String, _ operand: QueryNode) -> Bool {
        let operands: [String] = switch operand {
        case .value(let text): [text ?? ""]
        case .list(let items): items.compactMap(\.string)
        case .map(let pairs): pairs.compactMap { $0.1.string }
        }
        let text = operands.first ?? ""
        let subject = string(actual)
        switch op {
        case "$null": return (actual == .null) == (strapiBoolean(text) ?? true)
        case "$notNull": return (actual != .null) == (strapiBoolean(text) ?? true)
        case "$in": return operands.contains { compare(actual, .string($0)) == 0 }
        case "$notIn": return !operands.contains { compare(actual, .string($0)) == 0 }
        default: break
        }
        guard actual != .null else { return op == "$ne" || op == "$nei" || op == "$notContains" || op == "$notContainsi" }
        switch op {
        case "$eq": return compare(actual, .string(text)) == 0
        case "$ne": return compare(actual, .string(text)) != 0
        case "$eqi": return subject.lowercased() == text.lowercased()
        case "$nei": return subject.lowercased() != text.lowercased()
        case "$lt": return compare(actual, .string(text)) < 0
        case "$lte": return compare(actual, .string(text)) <= 0
        case "$gt": return compare(actual, .string(text)) > 0
        case "$gte": return compare(actual, .string(text)) >= 0
        case "$contains": return subject.contains(text)
        case "$notContains": return !subject.contains(text)
        case "$containsi": return subject.lowercased().contains(text.lowercased())
        case "$notContainsi": return !subject.lowercased().contains(text.lowercased())
        case "$startsWith": return subject.hasPrefix(text)
        case "$startsWithi": return subject.lowercased().hasPrefix(text.lowercased())
        case "$endsWith": return subject.hasSuffix(text)
        case "$endsWithi": return subject.lowercased().hasSuffix(text.lowercased())
        default: return false
        }
    }

    private static func string(_ value: Value) -> String {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): String(flag)
        default: ""
        }
    }

    /// Numbers compare as numbers (a query operand is text), everything else as text.
    static func compare(_ lhs: Value, _ rhs: Value) -> Int {
        if let left = number(lhs), let right = number(rhs) { return left < right ? -1 : (left > right ? 1 : 0) }
        if lhs == .null || rhs == .null { return lhs == rhs ? 0 : (lhs == .null ? -1 : 1) }
        let left = string(lhs), right = string(rhs)
        return left < right ? -1 : (left > right ? 1 : 0)
    }

    /// A number, or text that reads as one.
    static func number(_ value: Value) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        case .string(let text): Double(text)
        default: nil
        }
    }
}
