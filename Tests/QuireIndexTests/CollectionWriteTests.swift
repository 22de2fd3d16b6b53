import QuireContent
@testable import QuireIndex
import Testing

/// Long random sequences of writes on the persistent collection (creates at the end, edits in
/// place, deletes that leave placeholders, documents moved or inserted before others, deleted
/// documents coming back, compaction), with the index-based answers held to a scan after each.
@Suite struct CollectionWriteTests {
    static let articleKey = CollectionKey(view: .published, locale: "en", type: "article")
    static let authorKey = CollectionKey(view: .published, locale: "en", type: "author")

    @Test func randomWritesKeepIndexesEqualToAScan() throws {
        var (snapshot, random) = QueryFixture.snapshot(articles: 1500, seed: 11)
        var queries = RandomQueries(random: random)
        try QueryIndexTests().compare(snapshot, queries: &queries, rounds: 40)
        var deleted: [String: Int64] = [:]
        var nextIndex = 10_000
        var compacted = false
        for step in 0..<48 {
            var collections = snapshot.collections
            let articles = collections[Self.articleKey]!
            let live = Array(articles.documents)
            var upserts: [String: DocumentVersion] = [:]
            var removals: Set<String> = []
            func pick() -> DocumentVersion { live[Int.random(in: 0..<live.count, using: &queries.random)] }
            for _ in 0..<Int.random(in: 1...7, using: &queries.random) {
                let gone = pick().key.documentId
                if upserts[gone] == nil { removals.insert(gone) }
            }
            for _ in 0..<Int.random(in: 0...4, using: &queries.random) {
                let old = pick()
                guard !removals.contains(old.key.documentId) else { continue }
                let index = Int(old.key.documentId.dropFirst("article-".count))!
                // Most edits keep the creation time; some move the document.
                let created: Int64? = Int.random(in: 0..<4, using: &queries.random) == 0 ? nil : old.createdAt
                upserts[old.key.documentId] = QueryFixture.article(index, created: created, using: &queries.random)
            }
            for _ in 0..<Int.random(in: 0...3, using: &queries.random) {
                nextIndex += 1
                let created: Int64? = step % 5 == 0 ? nil : 1_000 + Int64(step)  // nil: before others
                upserts["article-\(nextIndex)"] = QueryFixture.article(nextIndex, created: created, using: &queries.random)
            }
            if step % 3 == 1, let (id, created) = deleted.min(by: { $0.key < $1.key }) {
                // A deleted document comes back with its old creation time: into its old slot.
                deleted[id] = nil
                removals.remove(id)
                upserts[id] = QueryFixture.article(Int(id.dropFirst("article-".count))!, created: created, using: &queries.random)
            }
            for id in removals {
                upserts[id] = nil
                deleted[id] = articles.document(id)!.createdAt
            }
            for id in upserts.keys { deleted[id] = nil }
            let applied = articles.applying(upserts: Array(upserts.values), removals: removals)
            if applied.slotCount - applied.count < articles.slotCount - articles.count { compacted = true }
            collections[Self.articleKey] = applied
            if step % 4 == 2 {
                // Relation targets change too: an author leaves, another comes back.
                let authors = collections[Self.authorKey]!
                let author = "author-\(Int.random(in: 0..<40, using: &queries.random))"
                collections[Self.authorKey] = authors.document(author) == nil
                    ? authors.applying(upserts: [QueryFixture.version("author", author, created: 3, fields: ["name": .string("back")])], removals: [])
                    : authors.applying(upserts: [], removals: [author])
            }
            snapshot = SiteSnapshot(definition: snapshot.definition, mainTip: nil, problems: [], collections: collections)

            let documents = Array(applied.documents)
            #expect(applied.count == documents.count)
            #expect(documents.map(\.key.documentId) == DocumentCollection(documents).documents.map(\.key.documentId), "default order")
            #expect(documents.allSatisfy { applied.document($0.key.documentId) === $0 })
            #expect(removals.allSatisfy { applied.document($0) == nil })
            #expect(upserts.values.allSatisfy { applied.document($0.key.documentId) === $0 })
            try QueryIndexTests().compare(snapshot, queries: &queries, rounds: 12)
        }
        #expect(compacted, "enough deletes to compact at least once")
    }

    @Test func aDeleteKeepsEveryOtherPosition() {
        let (snapshot, _) = QueryFixture.snapshot(articles: 200, seed: 5)
        let articles = snapshot.collections[Self.articleKey]!
        let victim = Array(articles.documents)[100].key.documentId
        let applied = articles.applying(upserts: [], removals: [victim])
        #expect(applied.count == 199)
        #expect(applied.slotCount == 200, "the slot stays, as a placeholder")
        for position in 0..<200 where articles.slots[position].key.documentId != victim {
            #expect(applied.slots[position] === articles.slots[position])
        }
    }
}
