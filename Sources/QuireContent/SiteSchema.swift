/// Every content type and component of a site, plus what was wrong while reading them.
public struct SiteSchema: Sendable {
    public private(set) var contentTypes: [String: ContentType] = [:]
    public private(set) var components: [String: Component] = [:]
    public private(set) var problems: [Problem] = []
    private var singularByPlural: [String: String] = [:]

    public init(contentTypes: [ContentType], components: [Component], problems: [Problem]) {
        for type in contentTypes {
            self.contentTypes[type.singularName] = type
            singularByPlural[type.pluralName] = type.singularName
        }
        for component in components { self.components[component.uid] = component }
        self.problems = problems
    }

    /// Reads `schemas/*.yaml|json` and `schemas/components/<category>/<name>.yaml|json`.
    /// Paths are repository-relative. A file that does not parse or is invalid is reported in
    /// `problems` and left out; the other types still load. Cross-references (relation targets,
    /// components, uid target fields) are checked; a bad one is a problem on that attribute,
    /// and the type holding it is left out too, so every loaded reference resolves.
    /// Problems come sorted by path and line.
    public static func load(files: [(path: String, bytes: [UInt8])]) -> SiteSchema {
        var loader = SchemaLoader()
        loader.read(files: files)
        loader.crossCheck()
        let problems = loader.problems.sorted { ($0.path, $0.line) < ($1.path, $1.line) }
        return SiteSchema(contentTypes: loader.types.map(\.definition),
                          components: loader.components.map(\.definition), problems: problems)
    }

    public func contentType(singular name: String) -> ContentType? { contentTypes[name] }

    /// The type whose `pluralName` is `name`, whatever its kind: routing checks `kind`
    /// (a single type answers on its singular name only).
    public func contentType(plural name: String) -> ContentType? {
        singularByPlural[name].flatMap { contentTypes[$0] }
    }
}
