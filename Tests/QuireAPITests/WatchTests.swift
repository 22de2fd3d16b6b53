import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

@Suite struct WatchTests {
    /// No explicit sync: the watcher notices the human's commit by itself, within a second.
    @Test func theWatcherServesAHumanCommitWithinASecond() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let watcher = site.site.watch(every: .milliseconds(100))
        defer { watcher.cancel() }
        try await site.test { client async throws in
            try "title: Typed in an editor\n".write(toFile: site.path + "/content/en/article/first-post.yaml", atomically: false, encoding: .utf8)
            try site.git("-c", "user.name=Human", "-c", "user.email=h@e", "commit", "-qam", "Edit")
            var title: Value?
            for _ in 0..<20 where title != .string("Typed in an editor") {
                try await Task.sleep(for: .milliseconds(50))
                title = try await client.send(.get, "/api/articles/first-post", token: token).json["data"]?["title"]
            }
            #expect(title == .string("Typed in an editor"))
        }
    }

    /// The last good version keeps serving a document whose draft branch holds a bad file, and
    /// the problem names the branch.
    @Test func aBadDraftFileIsReportedWithItsBranch() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            try site.git("checkout", "-q", "-b", "drafts/en/article/first-post")
            try "title: [\n".write(toFile: site.path + "/content/en/article/first-post.yaml", atomically: false, encoding: .utf8)
            try site.git("-c", "user.name=Human", "-c", "user.email=h@e", "commit", "-qam", "Broken draft")
            try site.git("checkout", "-q", "main")
            try await site.site.sync()
            let problems = site.site.snapshot.problems
            #expect(problems.contains { $0.path == "content/en/article/first-post.yaml" && $0.message.hasSuffix("(on branch drafts/en/article/first-post)") })
            try site.git("branch", "-q", "-D", "drafts/en/article/first-post")
            try await site.site.sync()
            #expect(site.site.snapshot.problems.isEmpty)
        }
    }
}
