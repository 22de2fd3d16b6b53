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
