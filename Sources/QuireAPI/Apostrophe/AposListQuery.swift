import QuireContent
import QuireIndex

/// A piece list request: `page`, `perPage` (default 50, no maximum, as in Apostrophe's code),
/// `search`, `autocomplete`, `_ids[]`, `sort[field]=1|-1`, `project` and one filter per schema
/// field with Apostrophe's semantics. Unknown parameters are ignored, as Apostrophe's
/// launderers ignore them.
struct AposListQuery {
    static let defaultPerPage = 50
    static let largest = 1 << 30

    var query = DocumentQuery()
    var page = 1
    var perPage = defaultPerPage
    /// `_ids[]`: only these documents, in this order.
    var ids: [String]?
    var projection: AposProjection
    /// Apostrophe sorts titles "sortified" (case and accents folded), which the index does not:
    /// such a sort is done here, over the matches. The value says whether it is descending.
    var foldedTitleSort: Bool?

    init(_ node: QueryNode, map: AposTypeMap, config: SiteConfig) {
        // Apostrophe has no maximum; the cap only keeps `(page - 1) * perPage` and the sums after
        // it inside Int, where a huge page or perPage trapped the server.
        page = node["page"]?.string.flatMap(Int.init).map { min(max(1, $0), Self.largest) } ?? 1
        perPage = node["perPage"]?.string.flatMap(Int.init).map { min(max(1, $0), Self.largest) } ?? Self.defaultPerPage
        projection = AposProjection(node["project"])
        var filters: [Filter] = []
        if let text = node["search"]?.string, !text.isEmpty { filters.append(.search(text)) }
        if let prefix = node["autocomplete"]?.string, !prefix.isEmpty, let title = map.titleField {
            // Apostrophe matches the start of any word of the title.
            filters.append(.or([.field(title, .startsWithi, [prefix]), .field(title, .containsi, [" " + prefix])]))
        }
        if let raw = node["_ids"] {
            let list = Self.strings(raw).map { String($0.split(separator: ":", maxSplits: 1)[0]) }
            ids = list
            filters.append(.field("documentId", .in, list))
        }
        for attribute in map.type.attributes where !attribute.isPrivate {
            filters += Self.filters(for: attribute, node: node, map: map)
        }
        query.filter = filters.isEmpty ? .all : (filters.count == 1 ? filters[0] : .and(filters))
        query.sort = Self.sort(node["sort"], map: map)
        if let title = map.titleField {
            if query.sort.isEmpty, node["search"] == nil {
                foldedTitleSort = false
            } else if query.sort.count == 1, query.sort[0].path == [title] {
                foldedTitleSort = query.sort[0].descending
                query.sort = []
            }
        }
    }

    private static func filters(for attribute: Attribute, node: QueryNode, map: AposTypeMap) -> [Filter] {
        let name = attribute.name
        if attribute.isRelation {
            var result: [Filter] = []
            if let raw = node["_\(name)"] {
                let ids = strings(raw).map { String($0.split(separator: ":", maxSplits: 1)[0]) }
                if ids == ["none"] {
                    // A document without related rows joins one row of nulls.
                    result.append(.nested(name, .field("documentId", .null, ["true"])))
                } else if !ids.isEmpty {
                    result.append(.nested(name, .field("documentId", .in, ids)))
                }
            }
            if let raw = node["_\(name)And"] {
                result += strings(raw).map { .nested(name, .field("documentId", .eq, [String($0.split(separator: ":")[0])])) }
            }
            return result
        }
        let aliases = [name] + (name == map.titleField ? ["title"] : []) + (name == map.slugField ? ["slug"] : [])
        guard let raw = aliases.lazy.compactMap({ node[$0] }).first else { return [] }
        let values = strings(raw)
        guard !values.isEmpty else { return [] }
        switch attribute.type {
        case .string, .text, .email, .richtext:
            return [.field(name, .containsi, [values[0]])]
        case .uid:
            return [.field(name, .contains, [AposTypeMap.slugify(values[0])])]
        case .enumeration(let allowed):
            let kept = values.filter(allowed.contains)
            return kept.isEmpty ? [] : [.field(name, .in, kept)]
        case .boolean:
            switch values[0] {
            case "true", "1", "yes": return [.field(name, .eq, ["true"])]
            // `false` also matches documents that never set the field (`$ne: true`).
            case "false", "0", "no": return [.not(.field(name, .eq, ["true"]))]
            default: return []
            }
        case .integer, .biginteger, .float, .decimal, .date, .datetime, .time:
            if case .list = raw, values.count >= 2 { return [.field(name, .between, [values[0], values[1]])] }
            return [.field(name, .eq, [values[0]])]
        default:
            return []
        }
    }

    /// Only 1 and -1 count; other values are ignored, as Apostrophe ignores them.
    private static func sort(_ node: QueryNode?, map: AposTypeMap) -> [SortTerm] {
        guard case .map(let pairs)? = node else { return [] }
        return pairs.compactMap { name, value in
            let field: String
            switch name {
            case "createdAt", "updatedAt": field = name
            default:
                guard let attribute = map.attribute(forField: name), !attribute.isRelation, attribute.type.isScalar else { return nil }
                field = attribute.name
            }
            switch value.string {
            case "1": return SortTerm(path: [field])
            case "-1": return SortTerm(path: [field], descending: true)
            default: return nil
            }
        }
    }

    static func strings(_ node: QueryNode) -> [String] {
        switch node {
        case .value(let text?): [text]
        case .value(nil): []
        case .list(let items): items.compactMap(\.string)
        case .map(let pairs): pairs.compactMap(\.1.string)
        }
    }
}
