import Foundation

/// The paths whose work-tree file or git index entry may lag behind the checked-out branch:
/// recorded before the branch moves, settled once the files and the index have caught up. A
/// process killed in between leaves them here, and the next start brings exactly these paths
/// up to date (`Repository.mendWorkTree`) instead of leaving a `git status` that would make a
/// human's next plain `git commit` take the acknowledged writes back.
///
/// One path per line, appended; no fsync of its own: it is written before the objects'
/// filesystem-wide flush that precedes every ref move, so it is on disk whenever the move is.
public struct WorkTreeDebt: Sendable {
    public let file: String

    public init(file: String) {
        self.file = file
    }

    public func record(_ paths: some Collection<String>) throws {
        let lines = paths.filter { !$0.contains("\n") }.map { $0 + "\n" }.joined()
        guard !lines.isEmpty else { return }
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard let handle = FileHandle(forWritingAtPath: file) else {
            try Data(lines.utf8).write(to: URL(fileURLWithPath: file))
            return
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(lines.utf8))
    }

    public func paths() -> Set<String> {
        guard let data = FileManager.default.contents(atPath: file) else { return [] }
        // A torn last line (a kill mid-append) names no file the server wrote yet.
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if !text.hasSuffix("\n"), !lines.isEmpty { lines.removeLast() }
        return Set(lines)
    }

    public func settle() throws {
        guard FileManager.default.fileExists(atPath: file) else { return }
        try FileManager.default.removeItem(atPath: file)
    }
}
