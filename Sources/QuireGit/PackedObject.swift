import CGit2
import CZlib
import Crypto

/// The object kinds a pack entry can hold whole (git's pack type numbers).
public enum GitObjectKind: UInt8, Sendable {
    case commit = 1, tree = 2, blob = 3

    var name: String {
        switch self {
        case .commit: "commit"
        case .tree: "tree"
        case .blob: "blob"
        }
    }
}

/// One object ready to be appended to a pack: its id and its entry (type-and-size header,
/// then the zlib-deflated body), with the entry's CRC-32 that the pack index records.
///
/// Made apart from the pack so that the costly part (SHA-1 and deflate of every document)
/// runs on every core, while writing a pack is a concatenation.
public struct PackedObject: Sendable {
    public let id: ObjectID
    let entry: [UInt8]
    let crc: UInt32

    /// The bytes this object takes in a pack.
    public var packedSize: Int { entry.count }
}

/// Hashes and deflates objects for packs. Holds one zlib stream, reused for every object
/// (a fresh stream per object costs more than deflating a small document): one per thread.
public final class PackObjectEncoder {
    private var stream = z_stream()
    private var output: [UInt8] = []

    /// Level 1: documents are small and packs are repacked later by `git gc` anyway; a
    /// higher level costs several times the CPU for a few percent of space.
    public init(level: Int32 = 1) {
        let status = quire_deflate_init_zlib(&stream, level)
        precondition(status == Z_OK, "zlib deflateInit2 failed: \(status)")
    }

    deinit {
        deflateEnd(&stream)
    }

    /// The git object id of `body` as an object of `kind` (SHA-1 of `<kind> <size>\0<body>`).
    public static func objectID(of body: [UInt8], kind: GitObjectKind) -> ObjectID {
        var hasher = Insecure.SHA1()
        hasher.update(data: Array("\(kind.name) \(body.count)\0".utf8))
        hasher.update(data: body)
        return ObjectID(digest: hasher.finalize())
    }

    public func encode(_ body: [UInt8], kind: GitObjectKind) -> PackedObject {
        deflated(body, after: Self.entryHeader(type: kind.rawValue, size: body.count), id: Self.objectID(of: body, kind: kind))
    }

    /// A pack entry for the object `id` as `delta` (git's delta format) against `base`, which
    /// must be in the same pack (a REF_DELTA: found by id, wherever it sits in the pack).
    func encodeDelta(_ delta: [UInt8], against base: ObjectID, id: ObjectID) -> PackedObject {
        var header = Self.entryHeader(type: 7, size: delta.count)
        withUnsafeBytes(of: base.oid.id) { header.append(contentsOf: $0) }
        return deflated(delta, after: header, id: id)
    }

    private func deflated(_ body: [UInt8], after header: [UInt8], id: ObjectID) -> PackedObject {
        var entry = header
        let headerCount = entry.count
        let bound = Int(deflateBound(&stream, uLong(body.count)))
        entry.append(contentsOf: repeatElement(0, count: bound))
        deflateReset(&stream)
        let written: Int = body.withUnsafeBytes { source in
            entry.withUnsafeMutableBytes { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress! + headerCount
                stream.avail_out = uInt(bound)
                let status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "zlib deflate did not finish: \(status)")
                return bound - Int(stream.avail_out)
            }
        }
        entry.removeLast(bound - written)
        let crc = entry.withUnsafeBytes { UInt32(crc32(0, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count))) }
        return PackedObject(id: id, entry: entry, crc: crc)
    }

    /// Git's entry header: type in bits 4-6 of the first byte, size in 4 + 7·n bits, little end first.
    static func entryHeader(type: UInt8, size: Int) -> [UInt8] {
        var header: [UInt8] = []
        var remaining = size >> 4
        var byte = (type << 4) | UInt8(size & 0x0f)
        while remaining != 0 {
            header.append(byte | 0x80)
            byte = UInt8(remaining & 0x7f)
            remaining >>= 7
        }
        header.append(byte)
        return header
    }
}

extension ObjectID {
    init(digest: Insecure.SHA1Digest) {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { target in
            digest.withUnsafeBytes { target.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0.prefix(20))) }
        }
        self.init(oid)
    }
}
