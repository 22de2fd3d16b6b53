import Foundation
import QuireContent
import QuireGit
import Testing

/// A first load reads blobs in pack order, not path order: what it returns must still follow
/// the files it was given, one document for each.
@Suite struct PackOrderLoadTests {
    @Test func documentsReadInPackOrderComeBackInTheOrderOfTheFiles() async throws {
        let (path, _) = try await SavedIndexTests.makeSite(documents: 2_200)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.repackInReverse(path)
        let repository = try Repository.open(at: path)
        let store = SiteStore(repository: repository)
        let tip = try #require(try await repository.resolveReference("refs/heads/main"))
        let tree = try await repository.commit(tip).tree
        let definition = try await store.readDefinition(tree: tree)
        let files = try await store.documentFiles(tree: tree)
        #expect(files.count > 2_048)
        let order = repository.packOrder(of: files.map(\.blob))
        #expect(order.first == files.count - 1, "the pack lists the last path first")

        let heard = Heard()
        let loaded = try await store.loadDocuments(files, definition: definition) { done, total in heard.add(done, total) }
        #expect(loaded.map(\.path) == files.map(\.path))
        #expect(loaded.map(\.blob) == files.map(\.blob))
        for (file, document) in zip(files, loaded) {
            let alone = try await store.loadDocuments([file], definition: definition)
            #expect(document.fields != nil && document.fields == alone.first?.fields, "\(file.path)")
        }
        let calls = heard.calls
        #expect(calls.last == [files.count, files.count] && calls.map { $0[0] } == calls.map { $0[0] }.sorted())
    }

    /// One pack holding every object in the reverse of git's usual (path) order, as a pack made
    /// by `git fast-import` or by history rewrites can be.
    static func repackInReverse(_ path: String) throws {
        let script = """
            set -e
            git repack -a -d -q
            old=$(ls .git/objects/pack/*.pack .git/objects/pack/*.idx)
            git rev-list --objects --all | cut -c1-40 | tac | git pack-objects -q .git/objects/pack/pack > /dev/null
            rm -f $old
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: path)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

private final class Heard: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [[Int]] = []
    func add(_ done: Int, _ total: Int) { lock.withLock { list.append([done, total]) } }
    var calls: [[Int]] { lock.withLock { list } }
}
