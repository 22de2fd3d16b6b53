import Foundation
import QuireGit

/// Where the bytes of originals are kept. Metadata is always committed to git; an original is
/// either committed with it (`GitOriginals`) or kept outside git (`DirectoryOriginals`). An
/// object store would be one more conformance: `prepare` uploads, `read` downloads.
public protocol MediaOriginalStore: Sendable {
    /// Makes `bytes` available under `path` (a `MediaLayout.originalPath`). Returns the files
    /// the upload's commit must add for it (empty when the bytes live elsewhere).
    func prepare(_ bytes: [UInt8], path: String) async throws -> [String: [UInt8]]
    /// The original's bytes, or nil when it is missing. `tree` is main's tree.
    func read(path: String, tree: ObjectID?) async throws -> [UInt8]?
    /// Whether a commit that removes the last metadata naming `path` should also remove it from git.
    var removesWithMetadata: Bool { get }
}

public struct GitOriginals: MediaOriginalStore {
    let repository: Repository

    public init(repository: Repository) { self.repository = repository }

    public func prepare(_ bytes: [UInt8], path: String) async throws -> [String: [UInt8]] { [path: bytes] }

    public func read(path: String, tree: ObjectID?) async throws -> [UInt8]? {
        guard let tree, let entry = try await repository.entry(atPath: path, inTree: tree) else { return nil }
        return try await repository.readBlob(entry.id)
    }

    public var removesWithMetadata: Bool { true }
}

/// Originals as plain files in a folder outside git, written atomically (temporary file, then
/// rename) and never removed: another branch or an old commit's metadata may still name them.
public struct DirectoryOriginals: MediaOriginalStore {
    public let root: String

    public init(root: String) { self.root = root }

    public func prepare(_ bytes: [UInt8], path: String) async throws -> [String: [UInt8]] {
        let target = root + "/" + path
        if FileManager.default.fileExists(atPath: target) { return [:] }
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = target + ".\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown)
        }
        // fsync before rename: the commit that names the file must not outlive the file.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        try handle.synchronize()
        try handle.close()
        _ = rename(temporary, target)
        return [:]
    }

    public func read(path: String, tree: ObjectID?) async throws -> [UInt8]? {
        FileManager.default.contents(atPath: root + "/" + path).map { Array($0) }
    }

    public var removesWithMetadata: Bool { false }
}

extension MediaConfig {
    /// The original store `store:` selects; a relative `directory` is taken from the work tree
    /// (or, in a bare repository, the git directory).
    public func originalStore(repository: Repository) -> any MediaOriginalStore {
        guard store == .directory, let directory else { return GitOriginals(repository: repository) }
        if directory.hasPrefix("/") { return DirectoryOriginals(root: directory) }
        let base = repository.workDirectory ?? repository.gitDirectory
        return DirectoryOriginals(root: (base as NSString).appendingPathComponent(directory))
    }
}
