import FuzzSupport
@testable import QuireAPI
@testable import QuireContent
@testable import QuireIndex

/// A Strapi REST query string, from raw text to the query that runs, the way a list route reads
/// it: `qs`-style parsing, the allowed top-level keys, locale/status/pagination, then `filters`,
/// `_q`, `sort`, `fields` and `populate` checked against the schema, and the filter and sort
/// compiled for the index (operands cast to the fields' types), nested populate filters too.
/// Every input must end as a query or a `StrapiError` (a 400), never anything else.
@main enum StrapiQueryFuzz {
    static func main() { runFuzzer(fuzzStrapiQuery) }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzStrapiQuery(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let query = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let node = QueryString.parse(query)
    for route in [StrapiParameters.Route.list, .one] {
        do {
            try StrapiParameters.check(node, route: route)
            let paging = try StrapiQuery(node, type: FuzzSchema.article, config: FuzzSchema.config)
            for total in [0, 1, 30, Int.max / 2] {
                let (range, _) = paging.window(total: total)
                check(range.lowerBound >= 0 && range.upperBound <= total, "window \(range) outside 0..<\(total)")
            }
            let options = try StrapiReadOptions(node, type: FuzzSchema.article, schema: FuzzSchema.schema,
                                                canRead: { $0 != "tag" }, isList: route == .list)
            try compile(options.query.filter, options.query.sort, on: FuzzSchema.article)
            try compile(options.selection.populate, on: FuzzSchema.article)
        } catch is StrapiError {
            continue
        } catch let error as QueryError {
            // The routes map these to 400s too (StrapiQueryError.init(_:param:)).
            _ = StrapiError(StrapiQueryError(error, param: "filters"))
        } catch {
            fail("query \(query.debugDescription) threw \(type(of: error)): \(error)")
        }
    }
    return 0
}

private func compile(_ filter: Filter, _ sort: [SortTerm], on type: ContentType) throws {
    _ = try FilterCompiler(schema: FuzzSchema.schema).compile(filter, on: .document(type))
    _ = try SortPlan.compile(sort, on: type, schema: FuzzSchema.schema)
}

/// Populated relations are narrowed and sorted with their own filters (`SiteSnapshot.refine`).
private func compile(_ populate: PopulateSpec, on type: ContentType) throws {
    for entry in populate.entries {
        guard let attribute = type.attributes.first(where: { $0.name == entry.name }),
              case .relation(_, let target, _, _) = attribute.type,
              let targetType = FuzzSchema.schema.contentType(singular: target) else { continue }
        try compile(entry.options.filter, entry.options.sort, on: targetType)
        try compile(entry.options.populate, on: targetType)
    }
}
