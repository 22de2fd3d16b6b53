import Testing
@testable import QuireContent

/// What `quire validate` (and the health endpoint) learn from one read of a file.
@Suite struct ProblemReportTests {
    @Test func everyProblemOfAFileIsReportedInOneRun() {
        let decoded = Fixtures.decode("""
            title: Hello
            views: lots
            category: gossip
            seo: { metaTitle: [a, b] }
            """)
        #expect(decoded.fields == nil)
        let messages = decoded.problems.map(\.message)
        #expect(messages.contains { $0.contains("'views'") }, "\(messages)")
        #expect(messages.contains { $0.contains("category must be one of the following values") }, "the enum error shows with the type error: \(messages)")
        #expect(messages.contains { $0.contains("'seo.metaTitle'") }, "\(messages)")
        #expect(!messages.contains { $0.contains("seo.metaTitle must be defined") }, "a wrong type is not also missing: \(messages)")
        #expect(decoded.problems.allSatisfy { $0.line > 0 }, "each with its line")
    }

    @Test func aPlainPasswordIsReportedByFieldNotValueAndTheDocumentStillReads() throws {
        let decoded = Fixtures.decode("title: Hello\nsecret: hunter2\n")
        #expect(decoded.fields?["title"] == .string("Hello"))
        #expect(decoded.problems.count == 1)
        let problem = try #require(decoded.problems.first)
        #expect(problem.line == 2)
        #expect(problem.message.contains("'secret'") && problem.message.contains("plain text"))
        #expect(!problem.message.contains("hunter2"))
    }

    @Test func bcryptHashesAreRecognised() {
        #expect(PasswordValues.isHash("$2b$10$" + String(repeating: "a", count: 53)))
        #expect(PasswordValues.isHash("$2y$04$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0"))
        #expect(!PasswordValues.isHash("$2b$10$" + String(repeating: "a", count: 52)))
        #expect(!PasswordValues.isHash("$2x$10$" + String(repeating: "a", count: 53)))
        #expect(!PasswordValues.isHash("$2b$10$" + String(repeating: "!", count: 53)))
        #expect(PasswordValues.needsHash(.string("")) == nil, "empty means no password")
        #expect(PasswordValues.needsHash(.string("pw")) == "pw")
    }
}
