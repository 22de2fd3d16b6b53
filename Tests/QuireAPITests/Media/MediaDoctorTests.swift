import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `quire doctor` on a media library broken by hand.
@Suite struct MediaDoctorTests {
    @Test func doctorReportsMissingOriginalsStrayOnesAndUnusedFiles() async throws {
        let site = try await TestSite.make(files: MediaFieldTests.files)
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.uploadOne(try Pictures.jpeg(300, 200), name: "used.jpg", type: "image/jpeg", token: token)
            _ = try await client.uploadOne(try Pictures.png(40, 40), name: "unused.png", type: "image/png", token: token)
            let created = try await client.send(.post, "/api/recipes", token: token, json: #"{"data":{"title":"Tart","cover":1}}"#)
            #expect(created.status == .created)
            let healthy = try CommandLineTests.quire("doctor", "--repo", site.path)
            #expect(healthy.status == 0, "\(healthy.output)")
            #expect(healthy.output.contains("1 file(s) used by no document: unused.png (id 2)"), "\(healthy.output)")

            // A human removes the PNG's original and drops a stray file into the originals.
            try site.git("checkout", "-q", "-f", "main")
            let original = try #require(try site.files(under: "media/originals").first { $0.hasSuffix(".png") })
            try site.git("rm", "-q", original)
            try FileManager.default.createDirectory(atPath: site.path + "/media/originals/00/00", withIntermediateDirectories: true)
            try "stray".write(toFile: site.path + "/media/originals/00/00/stray.txt", atomically: false, encoding: .utf8)
            try site.git("add", "media")
            try site.git("-c", "user.name=Human", "-c", "user.email=human@example.com", "commit", "-qm", "Break the library")
            let broken = try CommandLineTests.quire("doctor", "--repo", site.path)
            #expect(broken.status == 1, "\(broken.output)")
            #expect(broken.output.contains("unused.png (id 2): its original \(original) is missing"), "\(broken.output)")
            #expect(broken.output.contains("media/originals/00/00/stray.txt is named by no media file"), "\(broken.output)")
        }
    }
}
