import Foundation
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// The sign-in routes in the OpenAPI document (validity is checked with the rest, in `OpenAPITests`).
@Suite struct OpenAPIAuthTests {
    static func isAuthPath(_ path: String) -> Bool {
        path.hasPrefix("/api/auth/") || path.hasPrefix("/api/users/") || path.hasPrefix("/api/v1/@apostrophecms/login/")
    }

    @Test func signInRoutesAndSchemesAreDescribed() async throws {
        let site = try await AuthSite.make()
        try await site.test { client async throws in
            let document = try await client.send(.get, "/api/openapi.json").json
            let paths = try #require(document["paths"])
            #expect(paths["/api/auth/local"]?["post"]?["responses"]?["429"] != nil)
            #expect(paths["/api/auth/local/register"]?["post"]?["summary"]?.stringValue?.contains("authenticated") == true)
            #expect(paths["/api/users/me"]?["get"]?["responses"]?["200"] != nil)
            #expect(paths["/api/auth/change-password"]?["post"]?["requestBody"] != nil)
            for route in ["login", "logout", "whoami"] {
                #expect(paths["/api/v1/@apostrophecms/login/\(route)"]?["post"] != nil, "\(route)")
            }
            let schemes = document["components"]?["securitySchemes"]
            #expect(schemes?["apiKeyAuth"]?["in"] == .string("header"))
            #expect(document["components"]?["schemas"]?["AuthAnswer"] != nil)
        }
    }
}
