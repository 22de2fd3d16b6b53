import Foundation
import QuireGit

extension TestSite {
    /// A human's commit on main, made with the git command line in the work tree, then read in.
    func humanCommit(_ path: String, _ contents: String, message: String = "Human edit") async throws {
        try contents.write(toFile: self.path + "/" + path, atomically: true, encoding: .utf8)
        try git("add", path)
        try git("-c", "user.name=Human", "-c", "user.email=human@example.com", "commit", "-q", "-m", message)
        try await site.sync()
    }

    /// The commit a ref points to, as hex (nil when it does not exist).
    func tip(_ ref: String) throws -> String? {
        (try? git("rev-parse", "--verify", "-q", ref))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func parents(_ ref: String) throws -> [String] {
        try git("log", "-1", "--format=%P", ref).split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    func show(_ ref: String, _ path: String) throws -> String {
        try git("show", "\(ref):\(path)")
    }
}
