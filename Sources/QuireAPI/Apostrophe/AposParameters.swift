import QuireContent

/// The query parameters Apostrophe's REST API knows but Quire does not honour: refused with a
/// 400 that names them, never answered as if they had been applied. Names Apostrophe itself
/// does not know are ignored, as its launderers ignore them (`doc-type/index.js`); the README
/// says so.
enum AposParameters {
    /// Known to Apostrophe's piece and page routes, not (yet) served by Quire.
    static let unsupported: [String] = ["dynamicChoices", "withPublished"]

    /// Why, where it is not just "not yet".
    static let reasons = [
        "dynamicChoices": "a filter's dynamic choices come from a method of the piece type's module, server-side code Quire does not run; "
            + "use choices=<field> for the values in use",
    ]

    /// Taken by the list route only (on a single document they would change nothing).
    static let listOnly: [String] = ["count", "choices", "counts"]

    /// Refuses the first unsupported parameter of `node` (`map`: nil for a single document).
    /// `listing`: a list without a type map (the page list by `type=`) takes the list parameters.
    /// `rendersAreas`: the route renders areas (`AposRenderAreas`); elsewhere `render-areas` is
    /// refused, as Apostrophe's page tree and page-type lists do not render them.
    static func check(_ node: QueryNode, map: AposTypeMap?, listing: Bool = false, rendersAreas: Bool = false) throws(AposError) {
        guard case .map(let pairs) = node else { return }
        for (name, _) in pairs {
            if unsupported.contains(name) { throw refusal(name, reason: reasons[name]) }
            if name == AposRenderAreas.parameter, !rendersAreas { throw refusal(name, reason: "piece reads and single pages only") }
            if map == nil, !listing, listOnly.contains(name) { throw refusal(name, reason: "lists only") }
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
