/// One value per document of a collection, by position, plus how to compute it: reading an
/// array is far cheaper than looking a key up in every document's fields, and keeping the
/// extractor lets a changed collection recompute only its new documents.
struct Column<Element: Sendable>: Sendable {
    let extract: @Sendable (DocumentVersion) -> Element
    let values: [Element]

    init(_ documents: [DocumentVersion], extract: @escaping @Sendable (DocumentVersion) -> Element) {
        self.extract = extract
        self.values = documents.map(extract)
    }

    private init(extract: @escaping @Sendable (DocumentVersion) -> Element, values: [Element]) {
        self.extract = extract
        self.values = values
    }

    subscript(position: Int32) -> Element { values[Int(position)] }

    func carried(over delta: PositionDelta, documents: [DocumentVersion]) -> Column {
        var next: [Element] = []
        next.reserveCapacity(documents.count)
        for position in documents.indices {
            let old = delta.newToOld[position]
            next.append(old >= 0 ? values[Int(old)] : extract(documents[position]))
        }
        return Column(extract: extract, values: next)
    }
}

/// How positions moved when a collection changed: documents kept, dropped and (re)inserted.
struct PositionDelta: Sendable {
    /// For each old position, its new position, or -1 if the document left or changed.
    let oldToNew: [Int32]
    /// For each new position, its old position, or -1 for a new or changed version.
    let newToOld: [Int32]
    /// New positions holding new or changed versions, ascending.
    let fresh: [Int32]
    /// Whether every kept document kept its position (updates in place, appends at the end).
    let isStable: Bool

    init(oldToNew: [Int32], newToOld: [Int32]) {
        self.oldToNew = oldToNew
        self.newToOld = newToOld
        var fresh: [Int32] = []
        for (position, old) in newToOld.enumerated() where old < 0 { fresh.append(Int32(position)) }
        self.fresh = fresh
        var stable = true
        for (old, new) in oldToNew.enumerated() where new >= 0 && Int(new) != old {
            stable = false
            break
        }
        self.isStable = stable
    }

    /// Old positions whose documents left or changed.
    var dropped: [Int32] {
        var result: [Int32] = []
        for (old, new) in oldToNew.enumerated() where new < 0 { result.append(Int32(old)) }
        return result
    }
}
