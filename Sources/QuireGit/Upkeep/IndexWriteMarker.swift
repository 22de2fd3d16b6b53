import Foundation

/// A server killed while libgit2 writes the git index leaves `index.lock` behind, and from then
/// on every git command in the work tree fails ("Another git process seems to be running"),
/// the server's own index updates too (the soak: a human's commits gave up, a stop waited on
/// the index for minutes). A human's `git commit` may hold that lock for as long as its editor
/// is open, so a lock is never removed on age alone: the server marks each of its own index
/// writes (`.git/quire/index.writing`, made before the lock is taken, removed after the write),
/// and at the next start removes a lock only when such a mark survived and the lock was made
/// within moments of it and is still untouched after `settle`.
extension Repository {
    static func indexWriteMarker(gitDirectory: String) -> String {
        gitDirectory + "/quire/index.writing"
    }

    /// Runs `write` (an index write through libgit2) with the mark in place.
    func markingIndexWrite<T>(_ write: () throws -> T) throws -> T {
        let marker = Self.indexWriteMarker(gitDirectory: gitDirectory)
        if !FileManager.default.createFile(atPath: marker, contents: nil) {
            try FileManager.default.createDirectory(
                atPath: (marker as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: marker, contents: nil)
        }
        defer { unlink(marker) }
        return try write()
    }

    /// At a start, before anything writes the index: removes `index.lock` if this server's own
    /// index write, killed half way, left it. Returns whether it did.
    public static func removeOwnStaleIndexLock(gitDirectory: String, settle: Duration = .seconds(2)) -> Bool {
        let marker = indexWriteMarker(gitDirectory: gitDirectory), lock = gitDirectory + "/index.lock"
        guard let markedAt = modificationTime(marker) else { return false }
        defer { unlink(marker) }
        // libgit2 takes the lock right after the mark and writes a few MB at most into it.
        guard let lockedAt = modificationTime(lock), lockedAt >= markedAt - 1, lockedAt <= markedAt + 30,
              let before = identity(of: lock) else { return false }
        Thread.sleep(forTimeInterval: Double(settle.components.seconds) + Double(settle.components.attoseconds) / 1e18)
        return identity(of: lock) == before && unlink(lock) == 0
    }

    private static func modificationTime(_ path: String) -> Double? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }
}
