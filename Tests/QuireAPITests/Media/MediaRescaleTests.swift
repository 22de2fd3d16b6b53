import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `quire media rescale` after `media:` changed in quire.yaml.
@Suite struct MediaRescaleTests {
    @Test func rescaleRecordsTheNewFormatsInOneCommit() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            _ = try await client.uploadOne(try Pictures.jpeg(1600, 1000), name: "wide.jpg", type: "image/jpeg", token: token)
            _ = try await client.uploadOne(Array("notes\n".utf8), name: "notes.txt", type: "text/plain", token: token)
            try site.git("checkout", "-q", "-f", "main")
            let config = TestSite.schemas["quire.yaml"]! + "\nmedia:\n  breakpoints: {xlarge: 1200, small: 400}\n"
            try config.write(toFile: site.path + "/quire.yaml", atomically: false, encoding: .utf8)
            try site.git("-c", "user.name=Human", "-c", "user.email=human@example.com", "commit", "-qam", "New breakpoints")
            let before = try site.commitCount()

            let run = try CommandLineTests.quire("media", "rescale", "--repo", site.path)
            #expect(run.status == 0, "\(run.output)")
            #expect(run.output.contains("[1/2] wide.jpg: new formats"), "\(run.output)")
            #expect(run.output.contains("[2/2] notes.txt"), "\(run.output)")
            #expect(try site.commitCount() == before + 1)
            #expect(try site.git("log", "-1", "--format=%s", "main") == "Rescale 1 media file(s)\n")

            let file = try await client.send(.get, "/api/upload/files/1", token: token).json
            guard case .object(let formats)? = file["formats"] else { throw TestFailure("no formats") }
            #expect(formats.keys == ["thumbnail", "xlarge", "small"])
            #expect(file["formats"]?["xlarge"]?["width"] == .int(1200))
            #expect(file["formats"]?["small"]?["height"] == .int(250))
            let small = try await client.send(.get, file["formats"]!["small"]!["url"]!.stringValue!, token: token)
            #expect(small.status == .ok)
            // Apostrophe's sizes were made too: one-half (570×700) is in the cache already.
            let cached = try FileManager.default.subpathsOfDirectory(atPath: site.repository.gitDirectory + "/quire/media-cache")
            #expect(cached.contains { $0.contains("/570x700-q80.jpg") }, "\(cached)")
        }
    }
}
