import Testing
@testable import QuireContent

@Suite struct TemporalTextTests {
    @Test func canonicalForms() {
        #expect(TemporalText.canonicalTime("14:30") == "14:30:00.000")
        #expect(TemporalText.canonicalTime("14:30:05.1") == "14:30:05.100")
        #expect(TemporalText.canonicalTime("14:30:05.123456") == "14:30:05.123")
        #expect(TemporalText.canonicalTime("24:00") == nil)
        #expect(TemporalText.canonicalTime("1:30") == nil)
        #expect(TemporalText.canonicalDate("2024-02-29") == "2024-02-29")
        #expect(TemporalText.canonicalDate("2023-02-29") == nil)
        #expect(TemporalText.canonicalDate("1900-02-29") == nil)
        #expect(TemporalText.canonicalDate("2000-02-29") == "2000-02-29")
        #expect(TemporalText.canonicalDate("2024-13-01") == nil)
        #expect(TemporalText.canonicalDateTime("1969-12-31T23:59:59.999Z") == "1969-12-31T23:59:59.999Z")
        #expect(TemporalText.canonicalDateTime("2024-01-01T00:30:00+01:00") == "2023-12-31T23:30:00.000Z")
        #expect(TemporalText.canonicalDateTime("2024-01-01T00:30:00+1") == "2023-12-31T23:30:00.000Z")
        #expect(TemporalText.canonicalDateTime("2024-01-01T00:30:00+123") == nil)
        #expect(TemporalText.canonicalDateTime("2024-01-01T00:30:00Zjunk") == nil)
        #expect(TemporalText.canonicalDateTime("2024-01-01X00:30") == nil)
        #expect(TemporalText.milliseconds("1970-01-01T00:00:01Z") == 1000)
        #expect(TemporalText.formatDateTime(milliseconds: 1_709_732_525_098) == "2024-03-06T13:42:05.098Z")
        #expect(TemporalText.formatDateTime(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
    }
}
