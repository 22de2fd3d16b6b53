import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `media` attributes: written by id or documentId, checked against `allowedTypes`, populated
/// to the library's current file objects, and filtered on.
@Suite struct MediaFieldTests {
    static let files = [
        "schemas/recipe.yaml": """
            kind: collectionType
            info: { singularName: recipe, pluralName: recipes, displayName: Recipe }
            attributes:
              title: { type: string, required: true }
              cover: { type: media, multiple: false, allowedTypes: [images] }
              attachments: { type: media, multiple: true }
            """,
    ]

    @Test func mediaFieldsAreWrittenByIdCheckedAndPopulated() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let picture = try await client.uploadOne(try Pictures.jpeg(400, 300), name: "cake.jpg", type: "image/jpeg", token: token,
                                                     info: #"{"alternativeText":"A cake"}"#)
            let notes = try await client.uploadOne(Array("flour,sugar\n".utf8), name: "list.csv", type: "text/csv", token: token)
            let documentId = try #require(notes["documentId"]?.stringValue)

            let created = try await client.send(.post, "/api/recipes", token: token, json: """
                {"data":{"title":"Cake","cover":1,"attachments":[{"documentId":"\(documentId)"}, "1"]}}
                """)
            #expect(created.status == .created, "\(created.text)")
            let recipeId = try #require(try created.json["data"]?["documentId"]?.stringValue)
            let stored = try site.git("show", "main:content/en/recipe/\(recipeId).yaml")
            #expect(stored.contains(picture["hash"]!.stringValue!))

            // The library's current alternative text, not a copy taken at write time.
            var info = MultipartBody()
            info.field("fileInfo", #"{"alternativeText":"A lemon cake"}"#)
            #expect(try await client.upload(info, token: token, query: "?id=1").status == .ok)
            let populated = try await client.send(.get, "/api/recipes/\(recipeId)?populate=*", token: token)
            let data = try populated.json["data"]
            #expect(data?["cover"]?["alternativeText"] == .string("A lemon cake"))
            #expect(data?["cover"]?["formats"]?["thumbnail"]?["width"] == .int(208))
            #expect(data?["attachments"]?.count == 2)
            #expect(data?["attachments"]?[0]?["name"] == .string("list.csv"))

            let images = try await client.send(.get, "/api/recipes?filters[cover][mime][$contains]=image", token: token)
            #expect(try images.json["data"]?.count == 1)
            let none = try await client.send(.get, "/api/recipes?filters[cover][mime][$contains]=video", token: token)
            #expect(try none.json["data"]?.count == 0)

            let wrongType = try await client.send(.put, "/api/recipes/\(recipeId)", token: token, json: #"{"data":{"cover":2}}"#)
            #expect(wrongType.status == .badRequest)
            #expect(try wrongType.json["error"]?["message"]?.stringValue?.contains("accepts images") == true)
            let missing = try await client.send(.put, "/api/recipes/\(recipeId)", token: token, json: #"{"data":{"cover":999}}"#)
            #expect(missing.status == .badRequest)
            let array = try await client.send(.put, "/api/recipes/\(recipeId)", token: token, json: #"{"data":{"cover":[1]}}"#)
            #expect(array.status == .badRequest)
            let cleared = try await client.send(.put, "/api/recipes/\(recipeId)", token: token, json: #"{"data":{"cover":null}}"#)
            #expect(cleared.status == .ok)
        }
    }
}
