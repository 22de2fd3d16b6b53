/// Dates and times in the canonical text Strapi returns: `2024-03-06`, `14:30:00.000`,
/// `2024-03-06T13:42:05.098Z`. Done by hand: Foundation's formatters are slow to build and
/// not safe to share, and these grammars are small.
enum TemporalText {
    /// `YYYY-MM-DD`, or the date part of a date-time as written.
    static func canonicalDate(_ text: String) -> String? {
        var reader = Reader(text)
        guard let date = reader.date() else { return nil }
        if !reader.atEnd {
            // A date-time is accepted for a date (Strapi parses it as ISO), but must be valid.
            guard canonicalDateTime(text) != nil else { return nil }
        }
        return format(date)
    }

    /// `HH:mm`, `HH:mm:ss` or `HH:mm:ss.SSS…` → `HH:mm:ss.SSS`.
    static func canonicalTime(_ text: String) -> String? {
        var reader = Reader(text)
        guard let time = reader.time(), reader.atEnd else { return nil }
        return format(time)
    }

    /// Any ISO 8601 date-time (`T`, `t` or spaces between date and time, optional seconds and
    /// fraction, `Z` or a `±HH[:MM]` offset; no offset means UTC), or a bare date (midnight UTC).
    static func canonicalDateTime(_ text: String) -> String? {
        milliseconds(text).map { formatDateTime(milliseconds: $0) }
    }

    /// Milliseconds since 1970 for an ISO 8601 date-time, or nil.
    static func milliseconds(_ text: String) -> Int64? {
        var reader = Reader(text)
        guard let date = reader.date(lenient: true) else { return nil }
        if reader.atEnd { return epochMilliseconds(date: date, time: (0, 0, 0, 0)) }
        guard reader.skipDateTimeSeparator(), let time = reader.time(lenient: true) else { return nil }
        reader.skipSpaces()
        guard let offsetMinutes = reader.offset(), reader.atEnd else { return nil }
        return epochMilliseconds(date: date, time: time) - Int64(offsetMinutes) * 60_000
    }

    /// JavaScript's Date range (±100,000,000 days around 1970): Strapi refuses timestamps past it.
    static let timestampRange: ClosedRange<Int64> = -8_640_000_000_000_000...8_640_000_000_000_000

    /// Total over `Int64` (callers refuse timestamps outside `timestampRange` before they get here).
    static func formatDateTime(milliseconds: Int64) -> String {
        let days = floorDivide(milliseconds, 86_400_000)
        let remainder = milliseconds % 86_400_000
        let rest = remainder < 0 ? remainder + 86_400_000 : remainder
        let date = civil(fromDays: days)
        let time = (Int(rest / 3_600_000), Int(rest / 60_000 % 60), Int(rest / 1000 % 60), Int(rest % 1000))
        return format(date) + "T" + format(time) + "Z"
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, Howard Hinnant's algorithms)

    typealias CivilDate = (year: Int, month: Int, day: Int)
    typealias ClockTime = (hour: Int, minute: Int, second: Int, millisecond: Int)

    static func isValid(_ date: CivilDate) -> Bool {
        guard (1...12).contains(date.month), date.day >= 1 else { return false }
        let leap = date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return date.day <= lengths[date.month - 1]
    }

    private static func days(from date: CivilDate) -> Int64 {
        let year = Int64(date.month <= 2 ? date.year - 1 : date.year)
        let era = floorDivide(year, 400)
        let yearOfEra = year - era * 400
        let month = Int64(date.month)
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + Int64(date.day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> CivilDate {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    private static func epochMilliseconds(date: CivilDate, time: ClockTime) -> Int64 {
        let seconds = Int64(time.hour * 3600 + time.minute * 60 + time.second)
        return days(from: date) * 86_400_000 + seconds * 1000 + Int64(time.millisecond)
    }

    /// Rounds toward negative infinity; `-value` would overflow for values near `Int64.min`.
    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }

    private static func format(_ date: CivilDate) -> String {
        pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
    }

    private static func format(_ time: ClockTime) -> String {
        pad(time.hour, 2) + ":" + pad(time.minute, 2) + ":" + pad(time.second, 2) + "." + pad(time.millisecond, 3)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A cursor over ASCII text with the little grammars the formats are made of.
    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(_ text: String) { bytes = Array(text.utf8) }

        var atEnd: Bool { index == bytes.count }

        /// As many digits as `range` allows, at least its lower bound.
        mutating func number(digits range: ClosedRange<Int>) -> Int? {
            var count = 0
            while count < range.upperBound, index + count < bytes.count,
                  bytes[index + count] >= UInt8(ascii: "0"), bytes[index + count] <= UInt8(ascii: "9") { count += 1 }
            guard count >= range.lowerBound else { return nil }
            return number(digits: count)
        }

        mutating func number(digits count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var result = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                result = result * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return result
        }

        mutating func expect(_ character: Character) -> Bool {
            guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
            index += 1
            return true
        }

        /// `YYYY-MM-DD`; `lenient` also takes YAML's one-digit months and days (`2001-1-2`).
        mutating func date(lenient: Bool = false) -> CivilDate? {
            let shortest = lenient ? 1 : 2
            guard let year = number(digits: 4), expect("-"), let month = number(digits: shortest...2), expect("-"),
                  let day = number(digits: shortest...2) else { return nil }
            let date = (year, month, day)
            return TemporalText.isValid(date) ? date : nil
        }

        /// `HH:mm[:ss[.fff…]]`; `lenient` also takes YAML's one-digit hours (`1:05:00`).
        mutating func time(lenient: Bool = false) -> ClockTime? {
            guard let hour = number(digits: (lenient ? 1 : 2)...2), hour < 24, expect(":"), let minute = number(digits: 2), minute < 60 else {
                return nil
            }
            var second = 0
            var millisecond = 0
            if expect(":") {
                guard let value = number(digits: 2), value < 60 else { return nil }
                second = value
                if expect(".") {
                    var digits = 0
                    var scale = 100
                    while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                        // Beyond milliseconds the digits are read and dropped, as JavaScript does.
                        millisecond += Int(bytes[index] - UInt8(ascii: "0")) * scale
                        scale /= 10
                        digits += 1
                        index += 1
                    }
                    guard digits > 0 else { return nil }
                }
            }
            return (hour, minute, second, millisecond)
        }

        mutating func skipDateTimeSeparator() -> Bool {
            if expect("T") || expect("t") { return true }
            let start = index
            skipSpaces()
            return index > start
        }

        mutating func skipSpaces() {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        }

        /// `Z`, `±HH`, `±HH:MM`, `±HHMM`, or nothing (UTC); in minutes east of UTC.
        mutating func offset() -> Int? {
            if atEnd { return 0 }
            if expect("Z") || expect("z") { return 0 }
            let sign: Int
            if expect("+") { sign = 1 } else if expect("-") { sign = -1 } else { return nil }
            guard let hours = number(digits: 1...2), hours < 24 else { return nil }
            var minutes = 0
            if !atEnd {
                _ = expect(":")
                guard let value = number(digits: 2), value < 60 else { return nil }
                minutes = value
            }
            return sign * (hours * 60 + minutes)
        }
    }
}
