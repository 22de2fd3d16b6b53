import Testing
@testable import QuireContent

private func text(_ value: Value) -> String { String(decoding: JSON.encode(value), as: UTF8.self) }
private func parse(_ text: String) throws -> Value { try JSON.parse(Array(text.utf8)) }

@Suite struct JSONWriterTests {
    @Test func writesKeysInInsertionOrder() {
        let object: OrderedObject = ["zeta": .int(1), "alpha": .bool(true), "mid": .null]
        #expect(text(.object(object)) == #"{"zeta":1,"alpha":true,"mid":null}"#)
    }

    @Test func escapesStrings() {
        #expect(text(.string("a\"b\\c\n\t\r\u{08}\u{0C}")) == #""a\"b\\c\n\t\r\b\f""#)
        #expect(text(.string("\u{01}\u{1F}")) == #""\u0001\u001f""#)
        #expect(text(.string("line\u{2028}sep\u{2029}")) == #""line\u2028sep\u2029""#)
        #expect(text(.string("é😀/")) == "\"é😀/\"")
    }

    @Test func writesNumbers() {
        #expect(text(.int(0)) == "0")
        #expect(text(.int(-42)) == "-42")
        #expect(text(.int(.min)) == "-9223372036854775808")
        #expect(text(.int(.max)) == "9223372036854775807")
        #expect(text(.double(4.5)) == "4.5")
        #expect(text(.double(0.1)) == "0.1")
        #expect(text(.double(.nan)) == "null")
        #expect(text(.double(-.infinity)) == "null")
    }

    @Test func doublesReadBackExactly() throws {
        for number in [0.1, 1e-7, 1e21, 123456.789, -0.000001, 4.0, 1.7976931348623157e308, 5e-324] {
            #expect(try parse(text(.double(number))) == .double(number) || number == 4.0)
        }
        #expect(try parse(text(.double(4.0))) == .double(4.0))
    }

    @Test func prettyPrintsLikeJavaScript() {
        let value: Value = .object(["a": .array([.int(1), .object([:])]), "b": .array([])])
        let expected = """
            {
              "a": [
                1,
                {}
              ],
              "b": []
            }
            """
        #expect(String(decoding: JSON.encodePretty(value), as: UTF8.self) == expected)
    }
}

@Suite struct JSONParserTests {
    @Test func keepsKeyOrderAndTypes() throws {
        let value = try parse(#" { "b": 1, "a": [true, false, null, 1.5, -0, 2e3, "x"] } "#)
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object.keys == ["b", "a"])
        #expect(object["a"] == .array([.bool(true), .bool(false), .null, .double(1.5), .int(0), .double(2000), .string("x")]))
    }

    @Test func integersBeyondInt64BecomeDoubles() throws {
        #expect(try parse("9223372036854775807") == .int(.max))
        #expect(try parse("9223372036854775808") == .double(9223372036854775808))
        #expect(try parse("-12") == .int(-12))
        #expect(try parse("12.0") == .double(12))
    }

    @Test func decodesEscapes() throws {
        #expect(try parse(#""\"\\\/\b\f\n\r\t\u00e9\u20AC""#) == .string("\"\\/\u{08}\u{0C}\n\r\té€"))
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parse(#""a\u0000b""#) == .string("a\u{0}b"))
    }

    @Test func repeatedKeysKeepFirstPositionAndLastValue() throws {
        #expect(try parse(#"{"a":1,"b":2,"a":3}"#) == .object(["a": .int(3), "b": .int(2)]))
        // Past the size where an index takes over from the linear scan.
        let many = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        guard case .object(let object) = try parse("{\(many),\"k3\":99}") else { Issue.record("not an object"); return }
        #expect(object.count == 40)
        #expect(object["k3"] == .int(99))
        #expect(object.keys[3] == "k3")
    }

    @Test(arguments: [
        ("", 0), ("{", 1), ("[1,]", 3), ("{\"a\" 1}", 5), ("01", 0), ("1.", 2), ("-", 0), ("1e", 2),
        ("tru", 0), ("nul", 0), ("\"abc", 0), ("\"a\\x\"", 2), ("\"\\ud800\"", 1), ("\"\\udc00x\"", 1),
        ("[1] 2", 4), ("{\"a\":1,}", 7), ("'a'", 0), ("NaN", 0), ("1e400", 0), ("{1:2}", 1),
        ("\"tab\there\"", 4), ("[", 1),
    ])
    func rejectsInvalidInput(input: String, offset: Int) {
        #expect(throws: JSONError.self) { try parse(input) }
        do {
            _ = try parse(input)
        } catch let error as JSONError {
            #expect(error.offset == offset, "\(input): \(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONError.self) { try JSON.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func limitsDepth() throws {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONError.self) { try parse(deep) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(try parse(fine) != .null)
    }

    @Test func roundTripsThroughWriter() throws {
        let value: Value = .object([
            "s": .string("quote \" slash \\ nl \n ctrl \u{7} emoji 😀 sep \u{2028}"),
            "n": .array([.int(-1), .double(2.25), .bool(false), .null]),
            "o": .object(["nested": .object(["deep": .string("")])]),
        ])
        #expect(try JSON.parse(JSON.encode(value)) == value)
        #expect(try JSON.parse(JSON.encodePretty(value)) == value)
    }

    @Test func reportsLinesOfOffsets() {
        let bytes = Array("{\n  \"a\": 1,\n  oops\n}".utf8)
        do {
            _ = try JSON.parse(bytes)
            Issue.record("parsed invalid JSON")
        } catch let error as JSONError {
            #expect(JSON.line(ofOffset: error.offset, in: bytes) == 3)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
