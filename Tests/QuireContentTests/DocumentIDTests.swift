import Testing
@testable import QuireContent

@Suite struct DocumentIDTests {
    @Test(arguments: ["a", "A9", "biscotte", "2024.post_1-b", "x" + String(repeating: "y", count: 127)])
    func acceptsValidIds(id: String) {
        #expect(DocumentID.isValid(id))
    }

    @Test(arguments: ["", ".hidden", "-dash", "_under", "a/b", "a b", "é", "a\u{0}", "..", "x" + String(repeating: "y", count: 128)])
    func rejectsInvalidIds(id: String) {
        #expect(!DocumentID.isValid(id))
    }

    @Test func generatesStrapiLikeIds() {
        var seen: Set<String> = []
        for _ in 0..<200 {
            let id = DocumentID.generate()
            #expect(id.count == 24)
            #expect(id.first?.isLetter == true)
            #expect(id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
            #expect(DocumentID.isValid(id))
            seen.insert(id)
        }
        #expect(seen.count == 200)
    }
}
