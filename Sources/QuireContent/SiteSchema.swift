/// Every content type and component of a site, plus what was wrong while reading them.
public struct SiteSchema: Sendable {
    public private(set) var contentTypes: [String: ContentType] = [:]
    public private(set) var components: [String: Component] = [:]
    public private(set) var problems: [Problem] = []

    public init(contentTypes: [ContentType], components: [Component], problems: [Problem]) {
        fatalError("unimplemented")
    }

    /// Reads `schemas/*.yaml|json` and `schemas/components/<category>/<name>.yaml|json`.
    /// Paths are repository-relative. A file that does not parse or is invalid is reported in
    /// `problems` and left out; the other types still load. Cross-references (relation targets,
    /// components, uid target fields) are checked; a bad one is a problem on that attribute.
    public static func load(files: [(path: String, bytes: [UInt8])]) -> SiteSchema {
        fatalError("unimplemented")
    }

    public func contentType(singular name: String) -> ContentType? { contentTypes[name] }
    public func contentType(plural name: String) -> ContentType? { fatalError("unimplemented") }
}
