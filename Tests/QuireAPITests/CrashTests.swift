import Foundation
import Synchronization
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Kills the real server (SIGKILL, no chance to clean up) in the middle of a stream of writes,
/// several times over, and checks what the guide promises: `git fsck` accepts the repository,
/// every acknowledged write is in it, and the server starts again and takes writes.
@Suite struct CrashTests {
    final class Server {
        let process = Process()
        let url: String

        init(site: String) throws {
            process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
            process.arguments = ["serve", "--repo", site, "--port", "0"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            var seen = ""
            while !seen.contains("\n") || !seen.contains("Quire is serving") {
                let chunk = pipe.fileHandleForReading.availableData
                if chunk.isEmpty { throw TestFailure("server exited before listening: \(seen)") }
                seen += String(decoding: chunk, as: UTF8.self)
            }
            guard let range = seen.range(of: #"http://[0-9.]+:[0-9]+"#, options: .regularExpression) else {
                throw TestFailure("no URL in \(seen)")
            }
            url = String(seen[range])
        }

        func kill() {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Acknowledged writes so far, across writers: the kill waits for the stream to be flowing.
    final class Progress: Sendable {
        let count = Mutex(0)
    }

    /// One writer: creates documents until the server stops answering; returns the acknowledged ids.
    private static func write(_ base: String, token: String, plural: String, field: String, prefix: String, progress: Progress) async -> [String: String] {
        var acknowledged: [String: String] = [:]
        let session = URLSession(configuration: .ephemeral)
        for index in 0..<10_000 {
            let value = "\(prefix) \(index)"
            var request = URLRequest(url: URL(string: base + "/api/" + plural)!)
            request.httpMethod = "POST"
            request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(#"{"data":{"\#(field)":"\#(value)"}}"#.utf8)
            guard let (body, response) = try? await session.data(for: request) else { break }
            guard (response as? HTTPURLResponse)?.statusCode == 201,
                  let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
                  let data = object["data"] as? [String: Any], let id = data["documentId"] as? String
            else { break }
            acknowledged[id] = value
            progress.count.withLock { $0 += 1 }
        }
        return acknowledged
    }

    @Test func killingTheServerMidWritesLosesNoAcknowledgedWrite() async throws {
        let site = CommandLineTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site) }
        #expect(try CommandLineTests.quire("init", site).status == 0)
        let created = try CommandLineTests.quire("token", "create", "--repo", site, "--name", "crash", "--access", "full-access")
        let token = try #require(created.output.split(separator: "\n").last.map(String.init))

        var authors: [String: String] = [:], drafts: [String: String] = [:]
        for round in 0..<3 {
            let server = try Server(site: site)
            let base = server.url
            let progress = Progress()
            async let a = Self.write(base, token: token, plural: "authors", field: "name", prefix: "A\(round)", progress: progress)
            async let b = Self.write(base, token: token, plural: "authors", field: "name", prefix: "B\(round)", progress: progress)
            async let c = Self.write(base, token: token, plural: "articles?status=draft", field: "title", prefix: "C\(round)", progress: progress)
            // Kill once the stream flows (however slow this machine is today), at a point
            // that differs from round to round.
            for _ in 0..<6000 where progress.count.withLock({ $0 }) < 30 + 20 * round {
                try await Task.sleep(for: .milliseconds(10))
            }
            try await Task.sleep(for: .milliseconds(37 * round))
            server.kill()
            let (doneA, doneB, doneC) = await (a, b, c)
            #expect(doneA.count + doneB.count + doneC.count >= 30, "writers got no answers before the kill")
            authors.merge(doneA) { $1 }
            authors.merge(doneB) { $1 }
            drafts.merge(doneC) { $1 }
        }

        _ = try TestSite.run(["git", "-C", site, "fsck", "--strict"])
        let files = try TestSite.run(["git", "-C", site, "ls-tree", "-r", "--name-only", "main", "content/en/author/"])
        let stored = Set(files.split(separator: "\n").map { String($0.split(separator: "/").last!.dropLast(5)) })
        let lost = authors.keys.filter { !stored.contains($0) }
        #expect(lost.isEmpty, "acknowledged but missing on main: \(lost)")
        for (id, name) in authors.prefix(20) {
            let text = try TestSite.run(["git", "-C", site, "show", "main:content/en/author/\(id).yaml"])
            #expect(text.contains("name: \(name)\n"), "\(text)")
        }
        let branches = try TestSite.run(["git", "-C", site, "for-each-ref", "--format=%(refname)", "refs/heads/drafts/"])
        for id in drafts.keys {
            #expect(branches.contains("refs/heads/drafts/en/article/\(id)\n"), "acknowledged draft \(id) has no branch")
        }

        let doctor = try CommandLineTests.quire("doctor", "--repo", site)
        #expect(doctor.status == 0, "\(doctor.output)")
        // What a kill between taking main's lock and renaming it leaves: the restart clears it.
        let lock = site + "/.git/refs/heads/main.lock"
        FileManager.default.createFile(atPath: lock, contents: Data("0000\n".utf8),
                                       attributes: [.modificationDate: Date(timeIntervalSinceNow: -120)])
        let server = try Server(site: site)
        defer { server.kill() }
        let after = await Self.writeOne(server, token: token)
        #expect(after == 201, "the restarted server takes writes")
        #expect(!FileManager.default.fileExists(atPath: lock))
    }

    private static func writeOne(_ server: Server, token: String) async -> Int? {
        var request = URLRequest(url: URL(string: server.url + "/api/authors")!)
        request.httpMethod = "POST"
        request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"data":{"name":"After the crashes"}}"#.utf8)
        let response = try? await URLSession(configuration: .ephemeral).data(for: request).1
        return (response as? HTTPURLResponse)?.statusCode
    }
}
