/// The escapes of a double-quoted scalar, as libyaml's scanner reads them (the emitter writes
/// `\0 \a \b \t \n \v \f \r \e \" \\ \N \_ \L \P \xXX \uXXXX \UXXXXXXXX`; the scanner also takes
/// `\ `, `\/` and `\'`). Anything else is declined, so Yams gives its error.
enum YAMLFastEscapes {
    /// Appends the character escaped at `index` (a backslash) and returns the index after it.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, escapeAt index: Int,
                       to output: inout [UInt8]) throws(YAMLFastReader.Decline) -> Int {
        guard index + 1 < bytes.count else { throw YAMLFastReader.Decline() }
        switch bytes[index + 1] {
        case UInt8(ascii: "0"): output.append(0x00)
        case UInt8(ascii: "a"): output.append(0x07)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "v"): output.append(0x0B)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "e"): output.append(0x1B)
        case UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"):
            output.append(bytes[index + 1])
        case UInt8(ascii: "N"): appendScalar(0x85, to: &output)
        case UInt8(ascii: "_"): appendScalar(0xA0, to: &output)
        case UInt8(ascii: "L"): appendScalar(0x2028, to: &output)
        case UInt8(ascii: "P"): appendScalar(0x2029, to: &output)
        case UInt8(ascii: "x"): return try appendHex(bytes, at: index + 2, digits: 2, to: &output)
        case UInt8(ascii: "u"): return try appendHex(bytes, at: index + 2, digits: 4, to: &output)
        case UInt8(ascii: "U"): return try appendHex(bytes, at: index + 2, digits: 8, to: &output)
        default: throw YAMLFastReader.Decline()
        }
        return index + 2
    }

    private static func appendHex(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, digits: Int,
                                  to output: inout [UInt8]) throws(YAMLFastReader.Decline) -> Int {
        guard start + digits <= bytes.count else { throw YAMLFastReader.Decline() }
        var value: UInt32 = 0
        for index in start..<(start + digits) {
            guard let digit = hexValue(bytes[index]) else { throw YAMLFastReader.Decline() }
            value = value << 4 | digit
        }
        // libyaml refuses surrogates and values past U+10FFFF.
        guard value < 0xD800 || (value > 0xDFFF && value <= 0x10FFFF) else { throw YAMLFastReader.Decline() }
        appendScalar(value, to: &output)
        return start + digits
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func appendScalar(_ value: UInt32, to output: inout [UInt8]) {
        guard let scalar = Unicode.Scalar(value) else { return }
        UTF8.encode(scalar) { output.append($0) }
    }
}
