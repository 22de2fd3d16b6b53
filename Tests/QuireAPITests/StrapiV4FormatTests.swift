import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// `Strapi-Response-Format: v4`: documents as `{id, documentId, attributes}`, relations as `{data}`.
@Suite struct StrapiV4FormatTests {
    static let v4: HTTPFields = [HTTPField.Name("Strapi-Response-Format")!: "v4"]

    @Test func readsAndWritesInStrapi4sShape() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let one = try await client.send(.get, "/api/articles/first-post?populate[0]=author&populate[1]=tags", token: token, headers: Self.v4)
            #expect(one.status == .ok, "\(one.text)")
            let data = try #require(try one.json["data"])
            #expect(data["documentId"] == .string("first-post"))
            #expect(data["id"]?.intValue != nil)
            #expect(data["title"] == nil && data["attributes"]?["title"] == .string("First post"), "\(one.text)")
            #expect(data["attributes"]?["author"]?["data"]?["attributes"]?["name"] == .string("Ada Lovelace"), "\(one.text)")
            #expect(data["attributes"]?["author"]?["data"]?["documentId"] == .string("ada"))
            #expect(data["attributes"]?["tags"]?["data"] == .array([]), "an empty to-many relation is {data: []}")

            let plain = try await client.send(.get, "/api/articles/first-post", token: token)
            #expect(try plain.json["data"]?["title"] == .string("First post"), "without the header: Strapi 5's flat shape")
            let flat = try await client.send(.get, "/api/articles/first-post", token: token, headers: Self.v4)
            #expect(flat.headers[.eTag] != plain.headers[.eTag], "the two shapes are two representations")

            let list = try await client.send(.get, "/api/tags?sort=name", token: token, headers: Self.v4)
            #expect(try list.json["data"]?[0]?["attributes"]?["name"] == .string("NO"), "\(list.text)")
            #expect(try list.json["meta"]?["pagination"]?["total"] == .int(2))

            let created = try await client.send(.post, "/api/authors", token: token, json: #"{"data":{"name":"Grace"}}"#, headers: Self.v4)
            #expect(created.status == .created)
            #expect(try created.json["data"]?["attributes"]?["name"] == .string("Grace"), "\(created.text)")
        }
    }
}
