import QuireContent
import QuireGit

/// Appends values in the saved index's compact form: LEB128 lengths and integers, raw bytes.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Zig-zag, so small negative numbers stay short.
    mutating func signed(_ value: Int64) {
        unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func count(_ value: Int) { unsigned(UInt64(value)) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func id(_ value: ObjectID) { value.append(to: &bytes) }

    mutating func optionalID(_ value: ObjectID?) {
        if let value {
            byte(1)
            id(value)
        } else {
            byte(0)
        }
    }

    mutating func fixed32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func fixed64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func value(_ value: Value) {
        switch value {
        case .null: byte(0)
        case .bool(let flag): byte(flag ? 2 : 1)
        case .int(let number):
            byte(3)
            signed(number)
        case .double(let number):
            byte(4)
            fixed64(number.bitPattern)
        case .string(let text):
            byte(5)
            string(text)
        case .array(let items):
            byte(6)
            count(items.count)
            for item in items { self.value(item) }
        case .object(let object):
            byte(7)
            self.object(object)
        }
    }

    mutating func object(_ object: OrderedObject) {
        count(object.count)
        for (key, value) in object.pairs {
            string(key)
            self.value(value)
        }
    }
}

/// Why a saved index was not used: it is only ever a cache, so every failure means "rebuild".
struct SavedIndexError: Error, CustomStringConvertible {
    var description: String
}

/// Reads what `ByteWriter` wrote, checking every length against the end of the buffer.
struct ByteReader {
    let buffer: UnsafeRawBufferPointer
    var offset: Int
    let end: Int

    init(_ buffer: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) {
        self.buffer = buffer
        offset = start
        self.end = end ?? buffer.count
    }

    var isAtEnd: Bool { offset >= end }

    private static let truncated = SavedIndexError(description: "the saved index is truncated")

    mutating func byte() throws -> UInt8 {
        guard offset < end else { throw Self.truncated }
        defer { offset += 1 }
        return buffer[offset]
    }

    mutating func unsigned() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw SavedIndexError(description: "the saved index has an overlong number") }
            result |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return result }
            shift += 7
        }
    }

    mutating func signed() throws -> Int64 {
        let raw = try unsigned()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func count() throws -> Int {
        let raw = try unsigned()
        guard raw <= UInt64(end - offset) * 8 + 64 else { throw Self.truncated }
        return Int(raw)
    }

    mutating func bytes(_ length: Int) throws -> UnsafeRawBufferPointer {
        guard length >= 0, length <= end - offset else { throw Self.truncated }
        defer { offset += length }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + length])
    }

    mutating func string() throws -> String {
        String(decoding: try bytes(try count()), as: UTF8.self)
    }

    mutating func id() throws -> ObjectID {
        guard let id = ObjectID(raw: buffer, at: offset), offset + 20 <= end else { throw Self.truncated }
        offset += 20
        return id
    }

    mutating func optionalID() throws -> ObjectID? {
        try byte() == 0 ? nil : try id()
    }

    mutating func fixed32() throws -> UInt32 {
        let raw = try bytes(4)
        return UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self))
    }

    mutating func fixed64() throws -> UInt64 {
        let raw = try bytes(8)
        return UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
    }

    /// `depth` bounds the nesting, so a damaged file cannot exhaust the stack.
    mutating func value(depth: Int = 0) throws -> Value {
        guard depth < 256 else { throw SavedIndexError(description: "the saved index nests too deeply") }
        switch try byte() {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .int(try signed())
        case 4: return .double(Double(bitPattern: try fixed64()))
        case 5: return .string(try string())
        case 6:
            let count = try count()
            var items: [Value] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try value(depth: depth + 1)) }
            return .array(items)
        case 7: return .object(try object(depth: depth + 1))
        default: throw SavedIndexError(description: "the saved index has an unknown value tag")
        }
    }

    mutating func object(depth: Int = 0) throws -> OrderedObject {
        let count = try count()
        var keys: [String] = []
        var values: [Value] = []
        keys.reserveCapacity(count)
        values.reserveCapacity(count)
        for _ in 0..<count {
            keys.append(try string())
            values.append(try value(depth: depth))
        }
        return OrderedObject(uniqueKeys: keys, values: values)
    }
}
