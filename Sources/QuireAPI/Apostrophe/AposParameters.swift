import QuireContent

/// The query parameters Apostrophe's REST API knows but Quire does not honour: refused with a
/// 400 that names them, never answered as if they had been applied. Names Apostrophe itself
/// does not know are ignored, as its launderers ignore them (`doc-type/index.js`); the README
/// says so.
enum AposParameters {
    /// Known to Apostrophe's piece and page routes, not (yet) served by Quire.
    static let unsupported: [String] = ["choices", "counts", "dynamicChoices", "withPublished", "render-areas"]

    /// Taken by the list route only (on a single document they would change nothing).
    static let listOnly: [String] = ["count"]

    /// Refuses the first unsupported parameter of `node`, and a relationship filter by slug
    /// (`?author=<slug>`, `?authorAnd[]=`: only the `_author` id forms are served).
    static func check(_ node: QueryNode, map: AposTypeMap?) throws(AposError) {
        guard case .map(let pairs) = node else { return }
        for (name, _) in pairs {
            if unsupported.contains(name) { throw refusal(name) }
            if map == nil, listOnly.contains(name) { throw refusal(name, reason: "lists only") }
            guard let map else { continue }
            for attribute in map.type.attributes where attribute.isRelation && !attribute.isPrivate {
                if name == attribute.name || name == attribute.name + "And" { throw refusal(name, reason: "filter by `_\(attribute.name)` (ids) instead") }
            }
        }
    }

    static func refusal(_ name: String, reason: String? = nil) -> AposError {
        AposError.invalid("Unsupported query parameter: \(name)" + (reason.map { " (\($0))" } ?? ""), data: ["param": .string(name)])
    }

    /// A parameter whose value cannot be used.
    static func badValue(_ name: String, _ message: String) -> AposError {
        AposError.invalid("Invalid value for \(name): \(message)", data: ["param": .string(name)])
    }
}
