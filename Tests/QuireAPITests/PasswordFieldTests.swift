import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Password attributes: written through either dialect they reach git as a bcrypt hash, are
/// never shown (not even inside components), and a plain value a human committed is reported.
@Suite struct PasswordFieldTests {
    static let files: [String: String] = [
        "schemas/components/shared/login.yaml": """
            info: { displayName: Login }
            attributes:
              user: { type: string }
              pin: { type: password, minLength: 4 }
            """,
        "schemas/account.yaml": """
            kind: collectionType
            info: { singularName: account, pluralName: accounts, displayName: Account }
            attributes:
              name: { type: string }
              secret: { type: password, minLength: 8 }
              login: { type: component, component: shared.login }
            """,
        "content/en/account/ada.yaml": "name: Ada\n",
    ]

    static func file(_ site: TestSite, _ path: String, ref: String = "main") throws -> String {
        try site.git("show", "\(ref):\(path)")
    }

    static func storedHash(_ text: String, key: String) -> String? {
        text.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\(key):") else { return nil }
            return trimmed.dropFirst(key.count + 1).trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
        }.first
    }

    @Test func strapiWritesStoreAHashAndNeverAnswerIt() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let created = try await client.send(.post, "/api/accounts", token: token,
                                                json: #"{"data":{"name":"Bob","secret":"hunter2hunter2","login":{"user":"bob","pin":"1234"}}}"#)
            #expect(created.status == .created, "\(created.text)")
            #expect(!created.text.contains("hunter2") && !created.text.contains("$2"), "\(created.text)")
            let id = try #require(try created.json["data"]?["documentId"]?.stringValue)
            let stored = try Self.file(site, "content/en/account/\(id).yaml")
            #expect(!stored.contains("hunter2"), "\(stored)")
            let hash = try #require(Self.storedHash(stored, key: "secret"))
            #expect(PasswordValues.isHash(hash), "\(stored)")
            #expect(await Passwords.verify("hunter2hunter2", hash: hash))
            let pin = try #require(Self.storedHash(stored, key: "pin"))
            #expect(await Passwords.verify("1234", hash: pin), "passwords inside components are hashed too")
            #expect(!(try site.git("log", "-p", "--all")).contains("hunter2"), "the plain value is in no commit")

            // Reading back, populated or not, shows neither the password nor its hash.
            for uri in ["/api/accounts/\(id)", "/api/accounts/\(id)?populate=*", "/api/accounts", "/api/v1/account/\(id)"] {
                let read = try await client.send(.get, uri, token: token)
                #expect(read.status == .ok, "\(uri): \(read.text)")
                #expect(!read.text.contains("secret") && !read.text.contains("$2") && !read.text.contains("pin"), "\(uri): \(read.text)")
            }

            // An update that leaves the password out keeps the stored hash as it is.
            let renamed = try await client.send(.put, "/api/accounts/\(id)", token: token, json: #"{"data":{"name":"Robert"}}"#)
            #expect(renamed.status == .ok, "\(renamed.text)")
            #expect(Self.storedHash(try Self.file(site, "content/en/account/\(id).yaml"), key: "secret") == hash)

            // The plain text's rules are checked before hashing, in Strapi's words.
            let short = try await client.send(.put, "/api/accounts/\(id)", token: token, json: #"{"data":{"secret":"short"}}"#)
            #expect(short.status == .badRequest)
            #expect(try short.json["error"]?["message"] == .string("secret must be at least 8 characters"), "\(short.text)")
        }
    }

    @Test func apostropheWritesStoreAHashAndNeverAnswerIt() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let patched = try await client.apos(.patch, "/api/v1/account/ada", token: token, json: #"{"secret":"open sesame"}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(!patched.text.contains("sesame") && !patched.text.contains("$2"), "\(patched.text)")
            let hash = try #require(Self.storedHash(try Self.file(site, "content/en/account/ada.yaml"), key: "secret"))
            #expect(await Passwords.verify("open sesame", hash: hash))

            // A whole-document PUT of what GET answered (no password in it) keeps the hash.
            let read = try await client.apos(.get, "/api/v1/account/ada", token: token)
            guard case .object(var document) = try read.json else { throw TestFailure("not an object: \(read.text)") }
            document["name"] = .string("Ada L.")
            let put = try await client.apos(.put, "/api/v1/account/ada", token: token, json: String(decoding: JSON.encode(.object(document)), as: UTF8.self))
            #expect(put.status == .ok, "\(put.text)")
            #expect(Self.storedHash(try Self.file(site, "content/en/account/ada.yaml"), key: "secret") == hash)

            let short = try await client.apos(.patch, "/api/v1/account/ada", token: token, json: #"{"secret":"short"}"#)
            try expectAposError(short, .badRequest, name: "invalid")
            #expect(!short.text.contains("short\""), "the refused value is not echoed")
        }
    }

    @Test func aPlainPasswordCommittedByHandIsReportedAndNeverShown() async throws {
        let site = try await TestSite.make(files: Self.files.merging(["content/en/account/eve.yaml": "name: Eve\nsecret: letmein99\n"]) { $1 })
        let token = site.fullToken
        try await site.test { client async throws in
            let health = try await client.send(.get, "/_health", token: token)
            let problems = try health.json["problems"]?.array ?? []
            #expect(problems.contains { $0["path"] == .string("content/en/account/eve.yaml")
                && $0["message"]?.stringValue?.contains("plain text") == true }, "\(health.text)")
            #expect(!health.text.contains("letmein"), "the report names the field, not the value")
            // Still served (one bad field does not take the document away), never shown.
            let read = try await client.send(.get, "/api/accounts/eve", token: token)
            #expect(read.status == .ok)
            #expect(!read.text.contains("letmein"))
        }
    }
}
