import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Apostrophe's `guest` role reads nothing until a type opts in (`options.guestApiAccess`, as
/// Apostrophe's option of that name) or quire.yaml grants `guest` something, in both dialects.
@Suite struct GuestAccessTests {
    static let pages: [String: String] = [
        "schemas/page.yaml": """
            kind: collectionType
            info: { singularName: page, pluralName: pages, displayName: Page }
            options: { pageTree: true }
            attributes:
              title: { type: string, required: true }
            """,
        "content/en/page/home.yaml": "title: Home\n",
        "schemas/notice.yaml": """
            kind: collectionType
            info: { singularName: notice, pluralName: notices, displayName: Notice }
            options: { guestApiAccess: true }
            attributes:
              text: { type: string }
            """,
        "content/en/notice/hello.yaml": "text: Hello guests\n",
    ]

    @Test func aGuestGetsNotFoundOnTypesThatDoNotOptIn() async throws {
        let site = try await AuthSite.make(files: Self.pages)
        try await site.addUser("gus", role: "guest")
        let key = try await site.token(name: "kiosk", access: .custom, role: "guest")
        try await site.test { client async throws in
            let token = try await client.apostropheLogin("gus")
            for uri in ["/api/v1/article", "/api/v1/article/first-post", "/api/v1/page", "/api/v1/@apostrophecms/page"] {
                let response = try await client.apos(.get, uri, token: token)
                try expectAposError(response, .notFound, name: "notfound")
                #expect(try await client.send(.get, uri, apiKey: key).status == .notFound, "\(uri) by API key")
            }
            // Strapi's routes refuse the same caller in Strapi's words.
            #expect(try await client.send(.get, "/api/articles", token: token).status == .forbidden)
            #expect(try await client.send(.get, "/api/articles/first-post?populate=author", token: token).status == .forbidden)

            // A type with `guestApiAccess` is readable, in both dialects, and still not writable.
            let notices = try await client.apos(.get, "/api/v1/notice", token: token)
            #expect(notices.status == .ok, "\(notices.text)")
            #expect(try notices.json["results"]?[0]?["text"] == .string("Hello guests"))
            #expect(try await client.send(.get, "/api/notices/hello", token: token).status == .ok)
            #expect(try await client.apos(.post, "/api/v1/notice", token: token, json: #"{"text":"x"}"#).status == .forbidden)
        }
    }

    @Test func aGuestGrantInQuireYAMLOpensExactlyWhatItLists() async throws {
        let config = """
            locales: [en, fr]
            defaultLocale: en
            permissions:
              guest:
                article: [find, findOne]
            """
        let site = try await AuthSite.make(files: Self.pages.merging(["quire.yaml": config]) { $1 })
        try await site.addUser("gus", role: "guest")
        try await site.test { client async throws in
            let token = try await client.apostropheLogin("gus")
            #expect(try await client.apos(.get, "/api/v1/article", token: token).status == .ok)
            #expect(try await client.send(.get, "/api/articles/first-post", token: token).status == .ok)
            // Declared roles are taken as written: the notice's opt-in is for the default guest.
            #expect(try await client.apos(.get, "/api/v1/notice", token: token).status == .notFound)
            #expect(try await client.apos(.get, "/api/v1/page", token: token).status == .notFound)
        }
    }
}
