import Foundation
import Testing

/// `quire doctor`, run as a user runs it, on repositories broken the way crashes and disks break them.
@Suite struct DoctorTests {
    private func initSite() throws -> String {
        let site = CommandLineTests.temporaryFolder()
        #expect(try CommandLineTests.quire("init", site).status == 0)
        return site
    }

    @Test func aHealthySiteIsReportedOkAndRepackLeavesOnePack() throws {
        let site = try initSite()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let healthy = try CommandLineTests.quire("doctor", "--repo", site, "--full")
        #expect(healthy.status == 0, "\(healthy.output)")
        #expect(healthy.output.contains("ok      integrity: "), "\(healthy.output)")
        #expect(!healthy.output.contains("FAILED"))

        let repacked = try CommandLineTests.quire("doctor", "--repo", site, "--repack")
        #expect(repacked.status == 0, "\(repacked.output)")
        let counted = try TestSite.run(["git", "-C", site, "count-objects", "-v"])
        #expect(counted.contains("count: 0\n") && counted.contains("packs: 1\n"), "\(counted)")
        _ = try TestSite.run(["git", "-C", site, "fsck", "--strict", "--no-dangling"])
    }

    @Test func aMissingFileObjectAndAStaleLockAreFailures() throws {
        let site = try initSite()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let listing = try TestSite.run(["git", "-C", site, "ls-tree", "-r", "main", "content/"])
        let line = try #require(listing.split(separator: "\n").first)
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let (blob, path) = (String(fields[2]), String(fields[3]))
        try FileManager.default.removeItem(atPath: site + "/.git/objects/" + blob.prefix(2) + "/" + blob.dropFirst(2))
        let lock = site + "/.git/refs/heads/main.lock"
        FileManager.default.createFile(atPath: lock, contents: Data(),
                                       attributes: [.modificationDate: Date(timeIntervalSinceNow: -600)])

        let broken = try CommandLineTests.quire("doctor", "--repo", site)
        #expect(broken.status == 1, "\(broken.output)")
        #expect(broken.output.contains("FAILED  objects: missing \(path) (\(blob))"), "\(broken.output)")
        #expect(broken.output.contains("FAILED  locks: \(lock)"), "\(broken.output)")
    }
}
