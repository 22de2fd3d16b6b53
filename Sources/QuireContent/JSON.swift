/// JSON in and out of `Value`, keeping key order on the way out.
public enum JSON {
    /// Appends the JSON text of `value` to `buffer`.
    public static func write(_ value: Value, into buffer: inout [UInt8]) {
        switch value {
        case .null: buffer.append(contentsOf: nullBytes)
        case .bool(let flag): buffer.append(contentsOf: flag ? trueBytes : falseBytes)
        case .int(let number): writeInteger(number, into: &buffer)
        case .double(let number): writeDouble(number, into: &buffer)
        case .string(let string): writeString(string, into: &buffer)
        case .array(let items):
            buffer.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                write(item, into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .object(let object):
            buffer.append(UInt8(ascii: "{"))
            var first = true
            for (key, item) in object.pairs {
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                writeString(key, into: &buffer)
                buffer.append(UInt8(ascii: ":"))
                write(item, into: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
    }

    public static func encode(_ value: Value) -> [UInt8] {
        var buffer: [UInt8] = []
        write(value, into: &buffer)
        return buffer
    }

    /// Human-facing JSON (document files): two-space indent, `"key": value`, like
    /// `JSON.stringify(value, null, 2)`.
    public static func writePretty(_ value: Value, into buffer: inout [UInt8], indent: Int = 0) {
        switch value {
        case .array(let items) where !items.isEmpty:
            buffer.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                newline(indent + 1, into: &buffer)
                writePretty(item, into: &buffer, indent: indent + 1)
            }
            newline(indent, into: &buffer)
            buffer.append(UInt8(ascii: "]"))
        case .object(let object) where !object.isEmpty:
            buffer.append(UInt8(ascii: "{"))
            var first = true
            for (key, item) in object.pairs {
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                newline(indent + 1, into: &buffer)
                writeString(key, into: &buffer)
                buffer.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
                writePretty(item, into: &buffer, indent: indent + 1)
            }
            newline(indent, into: &buffer)
            buffer.append(UInt8(ascii: "}"))
        default:
            write(value, into: &buffer)
        }
    }

    public static func encodePretty(_ value: Value) -> [UInt8] {
        var buffer: [UInt8] = []
        writePretty(value, into: &buffer)
        return buffer
    }

    /// Appends a JSON string literal (quoted, escaped).
    public static func writeString(_ string: String, into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                let escape: Escape
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                    escape = .ascii(byte)
                } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80,
                          bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                    // U+2028/2029 are legal JSON but end lines in older JavaScript.
                    escape = .lineSeparator(bytes[index + 2] == 0xA8 ? "2028" : "2029")
                } else {
                    index += 1
                    continue
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                switch escape {
                case .ascii(let byte):
                    appendEscape(for: byte, into: &buffer)
                    index += 1
                case .lineSeparator(let hex):
                    buffer.append(UInt8(ascii: "\\"))
                    buffer.append(UInt8(ascii: "u"))
                    buffer.append(contentsOf: hex.utf8)
                    index += 3
                }
                runStart = index
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Parses JSON text, keeping object key order. Throws `JSONError` with a position on bad input.
    public static func parse(_ bytes: [UInt8]) throws -> Value {
        try bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer)
            return try parser.parseDocument()
        }
    }

    /// The 1-based line of a byte offset, for reporting a `JSONError` in a file.
    public static func line(ofOffset offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for byte in bytes.prefix(max(0, offset)) where byte == UInt8(ascii: "\n") { line += 1 }
        return line
    }

    // MARK: - Writing details

    private enum Escape {
        case ascii(UInt8)
        case lineSeparator(String)
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscape(for byte: UInt8, into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer.append(byte)
        case 0x08: buffer.append(UInt8(ascii: "b"))
        case 0x0C: buffer.append(UInt8(ascii: "f"))
        case 0x0A: buffer.append(UInt8(ascii: "n"))
        case 0x0D: buffer.append(UInt8(ascii: "r"))
        case 0x09: buffer.append(UInt8(ascii: "t"))
        default:
            buffer.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            buffer.append(hexDigits[Int(byte >> 4)])
            buffer.append(hexDigits[Int(byte & 0xF)])
        }
    }

    private static func writeInteger(_ number: Int64, into buffer: inout [UInt8]) {
        if number == 0 {
            buffer.append(UInt8(ascii: "0"))
            return
        }
        if number < 0 { buffer.append(UInt8(ascii: "-")) }
        // Work on the magnitude as UInt64 so Int64.min does not overflow.
        var magnitude = number.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
            var count = 0
            while magnitude > 0 {
                scratch[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[(20 - count)...]))
        }
    }

    private static func writeDouble(_ number: Double, into buffer: inout [UInt8]) {
        // JSON has no NaN or infinity; JavaScript's JSON.stringify writes null for them.
        guard number.isFinite else {
            buffer.append(contentsOf: nullBytes)
            return
        }
        // `description` is the shortest text that reads back as the same Double.
        buffer.append(contentsOf: number.description.utf8)
    }

    private static func newline(_ depth: Int, into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\n"))
        buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
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
