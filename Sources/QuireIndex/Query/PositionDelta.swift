/// How positions moved when a collection changed. Below `prefix` every document kept its
/// position; some of those were replaced in place (`replaced`). From `prefix` on, the tail was
/// rebuilt, and its mapping is spelled out. Creates land at the end and updates keep their
/// place, so the tail is usually empty or short, and carrying an index over costs what changed.
struct PositionDelta: Sendable {
    let prefix: Int
    let oldCount: Int
    let newCount: Int
    /// Positions below `prefix` whose version changed, ascending.
    let replaced: [Int32]
    /// For old positions `prefix...`: the new position, or -1 if the document left or changed.
    let tailOldToNew: [Int32]
    /// For new positions `prefix...`: the old position, or -1 for a new or changed version.
    let tailNewToOld: [Int32]

    init(prefix: Int, oldCount: Int, replaced: [Int32], tailOldToNew: [Int32], tailNewToOld: [Int32]) {
        self.prefix = prefix
        self.oldCount = oldCount
        self.newCount = prefix + tailNewToOld.count
        self.replaced = replaced
        self.tailOldToNew = tailOldToNew
        self.tailNewToOld = tailNewToOld
    }

    /// The new position of an old one, or -1 if its document left or changed.
    func oldToNew(_ old: Int32) -> Int32 {
        if Int(old) >= prefix { return tailOldToNew[Int(old) - prefix] }
        return isReplaced(old) ? -1 : old
    }

    /// The old position of a new one, or -1 for a new or changed version.
    func newToOld(_ new: Int32) -> Int32 {
        if Int(new) >= prefix { return tailNewToOld[Int(new) - prefix] }
        return isReplaced(new) ? -1 : new
    }

    private func isReplaced(_ position: Int32) -> Bool {
        var low = 0
        var high = replaced.count
        while low < high {
            let middle = (low + high) / 2
            if replaced[middle] < position { low = middle + 1 } else { high = middle }
        }
        return low < replaced.count && replaced[low] == position
    }

    /// New positions holding new or changed versions, ascending.
    var fresh: [Int32] {
        var result = replaced
        for (offset, old) in tailNewToOld.enumerated() where old < 0 { result.append(Int32(prefix + offset)) }
        return result
    }

    /// Old positions whose documents left or changed, ascending.
    var dropped: [Int32] {
        var result = replaced
        for (offset, new) in tailOldToNew.enumerated() where new < 0 { result.append(Int32(prefix + offset)) }
        return result
    }

    /// Old positions at or past `prefix` whose documents stayed, with their new positions.
    var moved: [(old: Int32, new: Int32)] {
        tailOldToNew.enumerated().compactMap { offset, new in new >= 0 ? (Int32(prefix + offset), new) : nil }
    }
}
