/// An `Authorization` header read as `scheme value`. Read byte by byte: splitting and
/// lowercasing the header with String methods was the biggest part of checking a token.
struct Credentials: Equatable {
    enum Scheme: Equatable {
        case bearer
        case apiKey
        case other
    }

    var scheme: Scheme
    /// nil unless the header has exactly two space-separated parts.
    var value: String?

    init(_ header: String) {
        let bytes = Array(header.utf8)
        var index = 0
        func word() -> Range<Int> {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: " ") { index += 1 }
            return start..<index
        }
        let schemeRange = word()
        let valueRange = word()
        let rest = word()
        scheme = Self.matches(bytes[schemeRange], "bearer") ? .bearer : Self.matches(bytes[schemeRange], "apikey") ? .apiKey : .other
        value = valueRange.isEmpty || !rest.isEmpty ? nil : String(decoding: bytes[valueRange], as: UTF8.self)
    }

    /// ASCII case-insensitive equality with a lowercase word.
    private static func matches(_ bytes: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        var expected = word.utf8Start
        for byte in bytes {
            let lower = (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte | 0x20 : byte
            guard lower == expected.pointee else { return false }
            expected += 1
        }
        return true
    }
}
