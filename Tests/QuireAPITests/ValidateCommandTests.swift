import Foundation
import Testing

/// `quire validate` on files a human committed: every problem of a file in one run, and a
/// password in clear reported by field, never by value.
@Suite struct ValidateCommandTests {
    @Test func reportsEveryProblemOfAFileAndPlainPasswords() throws {
        let site = CommandLineTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: site) }
        #expect(try CommandLineTests.quire("init", site).status == 0)
        try """
            kind: collectionType
            info: { singularName: account, pluralName: accounts }
            attributes:
              name: { type: string, required: true }
              views: { type: integer }
              plan: { type: enumeration, enum: [free, paid] }
              secret: { type: password }
            """.write(toFile: site + "/schemas/account.yaml", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: site + "/content/en/account", withIntermediateDirectories: true)
        try "name: Ada\nviews: lots\nplan: gold\n".write(toFile: site + "/content/en/account/ada.yaml", atomically: false, encoding: .utf8)
        try "name: Bob\nsecret: hunter2\n".write(toFile: site + "/content/en/account/bob.yaml", atomically: false, encoding: .utf8)
        _ = try TestSite.run(["git", "-C", site, "add", "-A"])
        _ = try TestSite.run(["git", "-C", site, "-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "Accounts"])
        let validated = try CommandLineTests.quire("validate", "--repo", site)
        #expect(validated.status == 1)
        let lines = validated.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("content/en/account/ada.yaml:2: ") && $0.contains("views") }, "\(validated.output)")
        #expect(lines.contains { $0.hasPrefix("content/en/account/ada.yaml:3: ") && $0.contains("plan must be one of") },
                "the enum error shows in the same run as the type error: \(validated.output)")
        #expect(lines.contains { $0.hasPrefix("content/en/account/bob.yaml:2: ") && $0.contains("plain text") }, "\(validated.output)")
        #expect(!validated.output.contains("hunter2"))
    }
}
