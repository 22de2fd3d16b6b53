import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

/// Apostrophe's parked pages on a site that has a page type and no page yet.
@Suite struct AposParkedPageTests {
    static let base = "/api/v1/@apostrophecms/page"
    static let files = ["schemas/page.yaml": aposPageFiles["schemas/page.yaml"]!]

    func pageFiles(_ site: TestSite, ref: String = "main") throws -> [String] {
        try site.git("ls-tree", "-r", "--name-only", ref).split(separator: "\n").map(String.init).filter { $0.hasPrefix("content/") && $0.contains("/page/") }
    }

    @Test func aFreshSiteAnswersTheHomePageAndTheArchiveWithoutWriting() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let tree = try await client.apos(.get, Self.base, token: token)
            #expect(tree.status == .ok, "\(tree.text)")
            let home = try tree.json
            #expect(home["_id"] == "home:en:published")
            #expect(home["slug"] == "/")
            #expect(home["title"] == "Home")
            #expect(home["type"] == "page")
            #expect(home["updatedAt"] == .null)
            #expect(home["_children"]?.array.isEmpty == true)
            let draft = try await client.apos(.get, "\(Self.base)?aposMode=draft", token: token)
            #expect(try draft.json["_children"]?.array.first?["type"] == "@apostrophecms/archive-page", "\(draft.text)")
            let byAlias = try await client.apos(.get, "\(Self.base)/_home?aposLocale=fr", token: token)
            #expect(try byAlias.json["_id"] == "home:fr:published", "\(byAlias.text)")
            let flat = try await client.apos(.get, "\(Self.base)?all=1&flat=1", token: token)
            #expect(try flat.json["results"]?.array.count == 1, "\(flat.text)")
            #expect(try pageFiles(site) == [], "a read writes nothing")
        }
    }

    @Test func theFirstPageInsertCommitsTheHomePageFirst() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let about = try await client.apos(.post, "\(Self.base)?aposMode=draft", token: token, json: #"{"type":"page","title":"About"}"#)
            #expect(about.status == .ok, "\(about.text)")
            #expect(try about.json["slug"] == "/about", "\(about.text)")
            #expect(try pageFiles(site) == ["content/en/page/home.yaml"], "home is parked live, the new page is a draft")
            #expect(try site.git("show", "main:content/en/page/home.yaml").contains("title: Home"))
            let id = try about.json["aposDocId"]?.stringValue ?? ""
            #expect(try site.git("show", "drafts/en/page/\(id):content/en/page/\(id).yaml").contains("parent: home"))
            let tree = try await client.apos(.get, "\(Self.base)?aposMode=draft", token: token)
            #expect(try tree.json["_children"]?.array.compactMap { $0["title"]?.stringValue } == ["About", "Archive"], "\(tree.text)")
        }
    }

    @Test func editingOrPublishingTheUnsavedHomePageSavesIt() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            let patched = try await client.apos(.patch, "\(Self.base)/_home?aposMode=draft", token: token, json: #"{"title":"Start"}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(try patched.json["title"] == "Start")
            #expect(try site.git("show", "drafts/en/page/home:content/en/page/home.yaml").contains("title: Start"))
            let published = try await client.apos(.post, "\(Self.base)/home:fr:draft/publish", token: token)
            #expect(published.status == .ok, "\(published.text)")
            #expect(try site.git("show", "main:content/fr/page/home.yaml").contains("title: Home"))
        }
    }

    @Test func pagesInsertedAtOnceShareOneHome() async throws {
        let site = try await TestSite.make(files: Self.files)
        let token = site.fullToken
        try await site.test { client async throws in
            async let a = client.apos(.post, Self.base, token: token, json: #"{"type":"page","title":"A"}"#)
            async let b = client.apos(.post, Self.base, token: token, json: #"{"type":"page","title":"B"}"#)
            let (first, second) = try await (a, b)
            #expect(first.status == .ok, "\(first.text)")
            #expect(second.status == .ok, "\(second.text)")
            let tree = try await client.apos(.get, Self.base, token: token)
            #expect(try tree.json["_id"] == "home:en:published")
            #expect(try Set(tree.json["_children"]?.array.compactMap { $0["title"]?.stringValue } ?? []) == ["A", "B"], "\(tree.text)")
        }
    }
}
