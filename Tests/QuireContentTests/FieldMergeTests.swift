import Testing
@testable import QuireContent

@Suite struct FieldMergeTests {
    private var article: ContentType { Fixtures.schema.contentType(singular: "article")! }

    @Test func takesEachSidesChangesAndKeepsSchemaOrder() {
        let base: OrderedObject = ["title": .string("A"), "views": .int(1), "summary": .string("s")]
        let published: OrderedObject = ["title": .string("A"), "views": .int(2), "summary": .string("s")]
        let draft: OrderedObject = ["summary": .string("t"), "title": .string("B"), "views": .int(1)]
        let outcome = FieldMerge.merge(base: base, published: published, draft: draft, type: article)
        #expect(outcome.conflicts.isEmpty)
        #expect(outcome.fields == ["title": .string("B"), "summary": .string("t"), "views": .int(2)])
    }

    @Test func sameChangeOnBothSidesIsNoConflictButDifferentOnesAre() {
        let base: OrderedObject = ["title": .string("A"), "views": .int(1)]
        let outcome = FieldMerge.merge(
            base: base, published: ["title": .string("B"), "views": .int(5)], draft: ["title": .string("B"), "views": .int(7), "secret": .string("x")],
            type: article)
        #expect(outcome.conflicts == [FieldConflict(field: "views", base: .int(1), published: .int(5), draft: .int(7))])
        let removed = FieldMerge.merge(base: base, published: ["title": .string("A")], draft: ["title": .string("A"), "views": .int(2)], type: article)
        #expect(removed.conflicts.map(\.field) == ["views"], "cleared on one side, changed on the other")
        let secret = FieldMerge.merge(base: [:], published: ["secret": .string("p")], draft: ["secret": .string("q")], type: article)
        #expect(secret.conflicts == [FieldConflict(field: "secret", base: nil, published: nil, draft: nil)], "password values never reported")
    }
}
