import Foundation
import QuireContent
import QuireIndex

/// How a piece list is cut and ordered where the index does not do it, and the POST-as-GET form.
extension AposRoutes {
    static func page(_ documents: [DocumentVersion], start: Int, count: Int) -> [DocumentVersion] {
        Array(documents[min(start, documents.count)..<min(start + count, documents.count)])
    }

    /// `__aposGetWithQuery`'s object merged over the query string, as `express/index.js` does.
    static func merge(_ node: QueryNode, _ extra: OrderedObject) -> QueryNode {
        var pairs: [(String, QueryNode)] = []
        if case .map(let existing) = node { pairs = existing }
        for (key, value) in extra.pairs {
            pairs.removeAll { $0.0 == key }
            pairs.append((key, queryNode(value)))
        }
        return .map(pairs)
    }

    private static func queryNode(_ value: Value) -> QueryNode {
        switch value {
        case .null: .value(nil)
        case .bool(let flag): .value(flag ? "true" : "false")
        case .int(let number): .value(String(number))
        case .double(let number): .value(String(number))
        case .string(let text): .value(text)
        case .array(let items): .list(items.map(queryNode))
        case .object(let object): .map(object.pairs.map { ($0, queryNode($1)) })
        }
    }
}
