import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

@Suite struct AposPatchTests {
    func items(_ doc: Value) -> [String] {
        doc["data"]?["items"]?.array.compactMap { $0["_id"]?.stringValue } ?? []
    }

    @Test func dotPathsAndReferencesById() async throws {
        let site = try await TestSite.make(files: aposNoteSchema)
        let token = site.fullToken
        try await site.test { client async throws in
            let patched = try await client.apos(
                .patch, "/api/v1/note/n1", token: token, json: #"{"title":"One","data.items.1.label":"Bee","@c.label":"Sea"}"#)
            #expect(patched.status == .ok)
            let doc = try patched.json
            #expect(doc["title"] == .string("One"))
            #expect(doc["data"]?["items"]?[1]?["label"] == .string("Bee"))
            #expect(doc["data"]?["items"]?[2]?["label"] == .string("Sea"))
            #expect(doc["tagsIds"] == .array(["travel", "food"]), "keys not in the patch stay")
            #expect(try site.git("log", "-1", "--format=%s", "main") == "Update note/n1 (en)\n")

            try expectAposError(
                try await client.apos(.patch, "/api/v1/note/n1", token: token, json: #"{"data.items.9.label":"x"}"#), .badRequest, name: "invalid")
            try expectAposError(
                try await client.apos(.patch, "/api/v1/note/n1", token: token, json: #"{"@nothing.label":"x"}"#), .badRequest, name: "invalid")
            try expectAposError(
                try await client.apos(.patch, "/api/v1/note/n1", token: token, json: #"{"toString.call":"x"}"#), .badRequest, name: "invalid")
            try expectAposError(try await client.apos(.patch, "/api/v1/note/none", token: token, json: #"{"title":"x"}"#), .notFound, name: "notfound")
        }
    }

    @Test func arrayOperators() async throws {
        let site = try await TestSite.make(files: aposNoteSchema)
        let token = site.fullToken
        try await site.test { client async throws in
            func patch(_ json: String) async throws -> Value {
                let response = try await client.apos(.patch, "/api/v1/note/n1", token: token, json: json)
                #expect(response.status == .ok, "\(json): \(response.text)")
                return try response.json
            }
            var doc = try await patch(#"{"$push":{"data.items":{"_id":"d","label":"D"}}}"#)
            #expect(items(doc) == ["a", "b", "c", "d"])
            doc = try await patch(#"{"$push":{"data.items":{"$each":[{"_id":"e"},{"_id":"f"}],"$position":1}}}"#)
            #expect(items(doc) == ["a", "e", "f", "b", "c", "d"])
            doc = try await patch(#"{"$push":{"data.items":{"$each":[{"_id":"g"}],"$before":"c"}}}"#)
            #expect(items(doc) == ["a", "e", "f", "b", "g", "c", "d"])
            doc = try await patch(#"{"$pullAllById":{"data.items":["e","f","g"]}}"#)
            #expect(items(doc) == ["a", "b", "c", "d"])
            doc = try await patch(#"{"$move":{"data.items":{"$item":"d","$before":"a"}}}"#)
            #expect(items(doc) == ["d", "a", "b", "c"])
            doc = try await patch(#"{"$move":{"data.items":{"$item":"d","$after":"c"}}}"#)
            #expect(items(doc) == ["a", "b", "c", "d"])
            doc = try await patch(#"{"$pullAll":{"data.items":[{"_id":"d","label":"D"}]}}"#)
            #expect(items(doc) == ["a", "b", "c"])

            doc = try await patch(#"{"$push":{"_tags":{"$each":["wine"],"$position":0}}}"#)
            #expect(doc["tagsIds"] == .array(["wine", "travel", "food"]))
            doc = try await patch(#"{"$pullAll":{"tagsIds":["travel"]}}"#)
            #expect(doc["tagsIds"] == .array(["wine", "food"]))
            doc = try await patch(#"{"$move":{"_tags":{"$item":"food","$before":"wine"}}}"#)
            #expect(doc["tagsIds"] == .array(["food", "wine"]))
            #expect(doc["_tags"]?[0]?["title"] == .string("Food"))
            doc = try await patch(#"{"_patches":[{"title":"A"},{"title":"B","$pullAllById":{"_tags":["wine"]}}]}"#)
            #expect(doc["title"] == .string("B"))
            #expect(doc["tagsIds"] == .array(["food"]))
            let file = try site.git("show", "main:content/en/note/n1.yaml")
            #expect(file.hasPrefix("title: B\ntags:\n- food\n"))
        }
    }

    @Test func concurrentPatchesAreAllKept() async throws {
        let site = try await TestSite.make(files: aposNoteSchema)
        let token = site.fullToken
        try await site.test { client async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        let response = try await client.apos(.patch, "/api/v1/note/n1", token: token, json: #"{"$push":{"data.items":{"_id":"p\#(index)"}}}"#)
                        #expect(response.status == .ok)
                    }
                }
                try await group.waitForAll()
            }
            let doc = try await client.apos(.get, "/api/v1/note/n1", token: token).json
            #expect(items(doc).count == 11, "no concurrent patch was lost")
        }
    }
}
