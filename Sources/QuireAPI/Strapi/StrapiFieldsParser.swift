import QuireContent
import QuireIndex

/// Reads Strapi's `fields` parameter (`title`, `title,slug`, a list, `*`): the scalar fields to
/// return besides `id` and `documentId`, which are always kept. nil means all of them.
struct StrapiFieldsParser {
    var param = "fields"

    func parse(_ node: QueryNode, shape: StrapiShape) throws(StrapiQueryError) -> Set<String>? {
        var names: [String] = []
        switch node {
        case .value(let text): names = split(text)
        case .list(let items):
            for item in items {
                guard case .value(let text) = item else {
                    throw .invalid("Invalid fields parameter. Expected a string or an array of strings")
                }
                names += split(text)
            }
        case .map: throw .invalid("Invalid fields parameter. Expected a string or an array of strings")
        }
        if names.isEmpty || names == ["*"] { return nil }
        var selected = Set<String>()
        for name in names where name != "id" && name != "documentId" {
            switch shape.field(name) {
            case .system?:
                selected.insert(name)
            case .attribute(let attribute)? where attribute.type.isScalar && !attribute.isHidden:
                selected.insert(name)
            case .attribute?:
                throw .invalidKey(key: name, path: name, param: param)
            case nil:
                throw .invalidKey(key: name, path: nil, param: param)
            }
        }
        return selected
    }

    private func split(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map(\.trimmingSpaces).filter { !$0.isEmpty }
    }
}
