import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Query strings a client controls completely: numbers at the edge of `Int`, odd shapes.
/// Each must be answered (200 or a 4xx in the dialect's envelope), never trap the server.
@Suite struct HostileQueryTests {
    static let largest = String(Int.max)

    /// `(page - 1) * pageSize` overflowed `Int` and trapped, taking the whole server down.
    @Test(arguments: [
        "/api/articles?pagination[page]=\(largest)",
        "/api/articles?pagination[page]=\(largest)&pagination[pageSize]=\(largest)",
        "/api/articles?pagination[page]=\(largest)&pagination[withCount]=false",
        "/api/articles/first-post/history?pagination[page]=\(largest)",
        "/api/articles/first-post/history?pagination[page]=\(largest)&pagination[withCount]=false",
    ])
    func aPageFarPastTheEndIsEmpty(_ uri: String) async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let response = try await client.send(.get, uri, token: token)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.json["data"]?.count == 0)
            #expect(try response.json["meta"]?["pagination"]?["page"] == .int(Int64.max))
        }
    }
}
