import Foundation
import Testing
@testable import QuireGit

/// A fresh repository in its own temporary folder, removed after `body`.
func withRepository(
    bare: Bool = false,
    _ body: (Repository, String) async throws -> Void
) async throws {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("quire-git-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let repo = try Repository.create(at: path, bare: bare)
    try await body(repo, path)
}

let testAuthor = Signature(name: "Ada Lovelace", email: "ada@example.com", time: 1_700_000_000, offsetMinutes: 60)

/// Writes the files (nil content = delete) on top of `parent`'s tree and commits them.
/// `time` orders commits deterministically (the walk sorts by commit time).
@discardableResult
func commitFiles(
    _ repo: Repository, _ files: [String: String?], parent: ObjectID?, extraParents: [ObjectID] = [],
    message: String = "change", time: Int64 = 1_700_000_000
) async throws -> ObjectID {
    var changes: [String: ObjectID?] = [:]
    for (path, content) in files {
        if let content {
            changes[path] = try await repo.writeBlob(Array(content.utf8))
        } else {
            changes[path] = .some(nil)
        }
    }
    var base: ObjectID?
    if let parent { base = try await repo.commit(parent).tree }
    let tree = try await repo.buildTree(base: base, changes: changes)
    let signature = Signature(name: testAuthor.name, email: testAuthor.email, time: time, offsetMinutes: 60)
    return try await repo.createCommit(
        tree: tree, parents: (parent.map { [$0] } ?? []) + extraParents,
        author: signature, committer: signature, message: message)
}

/// The text of the file at `path` in a commit, or nil.
func fileText(_ repo: Repository, _ commit: ObjectID, _ path: String) async throws -> String? {
    let tree = try await repo.commit(commit).tree
    guard let entry = try await repo.entry(atPath: path, inTree: tree) else { return nil }
    return String(decoding: try await repo.readBlob(entry.id), as: UTF8.self)
}

/// Runs the git command line in `directory`; returns stdout, throws on a non-zero exit.
@discardableResult
func runGit(_ arguments: [String], in directory: String, input: String? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", directory] + arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let inputPipe = Pipe()
    if input != nil { process.standardInput = inputPipe }
    try process.run()
    if let input {
        inputPipe.fileHandleForWriting.write(Data(input.utf8))
        try inputPipe.fileHandleForWriting.close()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    if process.terminationStatus != 0 {
        throw CLIError(arguments: arguments, status: process.terminationStatus,
                       output: text + String(decoding: errorData, as: UTF8.self))
    }
    return text
}

struct CLIError: Error, CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var output: String
    var description: String { "git \(arguments.joined(separator: " ")) exited \(status): \(output)" }
}
