import QuireContent
import QuireIndex

/// A piece list request: `page`, `perPage` (default 50, no maximum, as in Apostrophe's code),
/// `search`, `autocomplete`, `_ids[]`, `sort[field]=1|-1`, `project` and one filter per schema
/// field with Apostrophe's semantics. Names Apostrophe does not know are ignored, as its
/// launderers ignore them; a value Quire cannot apply (a page that is no number, an unknown
/// choice, a sort other than 1/-1) is a 400 naming the parameter, where Apostrophe would quietly
/// drop it: a 200 that ignored part of the question would be a wrong answer.
struct AposListQuery {
    static let defaultPerPage = 50
    static let largest = 1 << 30

    var query = DocumentQuery()
    var page = 1
    var perPage = defaultPerPage
    /// `_ids[]`: only these documents, in this order.
    var ids: [String]?
    var projection: AposProjection
    /// `count=1`: the answer is only `{"count": n}` (the matches, all pages).
    var countOnly = false

    /// `renderAreas`: the areas of the listed documents are rendered when the query asks.
    var renderAreas: AposRenderAreas?

    /// `schema`: where a relationship filter by slug finds the related type's slug field.
    /// `rendersAreas`: the route takes `render-areas` (piece lists).
    /// `readable`: the types the caller may read in this view (nil: all of them).
    init(_ node: QueryNode, map: AposTypeMap, config: SiteConfig, schema: SiteSchema? = nil, readable: Set<String>? = nil,
         rendersAreas: Bool = false) throws(AposError) {
        try AposParameters.check(node, map: map, rendersAreas: rendersAreas)
        renderAreas = try AposRenderAreas(node)
        // Apostrophe has no maximum; the cap only keeps `(page - 1) * perPage` and the sums after
        // it inside Int, where a huge page or perPage trapped the server.
        countOnly = try Self.countOnly(node) ?? false
        page = try Self.count(node, "page") ?? 1
        perPage = try Self.count(node, "perPage") ?? Self.defaultPerPage
        projection = AposProjection(node["project"])
        var filters: [Filter] = []
        if let text = node["search"]?.string, !text.isEmpty { filters.append(.search(text)) }
        if let prefix = node["autocomplete"]?.string, !prefix.isEmpty, let title = map.titleField {
            // Apostrophe matches the start of any word of the title.
            filters.append(.or([.field(title, .startsWithi, [prefix]), .field(title, .containsi, [" " + prefix])]))
        }
        if let raw = node["_ids"] {
            let list = Self.strings(raw).map(Self.docId)
            ids = list
            filters.append(.field("documentId", .in, list))
        }
        for attribute in map.type.attributes where !attribute.isPrivate {
            filters += try Self.filters(for: attribute, node: node, map: map, schema: schema, readable: readable)
        }
        query.filter = filters.isEmpty ? .all : (filters.count == 1 ? filters[0] : .and(filters))
        query.sort = try Self.sort(node["sort"], map: map)
        // Apostrophe sorts titles "sortified" (case and accents folded), by default too.
        if let title = map.titleField {
            if query.sort.isEmpty, node["search"] == nil {
                query.sort = [SortTerm(path: [title], folded: true)]
            } else if query.sort.count == 1, query.sort[0].path == [title] {
                query.sort[0].folded = true
            }
        }
    }

    /// `page` and `perPage`: integers, at least 1 (a smaller one reads as 1, as Apostrophe's does).
    /// `count=1`: only the number of matches is wanted (nil when not given).
    static func countOnly(_ node: QueryNode) throws(AposError) -> Bool? {
        guard let raw = node["count"] else { return nil }
        switch raw.string {
        case "1", "true": return true
        case "0", "false": return false
        default: throw AposParameters.badValue("count", "expected 1")
        }
    }

    /// `page` or `perPage`, capped (see above); nil when not given.
    static func count(_ node: QueryNode, _ name: String) throws(AposError) -> Int? {
        guard let raw = node[name] else { return nil }
        guard let text = raw.string, let number = Int(text) else { throw AposParameters.badValue(name, "expected an integer") }
        return min(max(1, number), largest)
    }

