import Foundation

/// The paths whose work-tree file or git index entry may lag behind the checked-out branch:
/// recorded before the branch moves, settled once the files and the index have caught up. A
/// process killed in between leaves them here, and the next start brings exactly these paths
/// up to date (`Repository.mendWorkTree`) instead of leaving a `git status` that would make a
/// human's next plain `git commit` take the acknowledged writes back.
///
/// One line per path and version the server was about to write (`path<TAB>blob`, `-` for a
/// removal), appended: a file found holding any of them is the server's, not a human's edit,
/// even when a later batch moved the branch again before writing. No fsync of its own: it is
/// written before the objects' filesystem-wide flush that precedes every ref move, so it is on
/// disk whenever the move is.
public struct WorkTreeDebt: Sendable {
    public let file: String

    public init(file: String) {
        self.file = file
    }

    /// Each path with the blob the server is about to write there (nil: it removes the file).
    public func record(_ versions: [String: ObjectID?]) throws {
        let lines = versions.sorted { $0.key < $1.key }
            .filter { !$0.key.contains("\n") && !$0.key.contains("\t") }
            .map { "\($0.key)\t\($0.value?.hex ?? "-")\n" }.joined()
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

    /// Every owed path with the versions recorded for it (none for a line of a server that
    /// recorded paths alone).
    public func owed() -> [String: Set<ObjectID?>] {
        guard let data = FileManager.default.contents(atPath: file) else { return [:] }
        // A torn last line (a kill mid-append) names no file the server wrote yet.
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        if !text.hasSuffix("\n"), !lines.isEmpty { lines.removeLast() }
        var owed: [String: Set<ObjectID?>] = [:]
        for line in lines {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            var versions = owed[String(parts[0]), default: []]
            if parts.count == 2 {
                if parts[1] == "-" {
                    versions.insert(nil)
                } else if let id = ObjectID(hex: String(parts[1])) {
                    versions.insert(id)
                }
            }
            owed[String(parts[0])] = versions
        }
        return owed
    }

    public func paths() -> Set<String> {
        Set(owed().keys)
    }

    public func settle() throws {
        guard FileManager.default.fileExists(atPath: file) else { return }
        try FileManager.default.removeItem(atPath: file)
    }
}
