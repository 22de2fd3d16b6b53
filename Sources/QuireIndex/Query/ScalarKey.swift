import QuireContent

/// A field value reduced to what comparisons and orderings need. Dates, times and date-times
/// are kept in their canonical text, whose lexicographic order is chronological.
enum ScalarKey: Sendable, Hashable, Comparable {
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case text(String)

    static func < (lhs: ScalarKey, rhs: ScalarKey) -> Bool {
        compare(lhs, rhs) < 0
    }

    static func == (lhs: ScalarKey, rhs: ScalarKey) -> Bool {
        compare(lhs, rhs) == 0
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .bool(let flag): hasher.combine(flag)
        case .integer(let number): hasher.combine(Double(number))
        case .number(let number): hasher.combine(number)
        case .text(let text): hasher.combine(text)
        }
    }

    /// Integers and decimals compare by value; different kinds order bool < number < text.
    static func compare(_ lhs: ScalarKey, _ rhs: ScalarKey) -> Int {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.text(let a), .text(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        default:
            if let a = lhs.double, let b = rhs.double { return a < b ? -1 : (a == b ? 0 : 1) }
            return lhs.rank < rhs.rank ? -1 : (lhs.rank == rhs.rank ? 0 : 1)
        }
    }

    /// nil (SQL NULL) sorts first, as in SQLite and MySQL.
    static func compare(_ lhs: ScalarKey?, _ rhs: ScalarKey?) -> Int {
        switch (lhs, rhs) {
        case (nil, nil): 0
        case (nil, _): -1
        case (_, nil): 1
        case (let a?, let b?): compare(a, b)
        }
    }

    private var double: Double? {
        switch self {
        case .integer(let number): Double(number)
        case .number(let number): number
        default: nil
        }
    }

    private var rank: Int {
        switch self {
        case .bool: 0
        case .integer, .number: 1
        case .text: 2
        }
    }

    /// The text a database would show for the value (`LOWER(CAST(col AS VARCHAR))`).
    var text: String {
        switch self {
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number(let number): ScalarText.display(number)
        case .text(let text): text
        }
    }

    /// The key of a stored field value; nil for null or absent.
    init?(stored value: Value?, type: AttributeType) {
        guard let value else { return nil }
        switch (value, type) {
        case (.null, _): return nil
        case (.bool(let flag), _): self = .bool(flag)
        case (.int(let number), .float), (.int(let number), .decimal): self = .number(Double(number))
        case (.int(let number), _): self = .integer(number)
        case (.double(let number), _): self = .number(number)
        case (.string(let text), .biginteger): self = Int64(text).map(ScalarKey.integer) ?? .text(text)
        case (.string(let text), _): self = .text(text)
        case (.array, _), (.object, _): self = .text(String(decoding: JSON.encode(value), as: UTF8.self))
        }
    }
}