    private static func filters(
        for attribute: Attribute, node: QueryNode, map: AposTypeMap, schema: SiteSchema?, readable: Set<String>?
    ) throws(AposError) -> [Filter] {
        let name = attribute.name
        if attribute.isMorph {
            for key in ["_\(name)", "_\(name)And", name, "\(name)And"] where node[key] != nil {
                throw AposParameters.badValue(key, "\(name) links documents of any type (a morph relation) and cannot be filtered")
            }
            return []
        }
        if attribute.isRelation {
            var result: [Filter] = []
            if let raw = node["_\(name)"] {
                let ids = strings(raw).map(docId).filter { !$0.isEmpty }
                if ids == ["none"] {
                    // A document without related rows joins one row of nulls.
                    result.append(.nested(name, .field("documentId", .null, ["true"])))
                } else if !ids.isEmpty {
                    result.append(.nested(name, .field("documentId", .in, ids)))
                }
            }
            if let raw = node["_\(name)And"] {
                result += strings(raw).map(docId).filter { !$0.isEmpty }.map { .nested(name, .field("documentId", .eq, [$0])) }
            }
            // By slug: `author=<slug>` (any of them), `authorAnd[]=` (all of them). Apostrophe
            // finds the related documents with the request's permissions: of a type the caller
            // may not read, none, so nothing matches (and nothing is learnt about them).
            if let readable, let target = attribute.relationTarget, !readable.contains(target),
               node[name] != nil || node["\(name)And"] != nil {
                return result + [.not(.all)]
            }
            let slugField = attribute.relationTarget.flatMap { schema?.contentType(singular: $0) }.flatMap { AposTypeMap($0).slugField } ?? "documentId"
            if let raw = node[name] {
                let slugs = strings(raw)
                if !slugs.isEmpty { result.append(.nested(name, .field(slugField, .in, slugs))) }
            }
            if let raw = node["\(name)And"] {
                result += strings(raw).map { .nested(name, .field(slugField, .eq, [$0])) }
            }
            return result
        }
        let aliases = [name] + (name == map.titleField ? ["title"] : []) + (name == map.slugField ? ["slug"] : [])
        guard let (given, raw) = aliases.lazy.compactMap({ alias in node[alias].map { (alias, $0) } }).first else { return [] }
        let values = strings(raw)
        guard !values.isEmpty else { return [] }
        switch attribute.type {
        case .string, .text, .email, .richtext:
            return [.field(name, .containsi, [values[0]])]
        case .uid:
            return [.field(name, .contains, [AposTypeMap.slugify(values[0])])]
        case .enumeration(let allowed), .checkboxes(let allowed):
            if let unknown = values.first(where: { !allowed.contains($0) }) {
                throw AposParameters.badValue(given, "'\(unknown)' is not one of \(allowed.joined(separator: ", "))")
            }
            guard case .checkboxes = attribute.type else { return [.field(name, .in, values)] }
            // Any of the values asked (Apostrophe's `$in`): the index compares a list by its JSON
            // text, where each value stands quoted, so a quoted value matches that value only.
            let any = values.map { Filter.field(name, .contains, [String(decoding: JSON.encode(.string($0)), as: UTF8.self)]) }
            return [any.count == 1 ? any[0] : .or(any)]
        case .boolean:
            switch values[0] {
            case "true", "1", "yes": return [.field(name, .eq, ["true"])]
            // `false` also matches documents that never set the field (`$ne: true`).
            case "false", "0", "no": return [.or([.not(.field(name, .eq, ["true"])), .field(name, .null, ["true"])])]
            // Apostrophe's word for "either".
            case "any", "null": return []
            default: throw AposParameters.badValue(given, "expected true, false or any")
            }
        case .integer, .biginteger, .float, .decimal, .date, .datetime, .time:
            if case .list = raw, values.count >= 2 { return [.field(name, .between, [values[0], values[1]])] }
            return [.field(name, .eq, [values[0]])]
        case .oembed:
            throw AposParameters.badValue(given, "an oembed field cannot be filtered")
        default:
            return []
        }
    }

    /// `sort[field]=1|-1` on a scalar field, or `sort=search` (relevance, what a search sorts
    /// by anyway). Apostrophe ignores anything else; Quire says so with a 400.
    private static func sort(_ node: QueryNode?, map: AposTypeMap) throws(AposError) -> [SortTerm] {
        guard let node else { return [] }
        if node.string == "search" { return [] }
        guard case .map(let pairs) = node else { throw AposParameters.badValue("sort", "expected sort[<field>]=1 or -1") }
        var terms: [SortTerm] = []
        for (name, value) in pairs {
            let field: String
            switch name {
            case "createdAt", "updatedAt": field = name
            default:
                guard let attribute = map.attribute(forField: name), !attribute.isRelation, !attribute.isPrivate,
                      attribute.type != .password, attribute.type.isScalar else {
                    throw AposParameters.badValue("sort[\(name)]", "not a sortable field")
                }
                field = attribute.name
            }
            switch value.string {
            case "1": terms.append(SortTerm(path: [field]))
            case "-1": terms.append(SortTerm(path: [field], descending: true))
            default: throw AposParameters.badValue("sort[\(name)]", "expected 1 or -1")
            }
        }
        return terms
    }

    /// The aposDocId of an `_id` (`xyz:en:published` → `xyz`). An empty one (`_ids=`, `_author=:en`)
    /// stays empty, which matches no document: splitting must not drop it and leave nothing to index.
    static func docId(_ id: String) -> String {
        String(id.prefix { $0 != ":" })
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
