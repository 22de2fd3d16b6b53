/// One value per document of a collection, by position, plus how to compute it: reading an
/// array is far cheaper than looking a key up in every document's fields, and keeping the
/// extractor lets a changed collection recompute only its new documents. Values sit in chunks
/// of 1,024 shared between snapshots, so a write that changes a few documents copies (and
/// later frees) a few chunks, not the whole column.
struct Column<Element: Sendable>: Sendable {
    let extract: @Sendable (DocumentVersion) -> Element
    private(set) var values: ChunkedArray<Element>

    init(_ documents: some Collection<DocumentVersion>, extract: @escaping @Sendable (DocumentVersion) -> Element) {
        self.extract = extract
        values = ChunkedArray(documents.lazy.map(extract))
    }

    var count: Int { values.count }

    subscript(position: Int) -> Element { values[position] }
    subscript(position: Int32) -> Element { values[Int(position)] }

    /// Every value with its position, in order.
    func forEach(_ body: (Int, Element) -> Void) {
        values.forEachIndexed(body)
    }

    /// The column of the collection `documents` that `delta` made: the kept prefix is shared,
    /// replaced values are recomputed, and the tail is rebuilt from old values where it can.
    func carried(over delta: PositionDelta, documents: DocumentList) -> Column {
        var next = self
        next.values.truncate(to: delta.prefix)
        for position in delta.replaced {
            next.values.replace(at: Int(position), with: extract(documents[Int(position)]))
        }
        for (offset, old) in delta.tailNewToOld.enumerated() {
            next.values.append(old >= 0 ? values[Int(old)] : extract(documents[delta.prefix + offset]))
        }
        return next
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
