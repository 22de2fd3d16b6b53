import Foundation
import Glibc
import Synchronization

/// Reports saved files under a work tree through Linux's inotify: one watch per folder of
/// content/ and schemas/ (added as folders appear) and one on the root for quire.yaml.
/// Paths come in batches once nothing has changed for `quiet`, so an editor's
/// write-to-temp-then-rename dance arrives as one finished save.
final class InotifyWatcher: Sendable {
    enum Failure: Error, CustomStringConvertible {
        case unavailable(errno: Int32)
        case tooManyFolders(errno: Int32)

        var description: String {
            switch self {
            case .unavailable(let code): "inotify is unavailable (\(String(cString: strerror(code))))"
            case .tooManyFolders(let code): "inotify cannot watch every folder (\(String(cString: strerror(code)))); raise fs.inotify.max_user_watches"
            }
        }
    }

    private let root: String
    private let descriptor: Int32
    private let folders = Mutex<[Int32: String]>([:])
    private let stopped = Mutex(false)
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE)

    init(root: String) throws(Failure) {
        self.root = root
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw .unavailable(errno: errno) }
        do {
            try watch("")
            for folder in ["content", "schemas"] { _ = try watchTree(folder) }
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// Batches of changed paths, relative to the root, until `stop()`.
    func changes(quiet: Duration) -> AsyncStream<Set<String>> {
        let (stream, continuation) = AsyncStream.makeStream(of: Set<String>.self)
        let thread = Thread { [self] in
            self.readLoop(quiet: quiet, continuation: continuation)
        }
        thread.name = "quire-inotify"
        thread.start()
        return stream
    }

    func stop() {
        stopped.withLock { $0 = true }
    }

    private func readLoop(quiet: Duration, continuation: AsyncStream<Set<String>>.Continuation) {
        defer {
            close(descriptor)
            continuation.finish()
        }
        let quietMilliseconds = Int32(quiet / .milliseconds(1))
        var pending = Set<String>()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !stopped.withLock({ $0 }) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            // With nothing pending, wake now and then only to notice `stop()`.
            let ready = poll(&poller, 1, pending.isEmpty ? 250 : quietMilliseconds)
            if ready < 0, errno != EINTR { return }
            if ready == 0 {
                if !pending.isEmpty {
                    continuation.yield(pending)
                    pending = []
                }
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            pending.formUnion(parse(buffer[0..<count]))
        }
    }

    /// inotify_event: wd (Int32), mask, cookie, len (UInt32 each), then `len` bytes of name.
    private func parse(_ bytes: ArraySlice<UInt8>) -> Set<String> {
        var paths = Set<String>()
        var offset = bytes.startIndex
        while offset + 16 <= bytes.endIndex {
            let header = bytes[offset..<offset + 16].withUnsafeBytes { raw in
                (raw.loadUnaligned(fromByteOffset: 0, as: Int32.self), raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self),
                 raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
            }
            let (wd, mask, length) = header
            let nameBytes = bytes[(offset + 16)..<min(bytes.endIndex, offset + 16 + Int(length))].prefix { $0 != 0 }
            offset += 16 + Int(length)
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                // The kernel's queue overflowed and events were lost: look at everything again.
                paths.formUnion(["quire.yaml", "content/", "schemas/"])
                for folder in ["content", "schemas"] { paths.formUnion((try? watchTree(folder)) ?? []) }
                continue
            }
            guard let folder = folders.withLock({ $0[wd] }) else { continue }
            let name = String(decoding: nameBytes, as: UTF8.self)
            let path = folder.isEmpty ? name : folder + "/" + name
            if mask & UInt32(IN_ISDIR) != 0 {
                guard Self.isInWatchedTree(path) else { continue }
                if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    // Files written before the folder's watch existed are reported by the walk.
                    paths.formUnion((try? watchTree(path)) ?? [])
                } else if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 {
                    // Its files' own events never come: the save reads which files main has there.
                    paths.insert(path + "/")
                }
                continue
            }
            paths.insert(path)
        }
        return paths
    }

    private static func isInWatchedTree(_ path: String) -> Bool {
        path == "content" || path == "schemas" || path.hasPrefix("content/") || path.hasPrefix("schemas/")
    }

    private func watch(_ folder: String) throws(Failure) {
        let full = folder.isEmpty ? root : root + "/" + folder
        let wd = inotify_add_watch(descriptor, full, Self.mask)
        guard wd >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { return }
            throw errno == ENOSPC ? .tooManyFolders(errno: errno) : .unavailable(errno: errno)
        }
        folders.withLock { $0[wd] = folder }
    }

    /// Watches `folder` and every folder below it; returns the files found there.
    private func watchTree(_ folder: String) throws(Failure) -> Set<String> {
        try watch(folder)
        var files = Set<String>()
        let full = root + "/" + folder
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: full)) ?? [] {
            let path = folder + "/" + entry
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue { files.formUnion(try watchTree(path)) } else { files.insert(path) }
        }
        return files
    }
}
