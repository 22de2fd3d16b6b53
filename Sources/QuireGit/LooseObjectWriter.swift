import CGit2
import CZlib
import Foundation

/// Writes loose objects without compressing them (zlib "stored" blocks, which every git reads).
///
/// Big tree objects are the price of big folders: libgit2 deflates each one (a 390 KB tree for a
/// 10,000-file folder took ~9 ms), which capped commits into such a folder near 100/s. Stored
/// blocks cost a copy instead; the space comes back when the repository is packed, where trees
/// are delta-compressed against each other anyway. Durability is the caller's: objects are
/// flushed by `makeObjectsDurable()` before any ref points at them.
struct LooseObjectWriter {
    let objectsDirectory: String

    func write(_ body: [UInt8], type: git_object_t) throws -> ObjectID {
        var oid = git_oid()
        try body.withUnsafeBytes { raw in
            try check(git_odb_hash(&oid, raw.baseAddress, raw.count, type), "git_odb_hash")
        }
        let id = ObjectID(oid)
        let hex = id.hex
        let folder = objectsDirectory + "/" + hex.prefix(2)
        let path = folder + "/" + hex.dropFirst(2)
        if access(path, F_OK) == 0 { return id }
        let typeName: String = switch type {
        case GIT_OBJECT_TREE: "tree"
        case GIT_OBJECT_BLOB: "blob"
        case GIT_OBJECT_COMMIT: "commit"
        default: "tag"
        }
        var raw = Array("\(typeName) \(body.count)".utf8)
        raw.append(0)
        raw.append(contentsOf: body)
        var compressedLength = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedLength))
        let status = compress2(&compressed, &compressedLength, raw, uLong(raw.count), Z_NO_COMPRESSION)
        guard status == Z_OK else { throw GitError.libgit2(operation: "zlib compress2", code: status, message: "zlib error") }
        try Self.writeAtomically(compressed[..<Int(compressedLength)], folder: folder, path: path)
        return id
    }

    /// Temporary file then rename, as git does, so a reader never sees half an object.
    private static func writeAtomically(_ bytes: ArraySlice<UInt8>, folder: String, path: String) throws {
        if mkdir(folder, 0o755) != 0, errno != EEXIST {
            throw GitError.durability("mkdir \(folder)", errno: errno)
        }
        try AtomicFile.write(bytes, to: path, permissions: 0o444, temporaryPrefix: "tmp_obj_")
    }
}
