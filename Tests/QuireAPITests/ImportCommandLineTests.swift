import Foundation
import Testing

/// `quire import` as a user runs it: the real binary, killed mid-import, problems on stdout.
@Suite struct ImportCommandLineTests {
    static func ndjson(authors: Int, in folder: String) throws -> String {
        let file = folder + "/../" + UUID().uuidString + ".ndjson"
        var text = ""
        text.reserveCapacity(authors * 48)
        for index in 0..<authors { text += #"{"type":"author","data":{"name":"Author \#(index)"}}"# + "\n" }
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    static func authorFiles(_ site: TestSite) throws -> Int {
        try site.git("ls-tree", "-r", "--name-only", "main", "content/en/author/").split(separator: "\n").count
    }

    @Test func sigkillMidImportLeavesASoundRepositoryWithWholeBatchesOnly() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let file = try Self.ndjson(authors: 100_000, in: site.path)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let commitsBefore = Int(try site.git("rev-list", "--count", "main").trimmingCharacters(in: .whitespacesAndNewlines))!

        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        process.arguments = ["import", "--repo", site.path, file, "--batch-size", "250", "--author", "Bulk <bulk@example.com>"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill once a few batches are in: the import is then between or inside batch commits.
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            let commits = Int((try? site.git("rev-list", "--count", "main"))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
            if commits >= commitsBefore + 5 { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        let wasRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(wasRunning, "the import finished before it could be killed: make the input bigger")

        try site.git("fsck", "--strict", "--no-dangling")
        let commits = Int(try site.git("rev-list", "--count", "main").trimmingCharacters(in: .whitespacesAndNewlines))! - commitsBefore
        let imported = try Self.authorFiles(site) - 1
        #expect(commits >= 5)
        #expect(imported == commits * 250, "\(imported) documents in \(commits) commits")
        #expect(imported < 100_000)
    }

    @Test func badInputPrintsEveryProblemWithItsLineAndExitsNonZero() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let file = site.path + "/../" + UUID().uuidString + ".ndjson"
        try #"""
            {"type":"author","data":{"name":"Fine"}}
            {"type":"author","data":{"name":3}}
            not json
            """#.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let tip = try site.git("rev-parse", "main")
        let run = try CommandLineTests.quire("import", "--repo", site.path, file, "--author", "A <a@example.com>")
        #expect(run.status == 1)
        #expect(run.output.contains("line 2: name must be a `string` type"), "\(run.output)")
        #expect(run.output.contains("line 3: JSON syntax error"))
        #expect(run.output.contains("2 problem(s); nothing was imported."))
        #expect(try site.git("rev-parse", "main") == tip)

        let fine = try CommandLineTests.quire("import", "--repo", site.path, file + ".missing")
        #expect(fine.status != 0)
    }
}
