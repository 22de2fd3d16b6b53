/// JSON in and out of `Value`, keeping key order on the way out.
public enum JSON {
    /// Appends the JSON text of `value` to `buffer`.
    public static func write(_ value: Value, into buffer: inout [UInt8]) {
        fatalError("unimplemented")
    }

    public static func encode(_ value: Value) -> [UInt8] {
        var buffer: [UInt8] = []
        write(value, into: &buffer)
        return buffer
    }

    /// Appends a JSON string literal (quoted, escaped).
    public static func writeString(_ string: String, into buffer: inout [UInt8]) {
        fatalError("unimplemented")
    }

    /// Parses JSON text, keeping object key order. Throws `JSONError` with a position on bad input.
    public static func parse(_ bytes: [UInt8]) throws -> Value {
        fatalError("unimplemented")
    }
}

public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(reason) at byte \(offset)" }
}
