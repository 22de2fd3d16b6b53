import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// A query parameter Quire does not honour is a 400 that names it, never a 200 that ignores
/// it. Names neither system knows: Strapi (with `strictParams`, as new projects set it) refuses
/// them, Apostrophe's launderers ignore them, and Quire does the same as each.
@Suite struct UnhonouredParameterTests {
    @Test(arguments: [
        ("/api/articles?where[id]=1", "where"),
        ("/api/articles?count=true", "count"),
        ("/api/articles?publicationState=preview", "publicationState"),
        ("/api/articles?ordering=title", "ordering"),
        ("/api/articles/first-post?sort=title", "sort"),
        ("/api/articles/first-post?pagination[page]=2", "pagination"),
        ("/api/articles/first-post?filters[title]=x", "filters"),
        ("/api/homepage?_q=x", "_q"),
    ])
    func strapiRefusesAndNamesIt(uri: String, name: String) async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let response = try await client.send(.get, uri, token: token)
            #expect(response.status == .badRequest, "\(uri): \(response.text)")
            #expect(try response.json["error"]?["name"] == .string("ValidationError"))
            #expect(try response.json["error"]?["details"]?["key"] == .string(name), "\(uri): \(response.text)")
            #expect(try response.json["error"]?["message"]?.stringValue?.contains(name) == true)
        }
    }

    @Test func strapiWritesRefuseThemTooAndWriteNothing() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        let before = try await site.mainTip()
        try await site.test { client async throws in
            let put = try await client.send(.put, "/api/articles/first-post?publish=true", token: token, json: #"{"data":{"views":9}}"#)
            #expect(put.status == .badRequest)
            #expect(try put.json["error"]?["details"]?["key"] == .string("publish"))
            let delete = try await client.send(.delete, "/api/articles/first-post?cascade=1", token: token)
            #expect(delete.status == .badRequest)
            #expect(try await site.mainTip() == before)
        }
    }

    @Test func strapiTakesTopLevelPaginationAsStrapi5Does() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let paged = try await client.send(.get, "/api/tags?pageSize=1&page=2&sort=name", token: token)
            #expect(paged.status == .ok, "\(paged.text)")
            #expect(try paged.json["meta"]?["pagination"]?["page"] == .int(2))
            #expect(try paged.json["data"]?.count == 1)
            #expect(try await client.send(.get, "/api/tags?pageSize=1&pagination[page]=2", token: token).status == .badRequest)
        }
    }

    @Test(arguments: [
        ("/api/v1/article/first-post?count=1", "count"),
        ("/api/v1/article?count=yes", "count"),
        ("/api/v1/article?choices=nothing", "choices"),
        ("/api/v1/article?counts=secret", "counts"),
        ("/api/v1/article/first-post?choices=category", "choices"),
        ("/api/v1/article?withPublished=1", "withPublished"),
        ("/api/v1/article?dynamicChoices=category", "dynamicChoices"),
        ("/api/v1/article?page=two", "page"),
        ("/api/v1/article?perPage=lots", "perPage"),
        ("/api/v1/article?views=abc", "views"),
        ("/api/v1/article?category=gossip", "category"),
        ("/api/v1/article?sort[title]=up", "sort[title]"),
        ("/api/v1/article?sort[secret]=1", "sort[secret]"),
        ("/api/v1/article/first-post?render-areas=maybe", "render-areas"),
    ])
    func apostropheRefusesWhatItKnowsButQuireCannotApply(uri: String, name: String) async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let response = try await client.apos(.get, uri, token: token)
            try expectAposError(response, .badRequest, name: "invalid")
            #expect(try response.json["data"]?["param"] == .string(name), "\(uri): \(response.text)")
            let message = try response.json["message"]?.stringValue ?? ""
            #expect(message.contains(name), "\(uri): \(message)")
            #expect(!message.contains("invalidValue") && !message.contains("QueryError"), "no Swift in messages: \(message)")
        }
    }

    @Test func apostropheIgnoresNamesItDoesNotKnowAsApostropheDoes() async throws {
        let site = try await TestSite.make()
        let token = site.fullToken
        try await site.test { client async throws in
            let response = try await client.apos(.get, "/api/v1/article?utm_source=newsletter&aposRefresh=1", token: token)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.json["results"]?.count == 1)
            let any = try await client.apos(.get, "/api/v1/article?views[]=1&views[]=5", token: token)
            #expect(try any.json["results"]?.count == 1, "a number range is honoured")
        }
    }
}
