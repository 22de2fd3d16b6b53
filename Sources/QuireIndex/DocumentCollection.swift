import QuireContent

/// The documents of one type in one locale and view, in default order (creation time, then
/// documentId): the order a list without `sort` returns, and stable across restarts.
public struct DocumentCollection: Sendable {
    public private(set) var documents: [DocumentVersion] = []
    private var positions: [String: Int] = [:]

    public init() {}

    init(_ versions: [DocumentVersion]) {
        documents = versions.sorted(by: Self.precedes)
        reindex()
    }

    public var count: Int { documents.count }

    public func document(_ documentId: String) -> DocumentVersion? {
        positions[documentId].map { documents[$0] }
    }

    /// A copy with `upserts` in place of (or in addition to) their former versions and `removals` gone.
    func applying(upserts: [DocumentVersion], removals: Set<String>) -> DocumentCollection {
        var copy = self
        let replaced = removals.union(upserts.map(\.key.documentId))
        if !replaced.isEmpty {
            copy.documents.removeAll { replaced.contains($0.key.documentId) }
        }
        for version in upserts {
            let index = copy.insertionIndex(for: version)
            copy.documents.insert(version, at: index)
        }
        copy.reindex()
        return copy
    }

    private func insertionIndex(for version: DocumentVersion) -> Int {
        var low = 0
        var high = documents.count
        while low < high {
            let middle = (low + high) / 2
            if Self.precedes(documents[middle], version) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private mutating func reindex() {
        positions = Dictionary(uniqueKeysWithValues: documents.enumerated().map { ($1.key.documentId, $0) })
    }

    static func precedes(_ a: DocumentVersion, _ b: DocumentVersion) -> Bool {
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        return a.key.documentId < b.key.documentId
    }
}
