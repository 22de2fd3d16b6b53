import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization
import Testing

/// `quire serve --watch` as a user runs it: the built binary on a site made by `quire init`.
@Suite struct WatchCommandLineTests {
    @Test func savedFilesAreCommittedByTheGitIdentityAndBadOnesAreLogged() async throws {
        let site = CommandLineTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site) }
        #expect(try CommandLineTests.quire("init", site).status == 0)
        _ = try TestSite.run(["git", "-C", site, "config", "user.name", "Watch Tester"])
        _ = try TestSite.run(["git", "-C", site, "config", "user.email", "watch@example.com"])
        let server = try RunningServer(["serve", "--repo", site, "--port", "0", "--watch"])
        defer { server.stop() }
        try await eventually("the server to listen") { server.text.contains("Quire is serving") }

        try "title: Saved while serving\n".write(toFile: site + "/content/en/article/saved.yaml", atomically: false, encoding: .utf8)
        try await eventually("the save to be committed") {
            (try? TestSite.run(["git", "-C", site, "log", "-1", "--format=%an <%ae>|%s", "main"])) == "Watch Tester <watch@example.com>|Create article/saved (en)\n"
        }
        #expect(try TestSite.run(["git", "-C", site, "status", "--porcelain"]) == "")

        try "title: [unclosed\n".write(toFile: site + "/content/en/article/saved.yaml", atomically: false, encoding: .utf8)
        try await eventually("the problem to be logged") { server.text.contains("content/en/article/saved.yaml:2: YAML") }
        #expect(try TestSite.run(["git", "-C", site, "rev-list", "--count", "main"]) == "2\n")
        #expect(try TestSite.run(["git", "-C", site, "show", "main:content/en/article/saved.yaml"]) == "title: Saved while serving\n")
    }

    /// Stopping the server records document times as of main's tip, so the next start walks
    /// no history; without it a restart after many writes re-reads every commit since the
    /// last periodic save.
    @Test func aStoppedServerLeavesTheTimesCacheAtMainsTip() async throws {
        let site = CommandLineTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site) }
        #expect(try CommandLineTests.quire("init", site).status == 0)
        let server = try RunningServer(["serve", "--repo", site, "--port", "0"])
        try await eventually("the server to listen") { server.text.contains("Quire is serving") }
        try "title: Committed by hand\n".write(toFile: site + "/content/en/article/by-hand.yaml", atomically: false, encoding: .utf8)
        _ = try TestSite.run(["git", "-C", site, "add", "-A"])
        _ = try TestSite.run(["git", "-C", site, "-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "By hand"])
        let tip = try TestSite.run(["git", "-C", site, "rev-parse", "main"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let url = try #require(server.text.range(of: #"http://[0-9.]+:[0-9]+"#, options: .regularExpression).map { String(server.text[$0]) })
        try await eventually("the server to serve main's new tip") {
            let health = try? await URLSession(configuration: .ephemeral).data(from: URL(string: url + "/_health")!).0
            return health.map { String(decoding: $0, as: UTF8.self).contains(tip) } ?? false
        }
        server.stop()
        let cache = try String(contentsOfFile: site + "/.git/quire/times.json", encoding: .utf8)
        #expect(cache.contains(tip), "times.json is at main's tip after a stop")
    }

    @Test func watchRefusesToStartWithoutAGitIdentity() throws {
        let site = CommandLineTests.temporaryFolder()
        let home = CommandLineTests.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: site)
            try? FileManager.default.removeItem(atPath: home)
        }
        #expect(try CommandLineTests.quire("init", site).status == 0)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let environment = ["HOME": home, "XDG_CONFIG_HOME": home, "GIT_CONFIG_NOSYSTEM": "1", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]
        let run = try CommandLineTests.quire(["serve", "--repo", site, "--port", "0", "--watch"], environment: environment)
        let output = run.output
        #expect(run.status != 0)
        #expect(output.contains("git config user.name"), "\(output)")
    }
}

/// A running `quire serve`, its stdout and stderr collected.
final class RunningServer: Sendable {
    let process: Process
    private let output = Output()

    final class Output: Sendable {
        let text = Mutex("")
    }

    init(_ arguments: [String], environment: [String: String]? = nil) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [output] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.text.withLock { $0 += text }
        }
        try process.run()
    }

    var text: String { output.text.withLock { $0 } }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
