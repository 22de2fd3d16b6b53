import Foundation
import Testing

/// The `quire` executable itself, as a user runs it (built by `swift build --build-tests`).
@Suite struct CommandLineTests {
    static let binary = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/quire").path

    struct Run {
        var status: Int32
        var output: String
    }

    static func quire(_ arguments: String...) throws -> Run {
        try quire(arguments)
    }

    /// `environment`: the whole environment of the run (nil: this process's).
    static func quire(_ arguments: [String], environment: [String: String]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: output)
    }

    static func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("quire-cli-\(UUID().uuidString)").path
    }

    @Test func initCreatesACommittedSiteThatValidates() throws {
        let site = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let created = try Self.quire("init", site)
        #expect(created.status == 0, "\(created.output)")
        #expect(try TestSite.run(["git", "-C", site, "status", "--porcelain"]) == "")
        #expect(try TestSite.run(["git", "-C", site, "rev-list", "--count", "main"]) == "1\n")
        #expect(FileManager.default.fileExists(atPath: site + "/quire.yaml"))
        let validated = try Self.quire("validate", "--repo", site)
        #expect(validated.status == 0, "\(validated.output)")
        #expect(try Self.quire("init", site).status != 0, "init refuses a folder that is not empty")
    }

    @Test func validateReportsPathLineMessageAndExitsOne() throws {
        let site = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site) }
        #expect(try Self.quire("init", site).status == 0)
        let article = try #require(FileManager.default.subpathsOfDirectory(atPath: site + "/content/en/article").first)
        try "title: Fine\nwhatever: 1\nauthor: [a, b\n".write(toFile: site + "/content/en/article/" + article, atomically: false, encoding: .utf8)
        try "kind: collectionType\ninfo: { singularName: nope, pluralName: nopes }\nattributes:\n  name: { type: strng }\n"
            .write(toFile: site + "/schemas/nope.yaml", atomically: false, encoding: .utf8)
        _ = try TestSite.run(["git", "-C", site, "add", "-A"])
        _ = try TestSite.run(["git", "-C", site, "-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "Break things"])
        let validated = try Self.quire("validate", "--repo", site)
        #expect(validated.status == 1)
        let lines = validated.output.split(separator: "\n")
        #expect(lines.contains { $0.range(of: #"^content/en/article/\#(article):[1-9][0-9]*: YAML"#, options: .regularExpression) != nil }, "\(validated.output)")
        #expect(lines.contains { $0.hasPrefix("schemas/nope.yaml:4: ") }, "\(validated.output)")
    }

    @Test func tokenCreatePrintsTheTokenAloneOnTheLastLine() throws {
        let site = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site) }
        #expect(try Self.quire("init", site).status == 0)
        let run = try Self.quire("token", "create", "--repo", site, "--name", "ci", "--access", "full-access")
        #expect(run.status == 0)
        let token = try #require(run.output.split(separator: "\n").last.map(String.init))
        #expect(token.hasPrefix("quire_") && token.count == 70)
        let stored = try TestSite.run(["git", "-C", site, "show", "refs/quire/users:auth.json"])
        #expect(stored.contains("\"ci\"") && !stored.contains(token))
        #expect(try Self.quire("token", "create", "--repo", site, "--name", "x", "--access", "everything").status != 0)
    }
}
