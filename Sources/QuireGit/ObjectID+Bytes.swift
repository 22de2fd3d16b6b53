import CGit2
import CZlib

extension ObjectID {
    /// The id's 20 bytes, appended in git's order (for compact files of our own).
    public func append(to bytes: inout [UInt8]) {
        withUnsafeBytes(of: oid.id) { bytes.append(contentsOf: $0) }
    }

    /// The id whose 20 raw bytes start at `offset`; nil when fewer remain.
    public init?(raw buffer: UnsafeRawBufferPointer, at offset: Int) {
        guard offset >= 0, offset + 20 <= buffer.count else { return nil }
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + 20]))
        }
        self.init(oid)
    }
}

/// A checksum to tell a damaged cache file from a good one (not a defence against forgery:
/// such files live inside the git directory, where git's own objects are no better guarded).
public enum Checksum {
    public static func crc32(_ buffer: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var crc: uLong = CZlib.crc32(0, nil, 0)
        var offset = 0
        // zlib's length is a 32-bit uInt: feed large buffers in pieces.
        while offset < buffer.count {
            let length = min(buffer.count - offset, 1 << 30)
            crc = CZlib.crc32(crc, base.advanced(by: offset).assumingMemoryBound(to: Bytef.self), uInt(length))
            offset += length
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}

extension ObjectID {
    /// The id git gives `bytes` as a blob, without writing it.
    public static func blob(of bytes: [UInt8]) -> ObjectID {
        var oid = git_oid()
        // An empty array has no base address; libgit2 wants one even for no bytes.
        let body = bytes.isEmpty ? [0] : bytes
        _ = body.withUnsafeBytes { git_odb_hash(&oid, $0.baseAddress, bytes.count, GIT_OBJECT_BLOB) }
        return ObjectID(oid)
    }
}
