import Foundation
import HummingbirdTesting
import QuireAPI
import QuireContent
import Testing

/// Strapi's morph relations seen through the Apostrophe dialect: read as `…Ids` plus documents
/// that each carry their `type`, written as `[{_id, type}]` or unambiguous ids, never lost by a
/// write of another field.
@Suite struct AposMorphRelationTests {
    static func note(_ site: TestSite) throws -> String {
        try String(contentsOfFile: site.path + "/content/en/note/n1.yaml", encoding: .utf8)
    }

    static func types(_ value: Value?) -> [String] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap { $0["type"]?.stringValue }
    }

    @Test func readsShowEachDocumentWithItsType() async throws {
        let site = try await TestSite.make(files: MorphRelationTests.files)
        try await site.test { client async throws in
            let read = try await client.send(.get, "/api/v1/note/n1", token: site.fullToken)
            #expect(read.status == .ok, "\(read.text)")
            let note = try read.json
            #expect(note["aboutIds"] == .array([.string("ada"), .string("travel")]))
            #expect(Self.types(note["_about"]) == ["author", "tag"])
            #expect(note["_about"]?[0]?["title"] == .string("Ada Lovelace") && note["_about"]?[1]?["_id"] == .string("travel:en:published"))
            #expect(note["mainIds"] == .array([.string("travel")]) && Self.types(note["_main"]) == ["tag"])
            // The public may read tags, not authors: only the tag shows, in the list too (Strapi's populate does the same).
            let anonymous = try await client.send(.get, "/api/v1/note/n1")
            #expect(anonymous.status == .ok, "\(anonymous.text)")
            #expect(try anonymous.json["aboutIds"] == .array([.string("travel")]) && Self.types(try anonymous.json["_about"]) == ["tag"])
            let list = try await client.send(.get, "/api/v1/note")
            #expect(Self.types(try list.json["results"]?[0]?["_about"]) == ["tag"], "\(list.text)")
            #expect(Self.types(try await client.send(.get, "/api/v1/note", token: site.fullToken).json["results"]?[0]?["_about"]) == ["author", "tag"])
            // Not filterable, not a choice: a 400 naming the parameter, never an ignored filter.
            for bad in ["?_about=ada", "?about=ada", "?choices=_about", "?counts=about"] {
                let response = try await client.send(.get, "/api/v1/note" + bad, token: site.fullToken)
                #expect(response.status == .badRequest, "\(bad): \(response.text)")
            }
        }
    }

    @Test func writesKeepTypesAndResolveIds() async throws {
        let site = try await TestSite.make(files: MorphRelationTests.files)
        try await site.test { client async throws in
            let path = "/api/v1/note/n1"
            // Another field's write keeps the links (it used to store an empty list).
            let patched = try await client.send(.patch, path, token: site.fullToken, json: #"{"title":"Renamed"}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            let kept = try Self.note(site)
            #expect(kept.contains("__type: api::author.author"), "\(kept)")
            #expect(try Self.types(patched.json["_about"]) == ["author", "tag"])

            // A PUT of what GET answered keeps them too.
            guard case .object(var read) = try await client.send(.get, path, token: site.fullToken).json else { Issue.record("no object"); return }
            read["title"] = .string("Put back")
            let put = try await client.send(.put, path, token: site.fullToken, json: String(decoding: JSON.encode(.object(read)), as: UTF8.self))
            #expect(put.status == .ok, "\(put.text)")
            #expect(try put.json["aboutIds"] == .array([.string("ada"), .string("travel")]))

            // {_id, type}, and ids that name one document (across every type).
            let set = try await client.send(.patch, path, token: site.fullToken,
                json: #"{"_about":[{"_id":"first-post:en:draft","type":"article"},{"_id":"travel","type":"tag"}],"mainIds":["ada"]}"#)
            #expect(set.status == .ok, "\(set.text)")
            #expect(try Self.types(set.json["_about"]) == ["article", "tag"])
            #expect(try set.json["mainIds"] == .array([.string("ada")]) && Self.types(try set.json["_main"]) == ["author"])
            let file = try Self.note(site)
            #expect(file.contains("main:\n  __type: api::author.author\n  documentId: ada"), "\(file)")
            let pushed = try await client.send(.patch, path, token: site.fullToken,
                json: #"{"$push":{"_about":{"$each":[{"_id":"ada","type":"author"}],"$position":0}}}"#)
            #expect(try Self.types(pushed.json["_about"]) == ["author", "article", "tag"], "\(pushed.text)")
            let pulled = try await client.send(.patch, path, token: site.fullToken, json: #"{"$pullAllById":{"_about":["first-post"]}}"#)
            #expect(try Self.types(pulled.json["_about"]) == ["author", "tag"], "\(pulled.text)")
            // Unknown ids are dropped, as Apostrophe drops them.
            let dropped = try await client.send(.patch, path, token: site.fullToken, json: #"{"aboutIds":["nobody","travel"]}"#)
            #expect(try dropped.json["aboutIds"] == .array([.string("travel")]), "\(dropped.text)")
        }
    }

    @Test func ambiguousOrBadWritesAreRefused() async throws {
        // A tag named like the author: the id alone no longer says which.
        let site = try await TestSite.make(files: MorphRelationTests.files.merging(["content/en/tag/ada.yaml": "name: Ada tag\n"]) { $1 })
        try await site.test { client async throws in
            let path = "/api/v1/note/n1"
            let before = try Self.note(site)
            for bad in [#"{"aboutIds":["ada"]}"#, #"{"_about":["ada"]}"#, #"{"_about":[{"_id":"ada","type":"nope"}]}"#,
                        #"{"_about":[{"type":"tag"}]}"#, #"{"_about":7}"#, #"{"_main":[{"_id":"ada","type":"tag"},{"_id":"travel","type":"tag"}]}"#] {
                let response = try await client.send(.patch, path, token: site.fullToken, json: bad)
                #expect(response.status == .badRequest, "\(bad): \(response.text)")
                #expect(try response.json["name"] == .string("invalid"), "\(bad)")
            }
            let ambiguous = try await client.send(.patch, path, token: site.fullToken, json: #"{"aboutIds":["ada"]}"#)
            #expect(ambiguous.text.contains("several types (author, tag)"), "\(ambiguous.text)")
            #expect(try Self.note(site) == before)
            let typed = try await client.send(.patch, path, token: site.fullToken, json: #"{"_about":[{"_id":"ada","type":"tag"}]}"#)
            #expect(try typed.json["_about"]?[0]?["title"] == .string("Ada tag"), "\(typed.text)")
        }
    }
}
