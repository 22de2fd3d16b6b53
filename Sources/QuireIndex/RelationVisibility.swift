import HashTreeCollections
import QuireContent

/// What the writer of a request may see of related documents: the types it may read, and the
/// types whose drafts it may read (a document of another draft & publish type is visible to
/// it only once published). A write then never removes a link its caller cannot see, never
/// adds one, and answers a link to an unseen document as it answers a link to no document, so
/// that writes cannot tell a hidden draft from an id that names nothing.
public struct RelationVisibility: Sendable, Equatable {
    public var readable: Set<String>
    public var draftsReadable: Set<String>

    public init(readable: Set<String>, draftsReadable: Set<String>) {
        self.readable = readable
        self.draftsReadable = draftsReadable
    }

    /// Whether a document of `type` may be seen at all, before looking at which one.
    public func mayRead(_ type: String) -> Bool { readable.contains(type) }

    /// Whether the writer may see document `key` as `state` holds it.
    package func sees(_ key: DocumentKey, in state: SiteState) -> Bool {
        guard mayRead(key.type) else { return false }
        return draftsReadable.contains(key.type) ? state.published[key] != nil || state.drafts[key] != nil : state.published[key] != nil
    }

    /// `written` (what the writer named, all visible to it) with the `stored` items it cannot
    /// see kept where they were: the stored list's visible places take the written items in
    /// order, written items beyond them come last. A PUT of what a GET showed changes nothing.
    public static func keepingUnseen<Item: Equatable>(_ written: [Item], stored: [Item], sees: (Item) -> Bool) -> [Item] {
        guard stored.contains(where: { !sees($0) }) else { return written }
        var queue = written[...]
        var items: [Item] = []
        for item in stored {
            if !sees(item) { items.append(item) } else if let next = queue.popFirst() { items.append(next) }
        }
        items.append(contentsOf: queue)
        return items
    }

    /// The content types a morph payload names in `__type` (in a list, or its connect, disconnect, set).
    package static func namedTypes(_ value: Value, schema: SiteSchema) -> [String] {
        switch value {
        case .array(let items):
            return items.flatMap { namedTypes($0, schema: schema) }
        case .object(let object):
            if case .string(let given)? = object["__type"] { return MorphLink.type(named: given, in: schema).map { [$0.singularName] } ?? [] }
            return ["connect", "disconnect", "set"].flatMap { object[$0].map { namedTypes($0, schema: schema) } ?? [] }
        default:
            return []
        }
    }
}
