import QuireContent

/// Turns an operator and its text operands into a `Predicate` for a field, casting operands by
/// the field's type the way Strapi's database fields do (`toDB`), with Strapi's messages.
enum OperandCast {
    static func predicate(_ op: FilterOperator, _ operands: [String?], field: QueryField) throws(QueryError) -> Predicate {
        switch op {
        case .null, .notNull:
            let flag = operands.first.map { truthy($0) } ?? false
            return Predicate(.isNull(op == .null ? flag : !flag))
        case .eq, .ne:
            guard let operand = operands.first, let text = operand else { return Predicate(.isNull(op == .eq)) }
            let key = try cast(text, field: field)
            return Predicate(op == .eq ? .equal(key) : .notEqual(key))
        case .in, .notIn:
            if operands.isEmpty { return Predicate(.constant(op == .notIn)) }
            var keys: [ScalarKey] = []
            for case let text? in operands { keys.append(try cast(text, field: field)) }
            return Predicate(op == .in ? .oneOf(keys) : .noneOf(keys))
        case .lt, .lte, .gt, .gte:
            guard let operand = operands.first, let text = operand else { return Predicate(.unknown) }
            let key = try cast(text, field: field)
            switch op {
            case .lt: return Predicate(.range(lower: nil, lowerInclusive: false, upper: key, upperInclusive: false))
            case .lte: return Predicate(.range(lower: nil, lowerInclusive: false, upper: key, upperInclusive: true))
            case .gt: return Predicate(.range(lower: key, lowerInclusive: false, upper: nil, upperInclusive: false))
            default: return Predicate(.range(lower: key, lowerInclusive: true, upper: nil, upperInclusive: false))
            }
        case .between:
            guard operands.count == 2, let low = operands[0], let high = operands[1] else {
                throw .invalidValue(field: field.name, message: "$between expects exactly two values")
            }
            return Predicate(.range(lower: try cast(low, field: field), lowerInclusive: true,
                                    upper: try cast(high, field: field), upperInclusive: true))
        default:
            guard let operand = operands.first, let text = operand else { return Predicate(.unknown) }
            return Predicate(.pattern(pattern(op, text)))
        }
    }

    private static func pattern(_ op: FilterOperator, _ text: String) -> TextPattern {
        let kind: TextPattern.Kind
        switch op {
        case .eqi, .nei: kind = .equal
        case .startsWith, .startsWithi: kind = .prefix
        case .endsWith, .endsWithi: kind = .suffix
        default: kind = .contains
        }
        let negated = op == .nei || op == .notContains || op == .notContainsi
        let needle = op.foldsCase ? text.lowercased() : text
        return TextPattern(kind: kind, negated: negated, foldsCase: op.foldsCase, needle: Array(needle.utf8))
    }

    /// Strapi's boolean reading of `$null` operands: `false`, `f`, `0` and the empty string are
    /// false, anything else (`true`, `t`, `1`, any other text) is true.
    static func truthy(_ text: String?) -> Bool {
        guard let text else { return false }
        return !["false", "f", "0", ""].contains(text)
    }

    static func cast(_ text: String, field: QueryField) throws(QueryError) -> ScalarKey {
        guard let type = field.scalarType else { return .text(text) }
        switch type {
        case .integer, .biginteger, .float, .decimal:
            let trimmed = text.trimmingSpaces
            guard let number = ScalarText.number(trimmed) ?? Double(trimmed), number.isFinite else {
                throw .invalidValue(field: field.name, message: "Expected a valid Number, got \(text)")
            }
            if case .float = type { return .number(number) }
            if case .decimal = type { return .number(number) }
            if let integer = Int64(trimmed) { return .integer(integer) }
            return number.rounded() == number && abs(number) < 9.2e18 ? .integer(Int64(number)) : .number(number)
        case .boolean:
            switch text {
            case "true", "t", "1": return .bool(true)
            case "false", "f", "0", "": return .bool(false)
            default: return .bool(true)
            }
        case .date:
            guard case .string(let date)? = ScalarText.canonical(text, as: .date) else {
                throw .invalidValue(field: field.name, message: "Invalid format, expected yyyy-MM-dd")
            }
            return .text(date)
        case .time:
            guard case .string(let time)? = ScalarText.canonical(text, as: .time) else {
                throw .invalidValue(field: field.name, message: "Invalid time format, expected HH:mm:ss.SSS")
            }
            return .text(time)
        case .datetime:
            if case .string(let dateTime)? = ScalarText.canonical(text, as: .datetime) { return .text(dateTime) }
            if let milliseconds = Int64(text), ScalarText.timestampRange.contains(milliseconds) {
                return .text(ScalarText.dateTime(milliseconds: milliseconds))
            }
            throw .invalidValue(field: field.name, message: "Invalid format, expected a timestamp or an ISO date")
        default:
            return .text(text)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars = scalars.dropFirst() }
        while scalars.last?.isWhitespace == true { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
