import QuireContent
@testable import QuireIndex
import Testing

@Suite struct QueryIndexTests {
    static let article = QueryFixture.type("article")

    /// Runs random queries through the index-based path and through a scan of every document,
    /// and requires the same totals and the same pages in the same order.
    @discardableResult
    func compare(_ snapshot: SiteSnapshot, queries: inout RandomQueries, rounds: Int) throws -> [Int] {
        var totals: [Int] = []
        for round in 0..<rounds {
            let query = DocumentQuery(filter: queries.filter(), sort: queries.sort())
            let expected: (total: Int, documents: [DocumentVersion])
            do {
                expected = try snapshot.scan(query, type: Self.article, view: .published, locale: "en")
            } catch {
                continue  // an operand the field cannot take: both paths refuse it the same way
            }
            let result = try snapshot.query(query, type: Self.article, view: .published, locale: "en")
            #expect(result.total == expected.total, "round \(round): \(query)")
            totals.append(expected.total)
            let window = queries.window(total: expected.total)
            let page = result.documents(in: window).map(\.key.documentId)
            let reference = expected.documents[window.clamped(to: 0..<expected.documents.count)].map(\.key.documentId)
            #expect(page == reference, "round \(round): \(query) window \(window)")
            if page != reference { return totals }
        }
        return totals
    }

    @Test func indexedQueriesMatchAScan() throws {
        let (snapshot, random) = QueryFixture.snapshot(articles: 3000, seed: 42)
        var queries = RandomQueries(random: random)
        let totals = try compare(snapshot, queries: &queries, rounds: 300)
        // The generator must produce selective, broad and empty results, or the test proves little.
        #expect(totals.filter { $0 == 0 }.count > 5)
        #expect(totals.filter { $0 > 0 && $0 < 300 }.count > 25)
        #expect(totals.filter { $0 > 1500 }.count > 30)
    }

    /// After a write, the next collection inherits the indexes and patches them; they must
    /// answer exactly like a scan of the new documents.
    @Test func carriedOverIndexesMatchAScan() throws {
        var (snapshot, random) = QueryFixture.snapshot(articles: 2000, seed: 7)
        var queries = RandomQueries(random: random)
        try compare(snapshot, queries: &queries, rounds: 60)
        for step in 0..<6 {
            let key = CollectionKey(view: .published, locale: "en", type: "article")
            let collection = snapshot.collections[key]!
            var upserts: [DocumentVersion] = []
            if step % 2 == 1 {
                // Edits that keep creation times, and documents created after all others: the
                // indexes are patched in place instead of remapped.
                for position in (0..<4).map({ _ in Int.random(in: 0..<collection.slotCount, using: &queries.random) }) where !collection.slots[position].isRemoved {
                    let old = collection.slots[position]
                    let index = Int(old.key.documentId.dropFirst("article-".count))!
                    upserts.removeAll { $0.key.documentId == old.key.documentId }
                    upserts.append(QueryFixture.article(index, created: old.createdAt, using: &queries.random))
                }
                for index in 0..<3 { upserts.append(QueryFixture.article(20000 + step * 10 + index, created: 1000 + Int64(step), using: &queries.random)) }
            }
            for index in 0..<(step % 2 == 1 ? 0 : step == 4 ? 300 : 5) {
                // Replace some documents (some move: their creation time changes) and add new ones.
                let target = index % 2 == 0 ? Int.random(in: 0..<2000, using: &queries.random) : 5000 + step * 1000 + index
                let fresh = QueryFixture.article(target, using: &queries.random)
                upserts.removeAll { $0.key.documentId == fresh.key.documentId }
                upserts.append(fresh)
            }
            let removals: Set<String> = step % 2 == 0 ? ["article-\(Int.random(in: 0..<2000, using: &queries.random))", "article-11"] : []
            var collections = snapshot.collections
            collections[key] = collection.applying(upserts: upserts, removals: removals.subtracting(upserts.map(\.key.documentId)))
            snapshot = SiteSnapshot(definition: snapshot.definition, mainTip: nil, problems: [], collections: collections)
            let applied = collections[key]!
            if step % 2 == 1 {
                #expect(applied.slots.prefix(collection.slotCount).map(\.key.documentId) == collection.slots.map(\.key.documentId))
                #expect(applied.count == collection.count + 3)
            }
            #expect(applied.slots.indices.allSatisfy { applied.slots[$0].isRemoved || applied.position(of: applied.slots[$0].key.documentId) == $0 })
            #expect(removals.subtracting(upserts.map(\.key.documentId)).allSatisfy { applied.document($0) == nil })
            try compare(snapshot, queries: &queries, rounds: 60)
        }
    }

    @Test func carriedOverCollectionKeepsDefaultOrder() {
        let (snapshot, _) = QueryFixture.snapshot(articles: 50, seed: 3)
        let key = CollectionKey(view: .published, locale: "en", type: "article")
        var random = SeededGenerator(state: 9)
        let upserts = (0..<10).map { QueryFixture.article($0 * 7, using: &random) }
        let applied = snapshot.collections[key]!.applying(upserts: upserts, removals: ["article-1"])
        let rebuilt = DocumentCollection(applied.documents)
        #expect(applied.documents.map(\.key.documentId) == rebuilt.documents.map(\.key.documentId))
        #expect(applied.document("article-1") == nil)
        #expect(applied.count == 51, "56 and 63 are new, article-1 is gone")
    }
}
