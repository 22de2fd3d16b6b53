import Foundation
import QuireGit

/// Makes new site repositories: `quire init` and the demo site.
public enum SiteCreator {
    /// Creates a repository at `path` whose first commit on main holds `files`, checked out in its
    /// work tree so that `git status` is clean.
    public static func create(at path: String, files: [(path: String, contents: [UInt8])], author: Signature, message: String) async throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let repository = try Repository.create(at: path)
        var changes: [String: ObjectID?] = [:]
        for file in files {
            changes[file.path] = try await repository.writeBlob(file.contents)
        }
        let tree = try await repository.buildTree(base: nil, changes: changes)
        let commit = try await repository.createCommit(tree: tree, parents: [], author: author, committer: author, message: message)
        try await repository.moveReferencesDurably([ReferenceMove(SiteLayout.mainReference, from: nil, to: commit, logMessage: "quire: create site")])
        try await repository.checkoutHead()
    }

    /// The author for commits made on the local user's behalf: git's own configuration, else a neutral name.
    public static func localAuthor() -> Signature {
        Signature(name: gitConfigValue("user.name") ?? "Quire", email: gitConfigValue("user.email") ?? "quire@localhost")
    }

    static func gitConfigValue(_ key: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "config", "--get", key]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !text.isEmpty ? text : nil
    }
}
