import CGit2

/// A git object id (SHA-1). Cheap to hash and compare; safe to pass between actors.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
    // Stored as plain integers so hashing and equality never touch the C tuple.
    // Big-endian loads keep `<` identical to byte-wise (and hex) order.
    let high: UInt64
    let middle: UInt64
    let low: UInt32

    public init?(hex: String) {
        var bytes = [UInt8](repeating: 0, count: 20)
        var utf8 = hex.utf8.makeIterator()
        for index in 0..<40 {
            guard let char = utf8.next(), let nibble = Self.nibble(char) else { return nil }
            bytes[index / 2] |= index % 2 == 0 ? nibble << 4 : nibble
        }
        guard utf8.next() == nil else { return nil }
        self = bytes.withUnsafeBytes { ObjectID(raw: $0) }
    }

    internal init(_ oid: git_oid) {
        self = withUnsafeBytes(of: oid.id) { ObjectID(raw: $0) }
    }

    private init(raw: UnsafeRawBufferPointer) {
        high = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        middle = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        low = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
    }

    internal var oid: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { raw in
            raw.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: middle.bigEndian, toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: low.bigEndian, toByteOffset: 16, as: UInt32.self)
        }
        return oid
    }

    public var hex: String {
        let digits: StaticString = "0123456789abcdef"
        return withUnsafeBytes(of: oid.id) { raw in
            String(unsafeUninitializedCapacity: 40) { out in
                digits.withUTF8Buffer { table in
                    for (index, byte) in raw.enumerated() {
                        out[index * 2] = table[Int(byte >> 4)]
                        out[index * 2 + 1] = table[Int(byte & 0xF)]
                    }
                }
                return 40
            }
        }
    }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }

    /// The id of the empty tree, which every repository can produce without storing it.
    public static let emptyTree = ObjectID(hex: "4b825dc642cb6eb9a060e54bf8d69288fbee4904")!

    private static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
