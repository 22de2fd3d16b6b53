import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Strapi 5's relation write forms (shorthand, set, connect/disconnect with positions), as stored
/// in the document file, and component / dynamic-zone payloads checked against their schemas.
@Suite struct RelationWriteTests {
    static let tags = [
        "content/en/tag/a.yaml": "name: A\n", "content/en/tag/b.yaml": "name: B\n",
        "content/en/tag/c.yaml": "name: C\n", "content/en/tag/d.yaml": "name: D\n",
    ]

    func tags(_ site: TestSite) throws -> String {
        let file = try site.git("show", "main:content/en/article/first-post.yaml")
        guard let start = file.range(of: "tags:\n") else { return "" }
        return file[start.upperBound...].split(separator: "\n").prefix { $0.hasPrefix("- ") }.joined(separator: ",")
    }

    @Test func everyFormLandsInTheFileInOrder() async throws {
        let site = try await TestSite.make(files: Self.tags)
        let token = site.fullToken
        try await site.test { client async throws in
            func put(_ json: String) async throws -> HTTPResponse.Status {
                try await client.send(.put, "/api/articles/first-post", token: token, json: "{\"data\":{\"tags\":\(json)}}").status
            }
            #expect(try await put(#"["a","b"]"#) == .ok)
            #expect(try tags(site) == "- a,- b")
            #expect(try await put(#"{"connect":["c",{"documentId":"d","position":{"start":true}}]}"#) == .ok)
            #expect(try tags(site) == "- d,- a,- b,- c")
            #expect(try await put(#"{"connect":[{"documentId":"c","position":{"before":"a"}}],"disconnect":["b"]}"#) == .ok)
            #expect(try tags(site) == "- d,- c,- a")
            #expect(try await put(#"{"connect":[{"documentId":"b","position":{"after":"d"}}]}"#) == .ok)
            #expect(try tags(site) == "- d,- b,- c,- a")
            #expect(try await put(#"{"set":["a"]}"#) == .ok)
            #expect(try tags(site) == "- a")
            #expect(try await put(#"{"disconnect":["zzz"]}"#) == .ok, "disconnecting what is not connected is a no-op")
            #expect(try await put("null") == .ok)
            #expect(try tags(site) == "")
            // To-one shorthand and clearing.
            let author = try await client.send(.put, "/api/articles/first-post", token: token, json: #"{"data":{"author":null}}"#)
            #expect(author.status == .ok)
            #expect(try !site.git("show", "main:content/en/article/first-post.yaml").contains("author:"))
        }
    }

    @Test func badRelationPayloadsAre400AndWriteNothing() async throws {
        let site = try await TestSite.make(files: Self.tags)
        let token = site.fullToken
        let before = try await site.mainTip()
        try await site.test { client async throws in
            for json in [
                #"{"set":["a"],"connect":["b"]}"#, #"{"connect":["a","a"]}"#, #"{"connect":["missing"]}"#,
                #"{"connect":[{"documentId":"a","position":{"before":"nope"}}]}"#, #"{"push":["a"]}"#, "5",
            ] {
                let response = try await client.send(.put, "/api/articles/first-post", token: token, json: "{\"data\":{\"tags\":\(json)}}")
                #expect(response.status == .badRequest, "\(json)")
                #expect(try response.json["error"]?["name"] == .string("ValidationError"))
            }
            #expect(try await site.mainTip() == before)
        }
    }
}
