import Foundation
import Testing

/// `quire serve --remote`, run as a user runs it: two processes on one bare repository.
@Suite struct RemoteCommandLineTests {
    /// A running `quire serve`, stopped with SIGTERM as a service manager would.
    final class Server {
        let process = Process()
        let output = Pipe()
        private(set) var url = ""

        init(_ arguments: [String], environment: [String: String] = [:]) throws {
            process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
            process.arguments = ["serve"] + arguments + ["--port", "0"]
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = output
            process.standardError = output
            try process.run()
            var seen = ""
            while !seen.contains("Quire is serving") {
                let data = output.fileHandleForReading.availableData
                guard !data.isEmpty else { throw TestFailure("quire serve exited before it was ready:\n\(seen)") }
                seen += String(decoding: data, as: UTF8.self)
            }
            let line = seen.split(separator: "\n").first { $0.contains("Quire is serving") }!
            url = String(line.split(separator: " ").last!)
        }

        /// Stops the server and returns what it printed after it was ready.
        @discardableResult
        func stop() -> String {
            process.terminate()
            let rest = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: rest, as: UTF8.self)
        }
    }

    static func git(_ arguments: String...) throws -> String {
        try TestSite.run(["git"] + arguments)
    }

    @Test func serversShareWritesThroughARemote() throws {
        let folder = CommandLineTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try CommandLineTests.quire("init", folder + "/seed").status == 0)
        try Self.git("clone", "--quiet", "--bare", folder + "/seed", folder + "/site.git")

        // One server on a clone made with git (so it has a token already), one that clones for itself.
        try Self.git("clone", "--quiet", folder + "/site.git", folder + "/b")
        let created = try CommandLineTests.quire("token", "create", "--repo", folder + "/b", "--name", "ci", "--access", "full-access")
        let token = try #require(created.output.split(separator: "\n").last.map(String.init))
        let first = try Server(["--remote", folder + "/site.git", "--repo", folder + "/a", "--fetch-interval", "0"])
        defer { if first.process.isRunning { first.stop() } }
        let second = try Server(["--remote", "file://" + folder + "/site.git", "--repo", folder + "/b"], environment: ["QUIRE_WEBHOOK_SECRET": "x"])
        defer { if second.process.isRunning { second.stop() } }
        #expect(try Self.git("-C", folder + "/a", "remote", "get-url", "origin") == folder + "/site.git\n")

        let response = try TestSite.run([
            "curl", "-s", "-X", "POST", "\(second.url)/api/authors", "-H", "Authorization: Bearer \(token)",
            "-H", "Content-Type: application/json", "-d", #"{"data":{"name":"Katherine Johnson"}}"#,
        ])
        #expect(response.contains("Katherine Johnson"), "\(response)")
        let id = try #require(response.firstMatch(of: /"documentId":"([^"]+)"/).map { String($0.1) })

        second.stop()
        let onRemote = try Self.git("-C", folder + "/site.git", "ls-tree", "-r", "--name-only", "main")
        #expect(onRemote.contains("content/en/author/\(id).yaml"), "a stopped server has pushed every write")

        let log = first.stop()
        #expect(!log.contains("error"), "\(log)")
        #expect(FileManager.default.fileExists(atPath: folder + "/a/content/en/author/\(id).yaml"), "the other server fetched it")
        #expect(try Self.git("-C", folder + "/a", "status", "--porcelain").isEmpty)
        _ = try Self.git("-C", folder + "/site.git", "fsck", "--strict")
    }

    /// Found by the soak: a server SIGKILLed while moving a ref leaves `<ref>.lock`; restarted at
    /// once, it catches up with the remote, which moves that ref, and it used to exit with
    /// "failed to lock file". The lock has no owner: the server waits a moment, removes it and starts.
    @Test func aServerRestartedRightAfterACrashRemovesTheRefLockItLeft() throws {
        let folder = CommandLineTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try CommandLineTests.quire("init", folder + "/seed").status == 0)
        try Self.git("clone", "--quiet", "--bare", folder + "/seed", folder + "/site.git")
        try Self.git("clone", "--quiet", folder + "/site.git", folder + "/b")
        // Another server pushed meanwhile: the restarted one must move its main.
        try "Read me.\n".write(toFile: folder + "/seed/NOTES.md", atomically: true, encoding: .utf8)
        try Self.git("-C", folder + "/seed", "add", "NOTES.md")
        try Self.git("-C", folder + "/seed", "-c", "user.name=T", "-c", "user.email=t@t", "commit", "-qm", "Notes")
        try Self.git("-C", folder + "/seed", "push", "-q", folder + "/site.git", "main")
        let lock = folder + "/b/.git/refs/heads/main.lock"
        try "0000000000000000000000000000000000000000\n".write(toFile: lock, atomically: false, encoding: .utf8)

        let server = try Server(["--remote", folder + "/site.git", "--repo", folder + "/b", "--fetch-interval", "0"])
        let log = server.stop()
        #expect(!FileManager.default.fileExists(atPath: lock))
        #expect(try Self.git("-C", folder + "/b", "rev-parse", "main") == (try Self.git("-C", folder + "/site.git", "rev-parse", "main")))
        #expect(!log.contains("error"), "\(log)")
    }

    @Test func aCloneThatCannotFetchLeavesNothingBehind() throws {
        let folder = CommandLineTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try CommandLineTests.quire("serve", "--remote", folder + "/missing.git", "--repo", folder + "/clone", "--port", "0")
        #expect(run.status != 0)
        #expect(!FileManager.default.fileExists(atPath: folder + "/clone"), "\(run.output)")
    }

    @Test func remoteNeedsARepositoryFolder() throws {
        let run = try CommandLineTests.quire("serve", "--remote", "/tmp/nowhere.git")
        #expect(run.status != 0)
        #expect(run.output.contains("--remote needs --repo"), "\(run.output)")
    }
}
