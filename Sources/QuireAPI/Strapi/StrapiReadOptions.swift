import QuireContent
import QuireIndex

/// The query-language parameters of a request: which documents (`filters`, `_q`, `sort`, for
/// lists) and how to show them (`fields`, `populate`). Checked in Strapi's order, so the
/// first bad parameter is the one reported.
struct StrapiReadOptions {
    var query = DocumentQuery()
    var selection = StrapiSelection()

    static let parameterNames: Set<String> = ["filters", "_q", "sort", "fields", "populate"]

    init() {}

    init(_ node: QueryNode, type: ContentType, schema: SiteSchema, canRead: @escaping (String) -> Bool, isList: Bool) throws(StrapiError) {
        guard case .map(let pairs) = node, pairs.contains(where: { Self.parameterNames.contains($0.0) }) else { return }
        do throws(StrapiQueryError) {
            if isList {
                var filter = Filter.all
                if let filters = node["filters"] {
                    filter = try StrapiFilterParser(schema: schema, canRead: canRead).parse(filters, type: type)
                }
                if let phrase = node["_q"]?.string, !phrase.isEmpty {
                    filter = filter == .all ? .search(phrase) : .and([filter, .search(phrase)])
                }
                query.filter = filter
                if let sort = node["sort"] {
                    query.sort = try StrapiSortParser(schema: schema, canRead: canRead).parse(sort, type: type)
                }
            }
            if let fields = node["fields"] {
                selection.fields = try StrapiFieldsParser().parse(fields, shape: .type(type))
            }
            if let populate = node["populate"] {
                selection.populate = try StrapiPopulateParser(schema: schema, canRead: canRead).parse(populate, shape: .type(type))
            }
        } catch {
            throw StrapiError(error)
        }
    }
}
