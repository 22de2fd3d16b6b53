import Foundation
import QuireContent
import QuireIndex

/// A list request on image or file pieces, as for other pieces: `page`, `perPage` (50),
/// `count=1`, `search` (title, alt or description, credit, file name; case-insensitive),
/// `autocomplete` (a title word's start), `_ids[]` (in that order), `sort[createdAt|updatedAt|
/// title|slug]=1|-1` (default newest first, Apostrophe's `sort: {createdAt: -1}`), `archived`
/// (`false` by default, `true`, `any`), `title=`/`slug=` (substring), `project`, and the tag
/// relationship's filters: `_tags[]=<id>` or `tags[]=<slug>` (any of them), `_tagsAnd[]`/
/// `tagsAnd[]` (all of them). `choices` and `counts` are 400.
struct AposImageFileQuery {
    var page = 1
    var perPage = AposListQuery.defaultPerPage
    var countOnly = false
    var ids: [String]?
    var projection: AposProjection
    private var search: String?
    private var autocomplete: String?
    private var title: String?
    private var slug: String?
    private var archived: Bool?? = .some(false)
    private var sort: [(field: String, descending: Bool)] = []

    static let refused = ["choices", "counts"]
    /// Tag filters: (parameter, by slug, all of them).
    static let tagFilters = [("_tags", false, false), ("_tagsAnd", false, true), ("tags", true, false), ("tagsAnd", true, true)]
    private var tagFilters: [(values: [String], bySlug: Bool, all: Bool)] = []
    static let sortable: Set = ["createdAt", "updatedAt", "title", "slug"]

    init(_ node: QueryNode) throws(AposError) {
        try AposParameters.check(node, map: nil, listing: true)
        for name in Self.refused where node[name] != nil { throw AposParameters.refusal(name, reason: "Quire does not count media pieces by field") }
        for (name, bySlug, all) in Self.tagFilters {
            guard let raw = node[name] else { continue }
            let values = AposListQuery.strings(raw).map { bySlug ? $0 : AposListQuery.docId($0) }
            tagFilters.append((values, bySlug, all))
        }
        page = try AposListQuery.count(node, "page") ?? page
        perPage = try AposListQuery.count(node, "perPage") ?? perPage
        countOnly = try AposListQuery.countOnly(node) ?? countOnly
        search = Self.lowered(node["search"])
        autocomplete = Self.lowered(node["autocomplete"])
        title = Self.lowered(node["title"])
        slug = node["slug"]?.string.map(AposTypeMap.slugify).flatMap { $0.isEmpty ? nil : $0 }
        if let raw = node["_ids"] { ids = AposListQuery.strings(raw).map(AposListQuery.docId) }
        if let raw = node["archived"] {
            switch raw.string {
            case "false", "0", nil: archived = .some(false)
            case "true", "1": archived = .some(true)
            case "any", "null", "": archived = .none
            default: throw AposParameters.badValue("archived", "expected true, false or any")
            }
        }
        projection = AposProjection(node["project"])
        if let raw = node["sort"] {
            guard raw.string != "search" else { return }
            guard case .map(let pairs) = raw else { throw AposParameters.badValue("sort", "expected sort[<field>]=1 or -1") }
            for (field, value) in pairs {
                guard Self.sortable.contains(field) else { throw AposParameters.badValue("sort[\(field)]", "not a sortable field") }
                switch value.string {
                case "1": sort.append((field, false))
                case "-1": sort.append((field, true))
                default: throw AposParameters.badValue("sort[\(field)]", "expected 1 or -1")
                }
            }
        }
    }

    private static func lowered(_ node: QueryNode?) -> String? {
        node?.string.flatMap { $0.isEmpty ? nil : $0.lowercased() }
    }

    /// The matching pieces of `kind`, in the asked order.
    func matches(_ catalog: MediaCatalog, kind: MediaPieceFields.Kind, slugs: AposMediaSlugs) -> [MediaRecord] {
        var records = catalog.all.filter {
            AposImageFileShape.kind(of: $0) == kind && admits($0, slug: slugs[$0.documentId] ?? "") && hasTags($0, catalog: catalog)
        }
        if let ids {
            let byId = Dictionary(records.map { ($0.documentId, $0) }, uniquingKeysWith: { first, _ in first })
            var seen = Set<String>()
            return ids.compactMap { id in seen.insert(id).inserted ? byId[id] : nil }
        }
        let terms = sort.isEmpty ? [("createdAt", true)] : sort
        records.sort { lhs, rhs in
            for (field, descending) in terms {
                let order = Self.compare(lhs, rhs, field: field, slugs: slugs)
                if order != .orderedSame { return descending ? order == .orderedDescending : order == .orderedAscending }
            }
            // Newest upload first among equals, as the default order.
            return lhs.id > rhs.id
        }
        return records
    }

    private func hasTags(_ record: MediaRecord, catalog: MediaCatalog) -> Bool {
        for filter in tagFilters {
            let own = Set(record.piece.tags.compactMap { id in
                catalog.tag(documentId: id).map { filter.bySlug ? $0.slug : $0.documentId }
            })
            let matched = filter.all ? filter.values.allSatisfy(own.contains) : filter.values.contains(where: own.contains)
            if !matched { return false }
        }
        return true
    }

    private func admits(_ record: MediaRecord, slug recordSlug: String) -> Bool {
        if let archived, record.piece.archived != archived { return false }
        let title = AposImageFileShape.title(record).lowercased()
        if let wanted = self.title, !title.contains(wanted) { return false }
        if let slug, !recordSlug.contains(slug) { return false }
        if let autocomplete, !title.hasPrefix(autocomplete), !title.contains(" " + autocomplete) { return false }
        if let search {
            let texts = [title, record.alternativeText ?? "", record.caption ?? "", record.piece.credit ?? "", record.name]
            if !texts.contains(where: { $0.lowercased().contains(search) }) { return false }
        }
        return true
    }

    private static func compare(_ lhs: MediaRecord, _ rhs: MediaRecord, field: String, slugs: AposMediaSlugs) -> ComparisonResult {
        switch field {
        case "createdAt": return lhs.createdAt == rhs.createdAt ? .orderedSame : (lhs.createdAt < rhs.createdAt ? .orderedAscending : .orderedDescending)
        case "updatedAt": return lhs.updatedAt == rhs.updatedAt ? .orderedSame : (lhs.updatedAt < rhs.updatedAt ? .orderedAscending : .orderedDescending)
        case "slug": return (slugs[lhs.documentId] ?? "").compare(slugs[rhs.documentId] ?? "")
        default:
            // Apostrophe sorts titles "sortified": case and accents folded.
            return AposImageFileShape.title(lhs).compare(AposImageFileShape.title(rhs), options: [.caseInsensitive, .diacriticInsensitive])
        }
    }
}
