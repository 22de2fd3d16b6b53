import Testing
@testable import QuireContent

private let codec = DocumentCodec(schema: Fixtures.schema)

/// The fast reader against Yams on the same bytes: every node it gives must be the node Yams
/// composes (text, style, tag, marks, key order), and whatever it declines must read exactly as
/// before (same node, or the same error and line).
@Suite struct YAMLFastReaderTests {
    @Test(arguments: [(UInt64(1), false), (2, false), (3, true), (4, true)])
    func documentsQuireWritesReadAsYamsReadsThem(seed: UInt64, tricky: Bool) throws {
        var random = SeededRandom(seed: seed)
        var accepted = 0
        let total = 600
        for _ in 0..<total {
            let fields = YAMLRandomDocuments.article(&random, tricky: tricky)
            let bytes = codec.encode(fields, type: Fixtures.articleType, format: .yaml)
            if try YAMLNodeComparison.check(bytes) == .accepted { accepted += 1 }
        }
        // Most of what Quire writes must take the fast path, or the test proves nothing. Tricky
        // documents are declined more often (arrays of arrays, keys over 128 characters, text
        // starting with a blank or a BOM, plain text starting with `:`), prose seldom.
        #expect(accepted * 100 >= total * (tricky ? 30 : 80), "only \(accepted) of \(total) accepted")
    }

    @Test(arguments: [UInt64(11), 12, 13, 14])
    func mutatedDocumentsReadAsYamsReadsThem(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var outcomes: [YAMLNodeComparison.Outcome: Int] = [:]
        for _ in 0..<800 {
            let fields = YAMLRandomDocuments.article(&random)
            let bytes = YAMLRandomDocuments.mutate(codec.encode(fields, type: Fixtures.articleType, format: .yaml), &random)
            outcomes[try YAMLNodeComparison.check(bytes), default: 0] += 1
        }
        #expect(outcomes[.accepted, default: 0] >= 100, "\(outcomes)")
        #expect(outcomes[.declined, default: 0] >= 100, "\(outcomes)")
    }

    @Test func handWrittenEdgesAreReadByTheFastReaderAsByYams() throws {
        for text in YAMLHandWritten.accepted {
            #expect(try YAMLNodeComparison.check(Array(text.utf8)) == .accepted, "\(text.debugDescription)")
        }
    }

    @Test func whatItDoesNotKnowIsLeftToYams() throws {
        for text in YAMLHandWritten.declined {
            #expect(try YAMLNodeComparison.check(Array(text.utf8)) == .declined, "\(text.debugDescription)")
        }
        for bytes in YAMLHandWritten.invalidUTF8 {
            #expect(try YAMLNodeComparison.check(bytes) == .declined, "\(bytes)")
        }
    }

    /// Flow sequences are not written by Quire but by people and generators (`tags: [a, b]`).
    @Test func flowSequencesReadAsYamsReadsThem() throws {
        let items = ["tag-001", "a b", "é", "😀", "~", "null", "1.5", "-1", "+1", "a:b", "a: b", "#x", "a #b", "a#b", "[x]",
                     "{x}", "", " ", "a,b", "'q'", "'it''s'", "\"x\\ty\"", "\"\\q\"", "*x", "&x", "!x", "?", "a?", "<<", "x(y)"]
        let separators = [", ", ",", " , ", ",  ", " ,"]
        var random = SeededRandom(seed: 21)
        var outcomes: [YAMLNodeComparison.Outcome: Int] = [:]
        for _ in 0..<3000 {
            let count = Int.random(in: 1...4, using: &random)
            var text = "title: x\ntags: [" + (Bool.random(using: &random) ? "" : " ")
            for index in 0..<count {
                if index > 0 { text += separators.randomElement(using: &random)! }
                text += items.randomElement(using: &random)!
            }
            text += ["]", " ]", ",]", "] # c", "]x"].randomElement(using: &random)! + "\nnext: y\n"
            outcomes[try YAMLNodeComparison.check(Array(text.utf8)), default: 0] += 1
        }
        #expect(outcomes[.accepted, default: 0] >= 300, "\(outcomes)")
    }

    @Test func trickyStringsInEveryPositionReadAsYamsReadsThem() throws {
        for string in trickyStrings {
            let value = Value.string(string)
            let fields: OrderedObject = [
                "summary": value, "tags": .array([value, .string("x")]), "extra": .object([string: value, "next": value]),
                "sections": .array([.object(["__component": .string("sections.text"), "body": value, "count": .int(1)])]),
            ]
            _ = try YAMLNodeComparison.check(codec.encode(fields, type: Fixtures.articleType, format: .yaml))
        }
    }

    /// Declined files reach Yams as before: the duplicate key, the syntax error, the
    /// anchor's value are reported or read exactly as they were.
    @Test func declinedFilesGiveTheProblemsTheyGaveBefore() {
        let duplicate = Fixtures.decode("title: First\nsummary: x\ntitle: Second\n")
        #expect(duplicate.fields == nil)
        #expect(duplicate.problems.map(\.message) == ["duplicate key 'title'"])
        #expect(duplicate.problems.map(\.line) == [1])

        let equivalent = Fixtures.decode("title: Hello\nextra:\n  é: 1\n  e\u{301}: 2\n")
        #expect(equivalent.problems.map(\.message) == ["duplicate key 'é'"])

        let broken = Fixtures.decode("title: Hello\nsummary: 'open\n")
        #expect(broken.fields == nil)
        #expect(broken.problems.first?.message.hasPrefix("YAML syntax error") == true)

        let anchored = Fixtures.decode("title: &t Hello\nsummary: *t\n")
        #expect(anchored.fields?["summary"] == .string("Hello"))
    }

    /// Lines in problems come from the marks: a wrong type deep in a zone points at its line.
    @Test func problemsPointAtTheLinesTheyPointedAtBefore() {
        let text = "title: Hello\nsections:\n- __component: sections.text\n  body: |\n    two\n    lines\n  count: many\n"
        #expect(YAMLFastReader.compose(Array(text.utf8)) != nil)
        let decoded = Fixtures.decode(text)
        #expect(decoded.problems.map(\.line) == [7])
        #expect(decoded.problems.first?.message.contains("sections[0].count") == true)
    }
}
