import Testing
@testable import QuireContent

/// Milliseconds to date-time text is total over `Int64`: a timestamp near `Int64.min` trapped
/// (found by the query-string fuzz target's review; see Fuzz/).
@Suite struct TimestampTests {
    @Test func everyInt64Formats() {
        #expect(ScalarText.dateTime(milliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(ScalarText.dateTime(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
        #expect(ScalarText.dateTime(milliseconds: -86_400_000) == "1969-12-31T00:00:00.000Z")
        #expect(ScalarText.dateTime(milliseconds: 1_709_732_525_098) == "2024-03-06T13:42:05.098Z")
        #expect(ScalarText.dateTime(milliseconds: 8_640_000_000_000_000) == "275760-09-13T00:00:00.000Z")
        #expect(ScalarText.dateTime(milliseconds: -8_640_000_000_000_000) == "-271821-04-20T00:00:00.000Z")
        for extreme in [Int64.min, .min + 1, .min + 86_399_999, .max, .max - 1] {
            #expect(ScalarText.dateTime(milliseconds: extreme).hasSuffix("Z"))
        }
    }
}
