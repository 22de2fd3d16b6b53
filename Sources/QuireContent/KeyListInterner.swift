import Synchronization

/// One stored copy of each key list that documents repeat: every article of a type decodes to
/// objects with the same keys in schema order, and a separate array per object and document
/// cost about 0.5 KB a document (tens of MiB at 100,000). Arrays are copy-on-write, so an object
/// that later adds or removes a key gets its own copy and the shared one never changes.
///
/// Bounded: free-form keys (a `json` field holding user data) would otherwise grow it without
/// end, so past `capacity` distinct lists new ones are kept unshared.
public final class KeyListInterner: Sendable {
    public static let shared = KeyListInterner(capacity: 4_096)

    private let capacity: Int
    private let lists = Mutex<Set<[String]>>([])

    public init(capacity: Int) {
        self.capacity = capacity
    }

    public func intern(_ keys: [String]) -> [String] {
        guard !keys.isEmpty else { return [] }
        return lists.withLock { lists in
            if let index = lists.firstIndex(of: keys) { return lists[index] }
            guard lists.count < capacity else { return keys }
            lists.insert(keys)
            return keys
        }
    }

    /// How many distinct lists are held.
    public var count: Int { lists.withLock { $0.count } }
}
