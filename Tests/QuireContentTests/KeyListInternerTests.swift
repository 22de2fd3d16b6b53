import Testing
@testable import QuireContent

/// Objects built with the same keys in the same order share one key list, and sharing never
/// lets a change to one object show in another.
@Suite struct KeyListInternerTests {
    private func storage(_ keys: [String]) -> UnsafeRawPointer? {
        keys.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    @Test func objectsWithTheSameKeysShareOneList() {
        let first = OrderedObject(uniqueKeys: ["title", "slug", "body"], values: [.string("a"), .string("b"), .null])
        let second = OrderedObject(uniqueKeys: ["title", "slug", "body"], values: [.string("c"), .string("d"), .null])
        let reordered = OrderedObject(uniqueKeys: ["slug", "title", "body"], values: [.string("c"), .string("d"), .null])
        #expect(storage(first.keys) == storage(second.keys))
        #expect(storage(first.keys) != storage(reordered.keys))
    }

    @Test func changingASharedObjectLeavesTheOthersAlone() {
        var first = OrderedObject(uniqueKeys: ["title", "rating"], values: [.string("a"), .int(1)])
        let second = OrderedObject(uniqueKeys: ["title", "rating"], values: [.string("b"), .int(2)])
        first["extra"] = .bool(true)
        first["title"] = nil
        #expect(first.keys == ["rating", "extra"])
        #expect(second.keys == ["title", "rating"])
        #expect(second["title"] == .string("b"))
        #expect(OrderedObject(uniqueKeys: ["title", "rating"], values: [.null, .null]).keys == ["title", "rating"])
    }

    @Test func pastItsCapacityListsAreKeptUnshared() {
        let interner = KeyListInterner(capacity: 2)
        let a = interner.intern(["a"])
        #expect(storage(interner.intern(["a"])) == storage(a))
        _ = interner.intern(["b"])
        let c1 = interner.intern(["c"])
        let c2 = interner.intern(["c"])
        #expect(interner.count == 2)
        #expect(c1 == ["c"] && c2 == ["c"])
        #expect(storage(c1) != storage(c2))
    }

    @Test func decodedDocumentsShareTheirKeyLists() throws {
        let schema = SiteSchema.load(files: [("schemas/note.yaml", Array("""
            kind: collectionType
            info: {singularName: note, pluralName: notes}
            attributes:
              title: {type: string}
              rating: {type: integer}
            """.utf8))])
        let type = try #require(schema.contentType(singular: "note"))
        let codec = DocumentCodec(schema: schema)
        let one = try #require(codec.decode(Array("title: One\nrating: 1\n".utf8), format: .yaml, type: type, path: "a.yaml").fields)
        let two = try #require(codec.decode(Array("title: Two\nrating: 2\n".utf8), format: .yaml, type: type, path: "b.yaml").fields)
        #expect(storage(one.keys) == storage(two.keys))
    }
}
