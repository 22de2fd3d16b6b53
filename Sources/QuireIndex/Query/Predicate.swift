#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One operator with its operands cast for one field, answering with SQL's three values:
/// true, false, or nil (unknown) when the field is null and the operator is not a null test.
struct Predicate: Sendable {
    enum Test: Sendable {
        /// `$null` / `$notNull` / `$eq: null` / `$ne: null`: whether the field is null.
        case isNull(Bool)
        /// A result that holds whatever the field (`$in: []` is false, `$notIn: []` true).
        case constant(Bool)
        /// Comparing with a null operand: never true nor false.
        case unknown
        case equal(ScalarKey)
        case notEqual(ScalarKey)
        case oneOf([ScalarKey])
        case noneOf([ScalarKey])
        case range(lower: ScalarKey?, lowerInclusive: Bool, upper: ScalarKey?, upperInclusive: Bool)
        case pattern(TextPattern)
    }

    let test: Test

    init(_ test: Test) {
        self.test = test
    }

    func truth(_ key: ScalarKey?) -> Bool? {
        switch test {
        case .isNull(let wanted): return (key == nil) == wanted
        case .constant(let value): return value
        case .unknown: return nil
        default: break
        }
        guard let key else { return nil }
        return holds(key)
    }

    /// For a non-null key.
    func holds(_ key: ScalarKey) -> Bool {
        switch test {
        case .isNull(let wanted): !wanted
        case .constant(let value): value
        case .unknown: false
        case .equal(let operand): key == operand
        case .notEqual(let operand): key != operand
        case .oneOf(let operands): operands.contains(key)
        case .noneOf(let operands): !operands.contains(key)
        case .range(let lower, let lowerInclusive, let upper, let upperInclusive):
            Self.within(key, lower: lower, lowerInclusive: lowerInclusive, upper: upper, upperInclusive: upperInclusive)
        case .pattern(let pattern): pattern.matches(stored: key.text)
        }
    }

    static func within(_ key: ScalarKey, lower: ScalarKey?, lowerInclusive: Bool, upper: ScalarKey?, upperInclusive: Bool) -> Bool {
        if let lower {
            let order = ScalarKey.compare(key, lower)
            if order < 0 || (order == 0 && !lowerInclusive) { return false }
        }
        if let upper {
            let order = ScalarKey.compare(key, upper)
            if order > 0 || (order == 0 && !upperInclusive) { return false }
        }
        return true
    }
}

/// A LIKE-style test on a field's text: equality, substring, prefix or suffix, possibly negated.
struct TextPattern: Sendable {
    enum Kind: Sendable { case equal, contains, prefix, suffix }

    let kind: Kind
    let negated: Bool
    let foldsCase: Bool
    let needle: [UInt8]

    /// `text` as it is already folded when the pattern folds case.
    func matches(_ text: String) -> Bool {
        var text = text
        let found = text.withUTF8 { haystack in TextPattern.find(needle, in: haystack, kind: kind) }
        return found != negated
    }

    /// `text` as stored: the answer is `matches(text.lowercased())` when the pattern folds case,
    /// but ASCII text (nearly all of it) is compared folding byte by byte instead of being
    /// copied. Keeping a lowercased copy of every searchable field instead cost a second copy
    /// of a site's text (300 MiB at 100,000 articles, both views).
    func matches(stored text: String) -> Bool {
        guard foldsCase else { return matches(text) }
        var text = text
        let folded = text.withUTF8 { haystack -> Bool? in
            guard ASCIIFolding.isASCII(haystack) else { return nil }
            return ASCIIFolding.find(needle, in: haystack, kind: kind)
        }
        guard let folded else { return matches(text.lowercased()) }
        return folded != negated
    }

    static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, kind: Kind) -> Bool {
        let count = needle.count
        guard haystack.count >= count else { return false }
        switch kind {
        case .equal:
            return haystack.count == count && needle.withUnsafeBufferPointer { $0.elementsEqual(haystack) }
        case .prefix:
            return needle.withUnsafeBufferPointer { $0.elementsEqual(haystack[0..<count]) }
        case .suffix:
            return needle.withUnsafeBufferPointer { $0.elementsEqual(haystack[(haystack.count - count)...]) }
        case .contains:
            guard count > 0, let base = haystack.baseAddress else { return count == 0 }
            // libc's memchr is vectorised: `_q` reads every text field of a collection, and
            // jumping from one candidate first byte to the next skips most of it.
            return needle.withUnsafeBytes { needle in
                let first = Int32(needle[0])
                var start = 0
                let last = haystack.count - count
                while start <= last {
                    guard let found = memchr(base + start, first, last - start + 1) else { return false }
                    let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + offset, needle.baseAddress!, count) == 0 { return true }
                    start = offset + 1
                }
                return false
            }
        }
    }
}
