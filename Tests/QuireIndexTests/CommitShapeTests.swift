import Foundation
import QuireContent
import QuireGit
import QuireIndex
import QuireSite
import Testing

/// The message, parents and signatures of each kind of commit a write makes, byte for byte:
/// `git log` is the site's audit trail, and other tools (and older servers) read the
/// `Quire-Base` trailer and the parent order.
@Suite struct CommitShapeTests {
    struct Shape: Equatable, CustomStringConvertible {
        var message: String
        var parents: [String]
        var author: String
        var committer: String

        var description: String { "\(message.debugDescription) parents \(parents) by \(author) / \(committer)" }
    }

    static let author = Signature(name: "Ann Editor", email: "ann@example.com")

    let path: String
    let site: Site

    init() async throws {
        (path, site) = try await GroupCommitTests.makeSite()
    }

    func tip(_ reference: String) throws -> String {
        try GroupCommitTests.git(path, "rev-parse", "--verify", "-q", reference).trimmingCharacters(in: .newlines)
    }

    /// The commit as `git cat-file` prints it: parents from the headers, the message exactly.
    func shape(_ reference: String) throws -> Shape {
        let raw = try GroupCommitTests.git(path, "cat-file", "commit", reference)
        let split = raw.range(of: "\n\n")!
        let headers = raw[..<split.lowerBound].split(separator: "\n")
        func person(_ field: String) -> String {
            let line = headers.first { $0.hasPrefix(field + " ") }!.dropFirst(field.count + 1)
            return String(line[..<line.range(of: ">")!.upperBound])
        }
        return Shape(
            message: String(raw[split.upperBound...]),
            parents: headers.filter { $0.hasPrefix("parent ") }.map { String($0.dropFirst("parent ".count)) },
            author: person("author"), committer: person("committer"))
    }

    func expect(_ reference: String, _ message: String, parents: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let who = "Ann Editor <ann@example.com>"
        #expect(try shape(reference) == Shape(message: message, parents: parents, author: who, committer: who), sourceLocation: sourceLocation)
    }

    @discardableResult
    func write(_ operation: WriteRequest.Operation, _ status: View, text: String? = nil) async throws -> WriteResult {
        try await site.write(WriteRequest(
            operation: operation, type: "note", locale: "en", status: status,
            data: text.map { ["text": .string($0)] } ?? [:], author: Self.author))
    }

    func key(_ id: String) -> DocumentKey { DocumentKey(locale: "en", type: "note", documentId: id) }
    func draft(_ id: String) -> String { "refs/heads/drafts/en/note/\(id)" }

    @Test func writesOnMain() async throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        var main = try tip("main")
        try await write(.create(documentId: "one"), .published, text: "1")
        try expect("main", "Create note/one (en)\n", parents: [main])
        let created = try tip("main")
        try await write(.update(documentId: "one"), .published, text: "2")
        try expect("main", "Update note/one (en)\n", parents: [created])
        main = try tip("main")
        try await write(.restore(documentId: "one", commit: ObjectID(hex: created)!), .published)
        try expect("main", "Restore note/one (en) to \(created.prefix(12))\n", parents: [main])
        main = try tip("main")
        try await write(.delete(documentId: "one"), .published)
        try expect("main", "Delete note/one (en)\n", parents: [main])
    }

    @Test func writesOnDraftBranches() async throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        let main = try tip("main")
        try await write(.create(documentId: "two"), .draft, text: "a")
        try expect(draft("two"), "Create draft of note/two (en)\n\nQuire-Base: \(main)\n", parents: [main])
        let first = try tip(draft("two"))
        try await write(.update(documentId: "two"), .draft, text: "b")
        try expect(draft("two"), "Update draft of note/two (en)\n\nQuire-Base: \(main)\n", parents: [first])
        let second = try tip(draft("two"))
        try await write(.restore(documentId: "two", commit: ObjectID(hex: first)!), .draft)
        try expect(draft("two"), "Restore note/two (en) to \(first.prefix(12))\n\nQuire-Base: \(main)\n", parents: [second])
    }

    @Test func publishingAndUnpublishing() async throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await write(.create(documentId: "one"), .published, text: "1")
        try await write(.update(documentId: "one"), .draft, text: "2")
        var draftTip = try tip(draft("one"))
        // main moves after the branch was made: publishing is a merge, draft second.
        try await write(.create(documentId: "other"), .published, text: "x")
        var main = try tip("main")
        try await write(.publish(documentId: "one"), .published)
        try expect("main", "Publish note/one (en)\n", parents: [main, draftTip])
        #expect(try tip(draft("one")).isEmpty)

        // A published write over a pending draft publishes it with the change.
        try await write(.update(documentId: "one"), .draft, text: "3")
        draftTip = try tip(draft("one"))
        main = try tip("main")
        try await write(.update(documentId: "one"), .published, text: "4")
        try expect("main", "Publish note/one (en)\n", parents: [main, draftTip])

        main = try tip("main")
        try await write(.unpublish(documentId: "one"), .published)
        let unpublished = try tip("main")
        try expect("main", "Unpublish note/one (en)\n", parents: [main])
        try expect(draft("one"), "Keep unpublished note/one (en) as a draft\n\nQuire-Base: \(unpublished)\n", parents: [unpublished])
    }

    @Test func releases() async throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await write(.create(documentId: "a"), .draft, text: "a")
        try await write(.create(documentId: "b"), .draft, text: "b")
        let (a, b) = (try tip(draft("a")), try tip(draft("b")))
        var main = try tip("main")
        try await write(.release([key("a"), key("b")], message: nil), .published)
        try expect("main", "Release 2 documents\n\n- Publish note/a (en)\n- Publish note/b (en)\n", parents: [main, a, b])

        try await write(.update(documentId: "a"), .draft, text: "a2")
        let a2 = try tip(draft("a"))
        main = try tip("main")
        try await write(.release([key("a")], message: "Spring issue"), .published)
        try expect("main", "Spring issue\n\n- Publish note/a (en)\n", parents: [main, a2])
    }
}
