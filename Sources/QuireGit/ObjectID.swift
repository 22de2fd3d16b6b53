import CGit2

/// A git object id (SHA-1). Cheap to hash and compare; safe to pass between actors.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
    // Stored as plain integers so hashing and equality never touch the C tuple.
    let high: UInt64
    let middle: UInt64
    let low: UInt32

    public init?(hex: String) {
        fatalError("unimplemented")
    }

    public var hex: String { fatalError("unimplemented") }
    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }
}
