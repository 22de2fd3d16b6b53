import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// `fields` (on lists, single documents, single types and write answers) and `_q`.
@Suite struct FieldsSearchTests {
    static func keys(_ value: Value?) -> [String] {
        if case .object(let object)? = value { return object.keys }
        return []
    }

    @Test func fieldsSelectScalarsAndAlwaysKeepIds() async throws {
        let site = try await QuerySite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let forms = ["fields=title", "fields[0]=title", "fields=title,views", "fields[0]=title&fields[1]=views", "fields=createdAt,locale"]
            let expected = [["title"], ["title"], ["title", "views"], ["title", "views"], ["createdAt", "locale"]]
            for (form, names) in zip(forms, expected) {
                let list = try await client.send(.get, "/api/articles?\(form)&filters[documentId]=crepes")
                #expect(Self.keys(try list.json["data"]?[0]) == ["id", "documentId"] + names, "\(form)")
            }
            let all = try await client.send(.get, "/api/articles/crepes?fields=*")
            #expect(Self.keys(try all.json["data"]).count == 16)
            #expect(Self.keys(try all.json["data"]).contains("secret") == false)

            let one = try await client.send(.get, "/api/articles/crepes?fields=views")
            #expect(try one.json["data"] == .object(["id": try one.json["data"]?["id"] ?? .null, "documentId": .string("crepes"), "views": .int(10)]))
            #expect(one.headers[.eTag]?.hasPrefix("W/") == true)

            let single = try await client.send(.get, "/api/homepage?fields=title", token: token)
            #expect(Self.keys(try single.json["data"]) == ["id", "documentId", "title"])

            let created = try await client.send(.post, "/api/articles?fields=title", token: token, json: #"{"data":{"title":"Fresh","views":1}}"#)
            #expect(created.status == .created)
            #expect(Self.keys(try created.json["data"]) == ["id", "documentId", "title"])
            let updated = try await client.send(.put, "/api/articles/crepes?fields=views&populate=author", token: token, json: #"{"data":{"views":12}}"#)
            #expect(Self.keys(try updated.json["data"]) == ["id", "documentId", "views", "author"])
            #expect(try updated.json["data"]?["views"] == .int(12))
            #expect(try updated.json["data"]?["author"]?["name"] == .string("Grace Hopper"))
        }
    }

    @Test func searchMatchesAPhraseInTextFields() async throws {
        let site = try await QuerySite.make()
        try await site.test { client async throws in
            #expect(try await client.ids("_q=biscotti") == ["biscotti"])
            #expect(try await client.ids("_q=école") == ["markets"])
            #expect(try await client.ids("_q=ON THE COAST") == ["crepes"])
            #expect(try await client.ids("_q=coast on") == [])
            #expect(try await client.ids("_q=example.com") == ["first-post"])
            #expect(try await client.ids("_q=review") == ["crepes"])
            #expect(try await client.ids("_q=9007199254740993") == ["first-post"])
            #expect(try await client.ids("_q=hunter2") == [], "passwords are not searched")
            #expect(try await client.ids("_q=hidden") == [], "private attributes are not searched")
            #expect(try await client.ids("_q=e&filters[views][$gte]=10&sort=views") == ["crepes", "biscotti", "wine"])
            #expect(try await client.ids("_q=").count == 5)
        }
    }
}
