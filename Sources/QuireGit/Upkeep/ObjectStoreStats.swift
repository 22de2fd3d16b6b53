import Foundation

/// What the object database holds on disk: the numbers `git count-objects -v` prints, read by
/// listing folders only (no object is opened), so it is cheap enough to poll.
public struct ObjectStoreStats: Sendable, Equatable {
    public var looseObjects = 0
    public var looseBytes: Int64 = 0
    public var packs = 0
    public var packBytes: Int64 = 0
    /// Temporary object files left by a writer that died between write and rename.
    public var temporaryFiles = 0

    /// Loose objects by id, for the packer: it packs exactly these and then removes them.
    static func looseObjectIDs(objectsDirectory: String) -> [ObjectID] {
        var ids: [ObjectID] = []
        forEachLooseObject(objectsDirectory) { hex, _ in
            if let id = ObjectID(hex: hex) { ids.append(id) }
        }
        return ids
    }

    public static func read(gitDirectory: String) -> ObjectStoreStats {
        let objects = gitDirectory + "/objects"
        var stats = ObjectStoreStats()
        forEachLooseObject(objects) { _, size in
            stats.looseObjects += 1
            stats.looseBytes += size
        }
        for fanOut in fanOutFolders(objects) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: objects + "/" + fanOut)) ?? []
            stats.temporaryFiles += names.count { $0.hasPrefix("tmp_obj_") }
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: objects + "/pack")) ?? [] {
            guard name.hasSuffix(".pack") else {
                if name.hasPrefix("tmp_") { stats.temporaryFiles += 1 }
                continue
            }
            stats.packs += 1
            stats.packBytes += fileSize(objects + "/pack/" + name)
        }
        return stats
    }

    static func fanOutFolders(_ objects: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: objects)) ?? []).filter { name in
            name.utf8.count == 2 && name.utf8.allSatisfy { $0.isHexDigit }
        }
    }

    private static func forEachLooseObject(_ objects: String, _ body: (String, Int64) -> Void) {
        for fanOut in fanOutFolders(objects) {
            let folder = objects + "/" + fanOut
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            where name.utf8.count == 38 && name.utf8.allSatisfy({ $0.isHexDigit }) {
                body(fanOut + name, fileSize(folder + "/" + name))
            }
        }
    }

    static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }
}

extension UInt8 {
    var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
    }
}
