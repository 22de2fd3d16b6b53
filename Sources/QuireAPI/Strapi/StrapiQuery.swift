import HTTPTypes
import QuireContent
import QuireIndex

/// The parts of a Strapi query string that choose what to read: locale, status and pagination.
struct StrapiQuery {
    enum Pagination: Equatable {
        case page(page: Int, pageSize: Int)
        case offset(start: Int, limit: Int)
    }

    static let defaultLimit = 25
    static let maximumLimit = 100

    var locale: String
    var view: View
    var pagination: Pagination
    var withCount: Bool

    init(_ node: QueryNode, type: ContentType, config: SiteConfig) throws {
        // `status[]=draft` or `locale[0]=fr` must not read as absent: a draft write would go live.
        for name in ["locale", "status"] {
            if let given = node[name], given.string == nil, given != .value(nil) {
                throw StrapiError.validation("Invalid \(name) parameter: expected a single value")
            }
        }
        locale = config.defaultLocale
        if type.localized, let requested = node["locale"]?.string, !requested.isEmpty {
            guard config.locales.contains(requested) else {
                throw StrapiError.validation("This locale doesn't exist: \(requested)")
            }
            locale = requested
        }
        view = .published
        switch node["status"]?.string {
        case nil, "published": view = .published
        // Kept even for types without draft & publish (their two views are the same documents):
        // `status` also chooses the versions of populated relations, which may have drafts.
        case "draft": view = .draft
        case let other?: throw StrapiError.validation("Invalid status: \(other). Expected \"draft\" or \"published\"")
        }
        (pagination, withCount) = try Self.pagination(Self.paging(node))
    }

    /// `pagination[...]`, or Strapi 5's `page`, `pageSize`, `start` and `limit` at the top level;
    /// nil when the query has neither.
    static func paging(_ node: QueryNode) throws -> QueryNode? {
        var paging = node["pagination"]
        if case .map(let pairs) = node {
            let flat = pairs.filter { ["page", "pageSize", "start", "limit"].contains($0.0) }
            if !flat.isEmpty {
                guard paging == nil else { throw StrapiError.validation("Give pagination either as pagination[...] or at the top level, not both") }
                paging = .map(flat)
            }
        }
        return paging
    }

    static func pagination(_ node: QueryNode?) throws -> (Pagination, Bool) {
        var withCount = true
        if let raw = node?["withCount"] {
            switch raw.string?.lowercased() {
            case "true", "t", "1": withCount = true
            case "false", "f", "0": withCount = false
            default: throw StrapiError.validation(#"Invalid withCount parameter. Expected "t","1","true","false","0","f""#)
            }
        }
        let page = try integer(node?["page"], name: "page")
        let pageSize = try integer(node?["pageSize"], name: "pageSize")
        let start = try integer(node?["start"], name: "start")
        let limit = try integer(node?["limit"], name: "limit")
        if (page != nil || pageSize != nil) && (start != nil || limit != nil) {
            throw StrapiError(.badRequest, "PaginationError", "Cannot use both page & offset pagination in the same query")
        }
        if start != nil || limit != nil {
            let effectiveLimit = limit.map { $0 == -1 ? maximumLimit : min(max($0, 1), maximumLimit) } ?? defaultLimit
            return (.offset(start: max(start ?? 0, 0), limit: effectiveLimit), withCount)
        }
        let size = min(max(pageSize ?? defaultLimit, 1), maximumLimit)
        return (.page(page: max(page ?? 1, 1), pageSize: size), withCount)
    }

    private static func integer(_ node: QueryNode?, name: String) throws -> Int? {
        guard let node else { return nil }
        guard let text = node.string, let value = Int(text) else {
            throw StrapiError.validation("Invalid \(name) parameter: expected an integer")
        }
        return value
    }

    /// The slice of `count` items to return, and the `meta.pagination` object describing it.
    func window(total count: Int) -> (range: Range<Int>, meta: OrderedObject) {
        Self.window(pagination, withCount: withCount, total: count)
    }

    static func window(_ pagination: Pagination, withCount: Bool, total count: Int) -> (range: Range<Int>, meta: OrderedObject) {
        switch pagination {
        case .page(let page, let pageSize):
            // `page` comes from the client unbounded: a product past `Int.max` is past every list.
            let (offset, overflow) = (page - 1).multipliedReportingOverflow(by: pageSize)
            let start = overflow ? count : min(offset, count)
            var meta: OrderedObject = ["page": .int(Int64(page)), "pageSize": .int(Int64(pageSize))]
            if withCount {
                meta["pageCount"] = .int(Int64((count + pageSize - 1) / pageSize))
                meta["total"] = .int(Int64(count))
            }
            return (start..<min(start + pageSize, count), meta)
        case .offset(let start, let limit):
            let from = min(start, count)
            var meta: OrderedObject = ["start": .int(Int64(start)), "limit": .int(Int64(limit))]
            if withCount { meta["total"] = .int(Int64(count)) }
            return (from..<min(from + limit, count), meta)
        }
    }
}
