/// One value per document of a collection, by position, plus how to compute it: reading an
/// array is far cheaper than looking a key up in every document's fields, and keeping the
/// extractor lets a changed collection recompute only its new documents. Values sit in chunks
/// of 1,024 shared between snapshots, so a write that changes a few documents copies (and
/// later frees) a few chunks, not the whole column.
struct Column<Element: Sendable>: Sendable {
    static var chunkShift: Int { 10 }
    static var chunkSize: Int { 1 << chunkShift }

    let extract: @Sendable (DocumentVersion) -> Element
    private(set) var chunks: [[Element]]
    private(set) var count: Int

    init(_ documents: [DocumentVersion], extract: @escaping @Sendable (DocumentVersion) -> Element) {
        self.extract = extract
        chunks = stride(from: 0, to: documents.count, by: Self.chunkSize).map { start in
            documents[start..<min(start + Self.chunkSize, documents.count)].map(extract)
        }
        count = documents.count
    }

    subscript(position: Int) -> Element { chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] }
    subscript(position: Int32) -> Element { self[Int(position)] }

    /// Every value with its position, in order.
    func forEach(_ body: (Int, Element) -> Void) {
        for (index, chunk) in chunks.enumerated() {
            let base = index << Self.chunkShift
            for (offset, value) in chunk.enumerated() { body(base + offset, value) }
        }
    }

    func carried(over delta: PositionDelta, documents: [DocumentVersion]) -> Column {
        guard delta.isStable else { return Column(documents, extract: extract, from: self, delta: delta) }
        // Kept documents kept their positions: only the chunks holding changed ones are copied.
        var next = self
        while next.count > documents.count { next.removeLast() }
        for position in delta.fresh.map(Int.init) {
            let value = extract(documents[position])
            if position < next.count {
                next.chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] = value
            } else {
                next.append(value)
            }
        }
        return next
    }

    /// Positions moved: every value is placed anew, old ones reused.
    private init(_ documents: [DocumentVersion], extract: @escaping @Sendable (DocumentVersion) -> Element, from old: Column, delta: PositionDelta) {
        self.extract = extract
        chunks = []
        count = 0
        for position in documents.indices {
            let previous = delta.newToOld[position]
            append(previous >= 0 ? old[Int(previous)] : extract(documents[position]))
        }
    }

    private mutating func append(_ value: Element) {
        if count & (Self.chunkSize - 1) == 0 { chunks.append([]) }
        chunks[chunks.count - 1].append(value)
        count += 1
    }

    private mutating func removeLast() {
        chunks[chunks.count - 1].removeLast()
        if chunks[chunks.count - 1].isEmpty { chunks.removeLast() }
        count -= 1
    }
}

/// Sort keys by position: a field's column, or the derived keys of a path.
protocol KeyColumn {
    subscript(key position: Int) -> ScalarKey? { get }
}

extension Column: KeyColumn where Element == ScalarKey? {
    subscript(key position: Int) -> ScalarKey? { self[position] }
}

extension Array: KeyColumn where Element == ScalarKey? {
    subscript(key position: Int) -> ScalarKey? { self[position] }
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
