import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Inputs the fuzz targets (`Fuzz/`, `make fuzz`) or their review turned up: each one trapped
/// or misbehaved once, and must now get a clear 400.
@Suite struct FuzzFindingsTests {
    /// A timestamp near `Int64.min` trapped in the date arithmetic (`-value` overflowed) and took
    /// the server down; one past JavaScript's dates is no date for Strapi either.
    @Test(arguments: ["-9223372036854775808", "-9223372036800000000", "8640000000000001", "9223372036854775807"])
    func aFilterTimestampOutsideDatesIsRefused(_ operand: String) async throws {
        let site = try await QuerySite.make()
        try await site.test { client async throws in
            let error = try await client.badRequest("filters[eventAt][$eq]=\(operand)")
            #expect(error["message"] == .string("Invalid format, expected a timestamp or an ISO date"))
        }
    }

    @Test func theLargestTimestampsAreStillDates() async throws {
        let site = try await QuerySite.make()
        try await site.test { client async throws in
            for operand in ["8640000000000000", "-8640000000000000", "-1"] {
                let response = try await client.send(.get, "/api/articles?filters[eventAt][$lt]=\(operand)")
                #expect(response.status == .ok, "\(operand): \(response.text)")
            }
        }
    }

    /// The same trap through a request body: Strapi takes a datetime as milliseconds too.
    @Test(arguments: ["-9223372036854775808", "9223372036854775807"])
    func aBodyTimestampOutsideDatesIsRefused(_ operand: String) async throws {
        let site = try await QuerySite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let response = try await client.send(.post, "/api/articles", token: token,
                                                 json: #"{"data": {"title": "Far", "eventAt": \#(operand)}}"#)
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(try response.json["error"]?["name"] == .string("ValidationError"))
        }
    }
}

/// multipart-kit traps on a non-ASCII byte in a part's header name (found by fuzz-multipart):
/// the upload is a 400 and the server stays up; UTF-8 in header values (file names) still works.
@Suite struct MultipartFuzzFindingsTests {
    static let boundary = "XyZ"

    @Test(arguments: [
        "--XyZ\r\nContent-Dispositi\u{E9}n: form-data; name=\"files\"\r\n\r\nx\r\n--XyZ--\r\n",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\u{FF}: 1\r\n\r\nx\r\n--XyZ--\r\n",
        "preamble --XyZ\r\n\u{80}\r\n\r\n",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ\r\n\u{C3}\u{A9}: y\r\n\r\n",
        // A value ended by LF alone runs on to the next CR: the parser then reads a name where a body looked to start.
        "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\u{0F}\n\r\n\u{FF}\u{D8}x\r\n--XyZ--\r\n",
    ])
    func aNonASCIIHeaderNameIsRefused(_ body: String) async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        // Latin-1 bytes as written: each scalar above is one byte on the wire.
        let bytes = body.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        try await site.test { client async throws in
            let response = try await client.sendMultipart(bytes, contentType: "multipart/form-data; boundary=\(Self.boundary)", token: token)
            #expect(response.status == .badRequest, "\(response.text)")
            let again = try await client.send(.get, "/api/articles", token: token)
            #expect(again.status == .ok)
        }
    }

    @Test func aUTF8FileNameIsStillTaken() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let picture = try Pictures.png(8, 8)
        let head = "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"café ünï.png\"\r\nContent-Type: image/png\r\n\r\n"
        let bytes = Array(head.utf8) + picture + Array("\r\n--\(Self.boundary)--\r\n".utf8)
        try await site.test { client async throws in
            let response = try await client.sendMultipart(bytes, contentType: "multipart/form-data; boundary=\(Self.boundary)", token: token)
            #expect(response.status == .created, "\(response.text)")
            #expect(try response.json[0]?["name"] == .string("café ünï.png"))
        }
    }
}
