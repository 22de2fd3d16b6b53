import Testing
@testable import QuireIndex

/// Case-insensitive matching and `_q` signatures read stored text without a lowercased copy
/// of it: for every text they must answer exactly what matching the lowercased text answers.
@Suite struct CaseFoldingTests {
    /// Upper and lower ASCII, and characters whose lowercase differs in length or is ASCII
    /// (`İ` → `i̇`, the Kelvin sign → `k`).
    static let alphabet: [String] = ["a", "A", "b", "B", "k", "K", "z", "Z", "0", " ", "-", "é", "É", "ß", "İ", "\u{212A}", "ı"]

    @Test func matchingStoredTextEqualsMatchingItsLowercase() {
        var random = SeededGenerator(state: 31)
        let kinds: [TextPattern.Kind] = [.equal, .contains, .prefix, .suffix]
        for round in 0..<20_000 {
            let asciiOnly = round % 2 == 0
            let letters = asciiOnly ? Array(Self.alphabet.prefix(11)) : Self.alphabet
            // Long texts too: `contains` reads 16 starting points at a time past 16 bytes.
            let length = Int.random(in: 0...(round % 3 == 0 ? 60 : 8), using: &random)
            let text = (0..<length).map { _ in letters.randomElement(using: &random)! }.joined()
            // Needles taken from the text itself as often as made up, so matches happen.
            let lowered = text.lowercased()
            let needle: String
            if Bool.random(using: &random), !lowered.isEmpty {
                let bytes = Array(lowered.utf8)
                let start = Int.random(in: 0..<bytes.count, using: &random)
                let end = Int.random(in: start...bytes.count, using: &random)
                needle = String(decoding: bytes[start..<end], as: UTF8.self)
            } else {
                needle = (0..<Int.random(in: 0...3, using: &random)).map { _ in letters.randomElement(using: &random)! }.joined().lowercased()
            }
            for kind in kinds {
                for negated in [false, true] {
                    let pattern = TextPattern(kind: kind, negated: negated, foldsCase: true, needle: Array(needle.utf8))
                    #expect(pattern.matches(stored: text) == pattern.matches(lowered), "\(kind) \(negated) '\(needle)' in '\(text)'")
                }
            }
        }
    }

    @Test func aPatternThatKeepsCaseIsUnchanged() {
        let pattern = TextPattern(kind: .contains, negated: false, foldsCase: false, needle: Array("Beta".utf8))
        #expect(pattern.matches(stored: "alpha Beta"))
        #expect(!pattern.matches(stored: "alpha beta"))
    }

    @Test func signaturesOfStoredTextEqualSignaturesOfItsLowercase() {
        var random = SeededGenerator(state: 7)
        for _ in 0..<5_000 {
            let texts = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                (0..<Int.random(in: 0...12, using: &random)).map { _ in Self.alphabet.randomElement(using: &random)! }.joined()
            }
            var expected = TextSignature()
            for text in texts { expected |= TextSignatures.of(Array(text.lowercased().utf8)) }
            #expect(TextSignatures.of(folding: texts) == expected, "\(texts)")
        }
    }
}
