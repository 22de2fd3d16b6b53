/// An array kept in chunks of 1,024 that snapshots share: changing one element copies its
/// chunk and the short list of chunks, not every element, so a write into a large collection
/// costs what it changes. Every chunk but the last is full, so a position is two shifts away.
public struct ChunkedArray<Element>: RandomAccessCollection {
    static var chunkShift: Int { 10 }
    static var chunkSize: Int { 1 << chunkShift }

    private(set) var chunks: [[Element]] = []
    public private(set) var count: Int = 0

    init() {}

    init<Source: Sequence>(_ elements: Source) where Source.Element == Element {
        for element in elements { append(element) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Element {
        chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)]
    }

    mutating func replace(at position: Int, with element: Element) {
        chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] = element
    }

    mutating func append(_ element: Element) {
        if count & (Self.chunkSize - 1) == 0 { chunks.append([]) }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// Keeps the first `length` elements: whole chunks past it are dropped, not copied.
    mutating func truncate(to length: Int) {
        guard length < count else { return }
        let kept = (length + Self.chunkSize - 1) >> Self.chunkShift
        chunks.removeLast(chunks.count - kept)
        if length & (Self.chunkSize - 1) != 0 {
            chunks[kept - 1].removeLast(chunks[kept - 1].count - (length & (Self.chunkSize - 1)))
        }
        count = length
    }

    /// Every element with its position, in order, without per-element index arithmetic.
    func forEachIndexed(_ body: (Int, Element) -> Void) {
        for (index, chunk) in chunks.enumerated() {
            let base = index << Self.chunkShift
            for (offset, value) in chunk.enumerated() { body(base + offset, value) }
        }
    }
}

extension ChunkedArray: Sendable where Element: Sendable {}
