import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// A content type named like a plugin route (`users` here) would be shadowed by it: the server
/// still starts, reports the schema in `/_health`, leaves the type out, and the route answers as
/// the plugin's.
@Suite struct ReservedTypeNameTests {
    @Test func aTypeNamedLikeAPluginRouteIsReportedAndLeftOut() async throws {
        let site = try await TestSite.make(files: [
            "schemas/member.yaml": "kind: collectionType\ninfo: {singularName: member, pluralName: users, displayName: Member}\nattributes:\n  name: { type: string }\n",
            "content/en/member/m1.yaml": "name: Grace\n",
        ])
        try await site.test { client async throws in
            let health = try await client.send(.get, "/_health", token: site.fullToken)
            #expect(try health.json["status"] == .string("degraded"))
            let problems = try #require(try health.json["problems"].flatMap { if case .array(let items) = $0 { items } else { nil } })
            #expect(problems.contains { $0["path"] == .string("schemas/member.yaml")
                && $0["message"]?.stringValue?.contains("pluralName 'users' is reserved") == true }, "\(problems)")
            // /api/users is still Strapi's user route (a bare array of accounts), not the members.
            let users = try await client.send(.get, "/api/users", token: site.fullToken)
            #expect(users.status == .ok, "\(users.text)")
            #expect(try users.json == .array([]))
            #expect(try await client.send(.get, "/api/v1/member", token: site.fullToken).status == .notFound)
            #expect(try await client.send(.get, "/api/articles", token: site.fullToken).status == .ok)
        }
    }
}
