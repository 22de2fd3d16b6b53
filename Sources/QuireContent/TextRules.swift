import Foundation
import Synchronization

/// Yup's email rule (the WHATWG one): `local@label(.label)*`, labels of letters, digits and
/// inner hyphens, at most 63 characters each.
enum EmailAddress {
    static func isValid(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        guard parts[0].allSatisfy({ isAlphanumeric($0) || localSymbols.contains($0) }) else { return false }
        let labels = parts[1].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard let first = label.first, let last = label.last, label.count <= 63 else { return false }
            return isAlphanumeric(first) && isAlphanumeric(last)
                && label.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    private static let localSymbols = Set(".!#$%&'*+/=?^_`{|}~-".utf8)

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

/// Strapi's uid rule, `^[A-Za-z0-9-_.~]*$`.
enum UIDText {
    static let pattern = "^[A-Za-z0-9-_.~]*$"

    static func isValid(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "~")
        }
    }
}

/// Schema `regex` options compiled once per pattern and shared: validation runs for every
/// document read and every write.
final class PatternCache: Sendable {
    static let shared = PatternCache()

    private let compiled = Mutex<[String: NSRegularExpression?]>([:])

    /// Whether `pattern` is usable (ICU syntax, close to JavaScript's for schema patterns).
    func isValid(_ pattern: String) -> Bool {
        expression(pattern) != nil
    }

    /// Whether `text` contains a match (JavaScript's `RegExp.test`); nil if the pattern is invalid.
    func matches(_ pattern: String, _ text: String) -> Bool? {
        guard let expression = expression(pattern) else { return nil }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }

    private func expression(_ pattern: String) -> NSRegularExpression? {
        if let known = compiled.withLock({ $0[pattern] }) { return known }
        let expression = try? NSRegularExpression(pattern: pattern)
        compiled.withLock { $0[pattern] = expression }
        return expression
    }
}
