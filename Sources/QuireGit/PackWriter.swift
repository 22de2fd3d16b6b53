import CGit2
import Crypto
import Foundation

extension Repository {
    /// Writes `objects` as one pack with its version-2 index into `objects/pack/`, the way
    /// `git index-pack` would leave them: temporary files renamed into place, the pack first,
    /// so a reader never finds an index without its pack. Not yet durable: call
    /// `makeObjectsDurable()` before any ref points at these objects. Objects with the same id
    /// are written once. Returns the pack's name (`pack-<sha>`), or nil when `objects` is empty.
    ///
    /// One pack per batch instead of one loose file per object: a bulk import of a million
    /// documents would otherwise create a million files (and as many fsyncs' worth of work).
    public nonisolated func writePack(_ objects: [PackedObject]) throws -> String? {
        try Self.writePack(objects, gitDirectory: gitDirectory)
    }

    /// The same, for a repository this process has no `Repository` for (a transfer's target).
    static func writePack(_ objects: [PackedObject], gitDirectory: String) throws -> String? {
        var seen = Set<ObjectID>()
        let unique = objects.filter { seen.insert($0.id).inserted }
        guard !unique.isEmpty else { return nil }
        let folder = gitDirectory + "/objects/pack"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        var pack: [UInt8] = Array("PACK".utf8)
        PackIndex.appendBigEndian(UInt32(2), to: &pack)
        PackIndex.appendBigEndian(UInt32(unique.count), to: &pack)
        pack.reserveCapacity(unique.reduce(pack.count + 20) { $0 + $1.entry.count })
        var offsets: [Int] = []
        offsets.reserveCapacity(unique.count)
        for object in unique {
            offsets.append(pack.count)
            pack.append(contentsOf: object.entry)
        }
        let packDigest = Array(Insecure.SHA1.hash(data: pack))
        pack.append(contentsOf: packDigest)
        let index = PackIndex.bytes(ids: unique.map(\.id), crcs: unique.map(\.crc), offsets: offsets, packDigest: packDigest)

        let name = "pack-" + packDigest.map { String(format: "%02x", $0) }.joined()
        try AtomicFile.write(pack[...], to: "\(folder)/\(name).pack", permissions: 0o444, temporaryPrefix: "tmp_pack_")
        try AtomicFile.write(index[...], to: "\(folder)/\(name).idx", permissions: 0o444, temporaryPrefix: "tmp_idx_")
        return name
    }
}

/// Git's pack index, version 2: fan-out table, sorted ids, CRC-32s, 31-bit offsets (with a
/// table of 64-bit ones past 2 GiB), the pack's checksum and its own.
enum PackIndex {
    static func bytes(ids: [ObjectID], crcs: [UInt32], offsets: [Int], packDigest: [UInt8]) -> [UInt8] {
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        var out: [UInt8] = [0xff, 0x74, 0x4f, 0x63]
        appendBigEndian(UInt32(2), to: &out)
        var fanout = [UInt32](repeating: 0, count: 256)
        for id in ids { fanout[Int(id.firstByte)] += 1 }
        var running: UInt32 = 0
        for bucket in 0..<256 {
            running += fanout[bucket]
            appendBigEndian(running, to: &out)
        }
        for position in order {
            var oid = ids[position].oid
            withUnsafeBytes(of: &oid.id) { out.append(contentsOf: $0) }
        }
        for position in order { appendBigEndian(crcs[position], to: &out) }
        var large: [UInt64] = []
        for position in order {
            let offset = offsets[position]
            if offset < 0x8000_0000 {
                appendBigEndian(UInt32(offset), to: &out)
            } else {
                appendBigEndian(0x8000_0000 | UInt32(large.count), to: &out)
                large.append(UInt64(offset))
            }
        }
        for offset in large { appendBigEndian(offset, to: &out) }
        out.append(contentsOf: packDigest)
        out.append(contentsOf: Array(Insecure.SHA1.hash(data: out)))
        return out
    }

    static func appendBigEndian<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}

extension ObjectID {
    var firstByte: UInt8 { UInt8(truncatingIfNeeded: high >> 56) }
}
