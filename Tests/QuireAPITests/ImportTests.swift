import Foundation
import QuireAPI
import QuireContent
import QuireGit
import Testing

/// `quire import` through its library entry point (`BulkImport`) on real repositories, and the
/// files it writes checked against what the API writes for the same payload.
@Suite struct ImportTests {
    static let author = Signature(name: "Importer", email: "import@example.com")

    static func importing(_ site: TestSite, ndjson: String, batchSize: Int = 1000, update: Bool = false) async throws -> BulkImport.Summary {
        let file = site.path + "/../" + UUID().uuidString + ".ndjson"
        try ndjson.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let importer = BulkImport(store: SiteStore(repository: site.repository),
                                  options: .init(author: author, batchSize: batchSize, update: update))
        return try await importer.run(.ndjson(path: file))
    }

    static func problems(_ body: () async throws -> Void) async -> [ImportProblem] {
        do {
            try await body()
            return []
        } catch ImportFailure.invalid(let problems) {
            return problems
        } catch {
            return [ImportProblem(.line(0), "unexpected \(error)")]
        }
    }

    @Test func importsNDJSONInBatchesWithRelationsToDocumentsOfTheSameImport() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let before = try #require(try await site.mainTip())
        let lines = [
            #"{"type":"author","documentId":"grace","data":{"name":"Grace Hopper"}}"#,
            #"{"type":"articles","locale":"fr","documentId":"bonjour","data":{"title":"Bonjour","slug":"bonjour","views":"7","author":"grace"}}"#,
            #"{"type":"article","locale":"en","data":{"title":"Generated id","author":{"documentId":"grace"},"tags":["travel"]}}"#,
            #"{"type":"author","data":{"name":"Linus"}}"#,
            #"{"type":"homepage","locale":"en","data":{"title":"Welcome"}}"#,
        ]
        let summary = try await Self.importing(site, ndjson: lines.joined(separator: "\n") + "\n", batchSize: 2)
        #expect(summary.documents == 5)
        #expect(summary.commits == 3)
        #expect(try site.git("rev-list", "--count", "\(before.hex)..main") == "3\n")
        #expect(try site.git("log", "-1", "--format=%an <%ae>%n%s", "main") == "Importer <import@example.com>\nImport 1 documents (batch 3 of 3)\n")
        #expect(try site.git("show", "main:content/fr/article/bonjour.yaml") == "title: Bonjour\nslug: bonjour\nviews: 7\nauthor: grace\n")
        #expect(try site.git("show", "main:content/en/author/grace.yaml") == "name: Grace Hopper\n")
        #expect(try site.git("show", "main:content/en/homepage/homepage.yaml") == "title: Welcome\n")
        let generated = try site.git("ls-tree", "--name-only", "main", "content/en/article/").split(separator: "\n")
        #expect(generated.count == 2)
        // The whole repository is sound and the work tree followed main.
        try site.git("fsck", "--strict")
        #expect(try site.git("status", "--porcelain") == "")
        // The running site picks the commits up like any external commit.
        try await site.site.sync()
        try await site.test { client in
            let response = try await client.send(.get, "/api/articles/bonjour?locale=fr&populate=author", token: site.fullToken)
            #expect(response.status == .ok)
            #expect(try response.json["data"]?["author"]?["name"]?.stringValue == "Grace Hopper")
        }
    }

    @Test func filesAreByteForByteWhatTheAPIWrites() async throws {
        let data = #"{"title":"Same bytes","slug":"same-bytes","body":"Line one\nline two: with colon","views":"12","category":"news","author":"ada","tags":["travel","no"]}"#
        let viaImport = try await TestSite.make()
        defer { viaImport.remove() }
        _ = try await Self.importing(viaImport, ndjson: #"{"type":"article","locale":"en","documentId":"imported","data":\#(data)}"# + "\n")
        let written = try viaImport.git("show", "main:content/en/article/imported.yaml")
        #expect(written.contains("Same bytes"))
        let viaAPI = try await TestSite.make()
        try await viaAPI.test { client in
            let response = try await client.send(.post, "/api/articles?status=published", token: viaAPI.fullToken, json: #"{"data":\#(data)}"#)
            #expect(response.status == .created)
            let apiId = try #require(try response.json["data"]?["documentId"]?.stringValue)
            #expect(try viaAPI.git("show", "main:content/en/article/\(apiId).yaml") == written)
        }
    }

    @Test func badLinesAreReportedWithTheirLineNumbersAndNothingIsCommitted() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let before = try await site.mainTip()
        let lines = [
            #"{"type":"author","documentId":"ok","data":{"name":"Fine"}}"#,
            #"{"type":"author","data":{"name": }"#,
            #"{"type":"robot","data":{"name":"R2"}}"#,
            #"{"type":"author","data":{}}"#,
            #"{"type":"author","data":{"name":"X","nickname":"Y"}}"#,
            #"{"type":"article","locale":"en","data":{"title":"Lost","author":"nobody"}}"#,
            #"{"type":"author","documentId":"ok","data":{"name":"Twice"}}"#,
            "",
            #"{"type":"article","locale":"de","data":{"title":"Sprache"}}"#,
            #"{"type":"author","documentId":"ada","data":{"name":"Exists"}}"#,
            #"{"type":"article","locale":"en","data":{"title":"T","views":-1,"secret":"hunter2"}}"#,
        ]
        let problems = await Self.problems {
            _ = try await Self.importing(site, ndjson: lines.joined(separator: "\n"))
        }
        let byLine = Dictionary(grouping: problems) { problem -> Int in
            if case .line(let number) = problem.origin { return number }
            return 0
        }
        #expect(Set(byLine.keys) == [2, 3, 4, 5, 6, 7, 9, 10, 11], "\(problems)")
        #expect(byLine[2]?.first?.message.hasPrefix("JSON syntax error") == true)
        #expect(byLine[3]?.first?.message.contains("no content type 'robot'") == true)
        #expect(byLine[4]?.first?.message == "name must be defined.")
        #expect(byLine[5]?.first?.message == "Invalid key nickname")
        #expect(byLine[6]?.first?.message.contains("no author with documentId 'nobody'") == true)
        #expect(byLine[7]?.first?.message.contains("imported twice (first at line 1)") == true)
        #expect(byLine[9]?.first?.message.contains("locale 'de'") == true)
        #expect(byLine[10]?.first?.message.contains("already exists (use --update") == true)
        #expect(byLine[11]?.count == 2)
        #expect(try await site.mainTip() == before)
        #expect(try site.git("count-objects", "-v").contains("packs: 0"))
    }

    @Test func updateReplacesExistingDocumentsAndUniqueValuesAreChecked() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let duplicate = await Self.problems {
            _ = try await Self.importing(site, ndjson: """
                {"type":"article","locale":"en","data":{"title":"A","slug":"first-post"}}
                {"type":"article","locale":"en","data":{"title":"B","slug":"b"}}
                {"type":"article","locale":"en","data":{"title":"C","slug":"b"}}
                """)
        }
        #expect(duplicate.map(\.origin) == [.line(1), .line(3)], "\(duplicate)")
        _ = try await Self.importing(site, ndjson: #"{"type":"author","documentId":"ada","data":{"name":"Ada King"}}"#, update: true)
        #expect(try site.git("show", "main:content/en/author/ada.yaml") == "name: Ada King\n")
    }

    @Test func aFolderOfStrapiRESTPagesImports() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let folder = site.path + "/../" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/fr/articles", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/authors", withIntermediateDirectories: true)
        try #"{"data":[{"id":7,"documentId":"turing","name":"Alan Turing","createdAt":"2024-01-01T00:00:00.000Z","updatedAt":"2024-01-01T00:00:00.000Z","publishedAt":"2024-01-01T00:00:00.000Z","locale":null}],"meta":{"pagination":{"page":1,"pageSize":100,"pageCount":1,"total":1}}}"#
            .write(toFile: folder + "/authors/page-1.json", atomically: true, encoding: .utf8)
        try #"{"data":[{"id":1,"documentId":"salut","title":"Salut","slug":"salut","locale":"fr","author":{"id":7,"documentId":"turing","name":"Alan Turing"},"tags":[]},{"id":2,"documentId":"encore","title":"Encore","locale":"fr"}],"meta":{"pagination":{"page":1,"pageSize":100,"pageCount":1,"total":2}}}"#
            .write(toFile: folder + "/fr/articles/page-1.json", atomically: true, encoding: .utf8)
        let importer = BulkImport(store: SiteStore(repository: site.repository), options: .init(author: Self.author))
        let summary = try await importer.run(.folder(path: folder))
        #expect(summary.documents == 3)
        #expect(try site.git("show", "main:content/fr/article/salut.yaml") == "title: Salut\nslug: salut\nauthor: turing\n")
        #expect(try site.git("show", "main:content/en/author/turing.yaml") == "name: Alan Turing\n")

        try #"{"data":[{"documentId":"bad","title":42}]}"#.write(toFile: folder + "/fr/articles/page-2.json", atomically: true, encoding: .utf8)
        let problems = await Self.problems { _ = try await importer.run(.folder(path: folder)) }
        #expect(problems.contains { $0.origin == .file("fr/articles/page-2.json", index: 0) && $0.message.contains("must be a `string` type") }, "\(problems)")
    }

    @Test func shardedTypesGetTheAPIsPaths() async throws {
        var files = TestSite.schemas
        files["schemas/note.yaml"] = """
            kind: collectionType
            info: { singularName: note, pluralName: notes, displayName: Note }
            options: { shard: 2 }
            attributes:
              text: { type: string }
            """
        let site = try await TestSite.make(exactly: files)
        defer { site.remove() }
        _ = try await Self.importing(site, ndjson: #"{"type":"note","documentId":"xyz123","data":{"text":"hi"}}"# + "\n")
        #expect(try site.git("show", "main:content/en/note/xy/xyz123.yaml") == "text: hi\n")
    }

    /// A human commit on main between two batches: the next batch is rebuilt on it, unless the
    /// human wrote one of that batch's files, which stops the import after its whole batches.
    @Test func anotherWriterOnMainIsBuiltUponOrStopsTheImport() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let path = site.path
        // Another writer of main (a script, another server): plumbing on its own index, so it
        // builds on main's tip and not on the work tree the import only updates at the end.
        @Sendable func humanCommits(_ file: String) {
            let script = """
                set -e; cd '\(path)'; export GIT_INDEX_FILE=.git/other-index
                git read-tree main
                blob=$(printf 'name: Human\\n' | git hash-object -w --stdin)
                git update-index --add --cacheinfo "100644,$blob,\(file)"
                commit=$(git -c user.name=Human -c user.email=h@example.com commit-tree "$(git write-tree)" -p main -m "Human edit")
                git update-ref refs/heads/main "$commit"
                """
            _ = try? TestSite.run(["sh", "-c", script])
        }
        let file = path + "/../" + UUID().uuidString + ".ndjson"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let importer = BulkImport(store: SiteStore(repository: site.repository), options: .init(author: Self.author, batchSize: 1))

        try (1...3).map { #"{"type":"author","documentId":"a\#($0)","data":{"name":"A\#($0)"}}"# }.joined(separator: "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let summary = try await importer.run(.ndjson(path: file)) { progress in
            if progress.phase == .committing, progress.done == 1 { humanCommits("content/en/tag/human.yaml") }
        }
        #expect(summary.commits == 3)
        #expect(try site.git("log", "-5", "--format=%s", "main") == """
            Import 1 documents (batch 3 of 3)
            Import 1 documents (batch 2 of 3)
            Human edit
            Import 1 documents (batch 1 of 3)
            Test site

            """)
        #expect(try site.git("show", "main:content/en/tag/human.yaml") == "name: Human\n")
        #expect(try site.git("show", "main:content/en/author/a1.yaml") == "name: A1\n")
        #expect(try site.git("show", "main:content/en/author/a3.yaml") == "name: A3\n")

        try (1...2).map { #"{"type":"author","documentId":"b\#($0)","data":{"name":"B\#($0)"}}"# }.joined(separator: "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        await #expect(throws: ImportFailure.self) {
            _ = try await importer.run(.ndjson(path: file)) { progress in
                if progress.phase == .committing, progress.done == 1 { humanCommits("content/en/author/b2.yaml") }
            }
        }
        #expect(try site.git("log", "-1", "--format=%s", "main") == "Human edit\n")
        #expect(try site.git("show", "main:content/en/author/b2.yaml") == "name: Human\n")
        #expect(try site.git("show", "main:content/en/author/b1.yaml") == "name: B1\n")
    }
}
