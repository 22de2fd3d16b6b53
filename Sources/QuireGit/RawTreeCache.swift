import CGit2

/// The raw bytes of recently read or written trees. The tree a commit writes is the base of the
/// next commit into the same folder, so keeping the last few makes each edit a splice with no
/// read at all. Small on purpose: memory is counted against the site's size.
final class RawTreeCache {
    private var trees: [ObjectID: RawTree] = [:]
    private var order: [ObjectID] = []
    private var totalBytes = 0
    private let maximumBytes: Int
    private let maximumCount: Int

    init(maximumBytes: Int = 16 << 20, maximumCount: Int = 64) {
        self.maximumBytes = maximumBytes
        self.maximumCount = maximumCount
    }

    subscript(id: ObjectID) -> RawTree? {
        trees[id]
    }

    func insert(_ tree: RawTree, for id: ObjectID) {
        guard trees[id] == nil, tree.bytes.count <= maximumBytes else { return }
        trees[id] = tree
        order.append(id)
        totalBytes += tree.bytes.count
        while totalBytes > maximumBytes || order.count > maximumCount {
            let evicted = order.removeFirst()
            totalBytes -= trees.removeValue(forKey: evicted)?.bytes.count ?? 0
        }
    }
}
