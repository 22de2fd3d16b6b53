/// Number grammars checked by hand: `Int64(_:)` and `Double(_:)` alone accept too much
/// (`Double` reads `nan`, `inf` and hex floats) for text that must mean what it says.
enum NumberText {
    /// `[-+]?[0-9]+`
    static func isInteger(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }

    /// `[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?`; the leading-dot form only when asked.
    static func isDecimal(_ text: String, allowLeadingDot: Bool = true) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        let integerStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        let integerDigits = index - integerStart
        var fractionDigits = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            fractionDigits = index - fractionStart
        }
        guard integerDigits > 0 || (allowLeadingDot && fractionDigits > 0) else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            let exponentStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > exponentStart else { return false }
        }
        return index == bytes.count
    }

    /// A finite double from decimal text, or nil.
    static func double(_ text: String) -> Double? {
        guard isDecimal(text), let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// An integer from `[-+]?[0-9]+` text, also accepting an integral decimal like `3.0` or `1e3`.
    static func integer(_ text: String) -> Int64? {
        if isInteger(text) { return Int64(text) }
        guard let value = double(text) else { return nil }
        return exactInteger(value)
    }

    static func exactInteger(_ value: Double) -> Int64? {
        guard value.rounded() == value, let integer = Int64(exactly: value) else { return nil }
        return integer
    }

    /// Biginteger text: an optional minus and digits, without a plus or leading zeros.
    static func canonicalBigInteger(_ text: String) -> String? {
        guard isInteger(text) else { return nil }
        var digits = Substring(text)
        var negative = false
        if digits.first == "+" { digits = digits.dropFirst() }
        else if digits.first == "-" { negative = true; digits = digits.dropFirst() }
        let trimmed = digits.drop { $0 == "0" }
        if trimmed.isEmpty { return "0" }
        return (negative ? "-" : "") + trimmed
    }

    /// How JavaScript prints a number, for messages (`5`, not `5.0`).
    static func display(_ value: Double) -> String {
        if let integer = exactInteger(value) { return String(integer) }
        return value.description
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
