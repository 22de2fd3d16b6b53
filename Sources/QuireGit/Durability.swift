import CGit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Repository {
    // MARK: Durability

    /// Flushes every object written so far to stable storage (one syncfs, not one fsync per object).
    public func makeObjectsDurable() throws {
        try Durability.syncFilesystem(containing: gitDirectory + "/objects")
    }

    /// Folders that writing the loose ref `name` will create, outermost first: each one's
    /// entry in its parent must be synced too, or the ref can vanish with its new folder.
    func missingReferenceFolders(_ name: String) -> [String] {
        var missing: [String] = []
        var folder = Durability.parent(of: gitDirectory + "/" + name)
        while folder.count > gitDirectory.count, !Durability.exists(folder) {
            missing.insert(folder, at: 0)
            folder = Durability.parent(of: folder)
        }
        return missing
    }

    /// After libgit2 wrote a loose ref: the file, its folder, and any folder it had to create.
    func syncWrittenReference(_ name: String, createdFolders: [String]) throws {
        let path = gitDirectory + "/" + name
        try Durability.fsync(path, ifExists: true)
        try Durability.fsync(Durability.parent(of: path), ifExists: true)
        for folder in createdFolders {
            try Durability.fsync(Durability.parent(of: folder), ifExists: true)
        }
    }

    /// After libgit2 deleted a ref: the loose file's unlink, and `packed-refs`, which a delete
    /// rewrites (via a rename in the git dir) when the ref was packed.
    func syncDeletedReference(_ name: String) throws {
        try Durability.fsync(Durability.parent(of: gitDirectory + "/" + name), ifExists: true)
        try Durability.fsync(gitDirectory + "/packed-refs", ifExists: true)
        try Durability.fsync(gitDirectory, ifExists: false)
    }
}

enum Durability {
    /// fsync of a file or folder. `ifExists`: a missing path is fine (e.g. a ref that is only packed).
    static func fsync(_ path: String, ifExists: Bool) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let error = errno
            if ifExists && error == ENOENT { return }
            throw GitError.durability("open \(path)", errno: error)
        }
        defer { close(fd) }
        #if canImport(Glibc)
        let result = Glibc.fsync(fd)
        #else
        let result = Darwin.fsync(fd)
        #endif
        if result != 0 { throw GitError.durability("fsync \(path)", errno: errno) }
    }

    /// One syncfs flushes every dirty file of the filesystem: far cheaper than an fsync per
    /// loose object when a commit wrote a blob, several trees and the commit.
    static func syncFilesystem(containing path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw GitError.durability("open \(path)", errno: errno) }
        defer { close(fd) }
        #if os(Linux)
        let result = quire_syncfs(fd)
        #else
        let result = fcntl(fd, F_FULLFSYNC)
        #endif
        if result != 0 { throw GitError.durability("syncfs \(path)", errno: errno) }
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
