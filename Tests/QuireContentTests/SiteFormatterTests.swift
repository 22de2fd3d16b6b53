import Foundation
import QuireContent
import Testing

@Suite struct SiteFormatterTests {
    static func site(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-format-\(UUID().uuidString)").path
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: false, encoding: .utf8)
        }
        return root
    }

    @Test func rewritesHandMadeFilesInQuiresFormAndLeavesBadOnesAlone() throws {
        let root = try Self.site([
            "schemas/post.yaml": """
                kind: collectionType
                info: { singularName: post, pluralName: posts }
                attributes:
                  title: { type: string }
                  tags: { type: relation, relation: manyToMany, target: tag }
                """,
            "schemas/tag.yaml": "kind: collectionType\ninfo: { singularName: tag, pluralName: tags }\nattributes:\n  name: { type: string }\n",
            "content/en/post/flow.yaml": "tags: [a, b]\ntitle: 'Hello'\n",
            "content/en/post/unknown.yaml": "title: x\nsurprise: 1\n",
            "content/en/post/canonical.yaml": "title: Done\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let check = try SiteFormatter.format(root: root, write: false)
        #expect(check.changed == ["content/en/post/flow.yaml"])
        #expect(check.skipped == ["content/en/post/unknown.yaml"])
        #expect(try String(contentsOfFile: root + "/content/en/post/flow.yaml", encoding: .utf8) == "tags: [a, b]\ntitle: 'Hello'\n")

        _ = try SiteFormatter.format(root: root, write: true)
        #expect(try String(contentsOfFile: root + "/content/en/post/flow.yaml", encoding: .utf8) == "title: Hello\ntags:\n- a\n- b\n")
        #expect(try String(contentsOfFile: root + "/content/en/post/unknown.yaml", encoding: .utf8) == "title: x\nsurprise: 1\n")
        #expect(try SiteFormatter.format(root: root, write: false).changed.isEmpty)
    }

    /// The bundled demo site is kept in Quire's own form, so API edits to it give minimal diffs.
    @Test func theDemoSiteIsFormatted() throws {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let outcome = try SiteFormatter.format(root: packageRoot, write: false)
        #expect(outcome.changed.isEmpty, "run: quire format --repo .")
        #expect(outcome.skipped.isEmpty)
    }
}
