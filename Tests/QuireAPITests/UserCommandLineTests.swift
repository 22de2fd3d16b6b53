import Foundation
import QuireAPI
import QuireGit
import Testing

/// `quire user …` and `quire token …` as an administrator runs them.
@Suite struct UserCommandLineTests {
    static func quire(_ arguments: [String], stdin: String? = nil) throws -> CommandLineTests.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["QUIRE_BCRYPT_COST": "4"]) { $1 }
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return CommandLineTests.Run(status: process.terminationStatus, output: text)
    }

    @Test func usersLiveInAPrivateRefThatClonesNeverFetch() async throws {
        let site = CommandLineTests.temporaryFolder()
        let clone = CommandLineTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site); try? FileManager.default.removeItem(atPath: clone) }
        #expect(try CommandLineTests.quire("init", site).status == 0)
        let added = try Self.quire(["user", "add", "--repo", site, "ada", "--email", "ada@example.com", "--name", "Ada Lovelace",
                                    "--role", "editor"], stdin: "s3cret-pass\n")
        #expect(added.status == 0, "\(added.output)")
        #expect(!added.output.contains("s3cret-pass"))
        #expect(try Self.quire(["user", "add", "--repo", site, "bob", "--email", "bob@example.com"], stdin: "another-pass\n").status == 0)
        let duplicate = try Self.quire(["user", "add", "--repo", site, "ADA", "--email", "x@example.com"], stdin: "another-pass\n")
        #expect(duplicate.status != 0)
        #expect(duplicate.output.contains("already taken"))
        #expect(try Self.quire(["user", "add", "--repo", site, "eve", "--email", "eve@example.com"], stdin: "").status != 0)
        let badRole = try Self.quire(["user", "set-role", "--repo", site, "bob", "overlord"])
        #expect(badRole.status != 0)
        #expect(badRole.output.contains("unknown role 'overlord'"))
        #expect(try Self.quire(["user", "set-role", "--repo", site, "bob", "contributor"]).status == 0)
        #expect(try Self.quire(["user", "block", "--repo", site, "bob@example.com"]).status == 0)

        let list = try Self.quire(["user", "list", "--repo", site])
        #expect(list.output.contains("1\tada\tada@example.com\tAda Lovelace\teditor\tactive"), "\(list.output)")
        #expect(list.output.contains("2\tbob\tbob@example.com\t\tcontributor\tblocked"), "\(list.output)")
        #expect(!list.output.contains("$2"), "no hash is printed")

        #expect(try Self.quire(["user", "remove", "--repo", site, "bob"]).status == 0)
        let missing = try Self.quire(["user", "remove", "--repo", site, "bob"])
        #expect(missing.status == 1)
        #expect(missing.output.contains("Error: no user 'bob'") && !missing.output.contains("Usage:"), "\(missing.output)")
        let users = try await UserStore(gitDirectory: site + "/.git").load().state.users
        #expect(users.map(\.username) == ["ada"])
        #expect(users[0].passwordHash.hasPrefix("$2"))

        // Content history is untouched; the users ref exists only here.
        #expect(try TestSite.run(["git", "-C", site, "rev-list", "--count", "main"]) == "1\n")
        #expect(try TestSite.run(["git", "-C", site, "status", "--porcelain"]) == "")
        #expect(try TestSite.run(["git", "-C", site, "for-each-ref", "--format=%(refname)", "refs/quire"]) == "refs/quire/users\n")
        _ = try TestSite.run(["git", "clone", "-q", site, clone])
        #expect(try TestSite.run(["git", "-C", clone, "for-each-ref", "--format=%(refname)", "refs/quire"]) == "")
        #expect(!(try TestSite.run(["git", "-C", clone, "log", "--all", "-p"])).contains("ada@example.com"))
    }

    @Test func tokensCustomExpiringListedAndRevoked() async throws {
        let site = CommandLineTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site) }
        #expect(try CommandLineTests.quire("init", site).status == 0)
        let custom = try Self.quire(["token", "create", "--repo", site, "--name", "feed", "--access", "custom",
                                     "--permission", "article:find,findOne", "--permission", "*:find", "--expires", "7d"])
        #expect(custom.status == 0, "\(custom.output)")
        let secret = try #require(custom.output.split(separator: "\n").last.map(String.init))
        #expect(secret.hasPrefix("quire_"))
        #expect(try Self.quire(["token", "create", "--repo", site, "--name", "astro", "--access", "custom", "--role", "editor"]).status == 0)
        #expect(try Self.quire(["token", "create", "--repo", site, "--name", "bad", "--access", "custom", "--permission", "article:destroy"]).status != 0)
        #expect(try Self.quire(["token", "create", "--repo", site, "--name", "bad", "--access", "read-only", "--role", "editor"]).status != 0)

        let list = try Self.quire(["token", "list", "--repo", site])
        #expect(list.status == 0)
        let feed = try #require(list.output.split(separator: "\n").first { $0.hasPrefix("feed\t") })
        #expect(feed.contains("custom\t*:find article:find,findOne\t"), "\(list.output)")
        #expect(!feed.hasSuffix("never\tnever"), "an expiry is shown")
        #expect(list.output.contains("astro\tcustom\trole editor\t"))
        #expect(!list.output.contains(secret))

        #expect(try Self.quire(["token", "revoke", "--repo", site, "--name", "feed"]).status == 0)
        let again = try Self.quire(["token", "revoke", "--repo", site, "--name", "feed"])
        #expect(again.status == 1)
        #expect(again.output.contains("Error: no token named 'feed'") && !again.output.contains("Usage:"), "\(again.output)")
        #expect(try await TokenStore(gitDirectory: site + "/.git").tokens().map(\.name) == ["astro"])
    }
}
