import Foundation
import Testing
@testable import QuireContent

@Suite struct UnifiedDiffTests {
    @Test func formatMatchesGitsForAOneLineChange() {
        let old = Array("a\nb\nc\nd\ne\nf\ng\nh\n".utf8), new = Array("a\nb\nc\nd\nE\nf\ng\nh\n".utf8)
        #expect(UnifiedDiff.make(old: old, new: new, oldPath: "x.yaml", newPath: "x.yaml") == """
            --- a/x.yaml
            +++ b/x.yaml
            @@ -2,7 +2,7 @@
             b
             c
             d
            -e
            +E
             f
             g
             h

            """)
        #expect(UnifiedDiff.make(old: old, new: old, oldPath: "x", newPath: "x") == "")
        #expect(UnifiedDiff.make(old: nil, new: Array("a\n".utf8), oldPath: "x", newPath: "x") == "--- /dev/null\n+++ b/x\n@@ -0,0 +1 @@\n+a\n")
        #expect(UnifiedDiff.make(old: Array("a".utf8), new: nil, oldPath: "x", newPath: "x")
            == "--- a/x\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n\\ No newline at end of file\n")
    }

    /// Random edits of random files: `patch` applied to the old file must give the new one.
    @Test func patchReproducesTheNewFile() throws {
        var generator = SystemRandomNumberGenerator()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quire-diff-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for _ in 0..<40 {
            let old = (0..<Int.random(in: 0...30, using: &generator)).map { _ in "line \(Int.random(in: 0...6, using: &generator))" }
            var new = old
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let position = Int.random(in: 0...new.count, using: &generator)
                if Bool.random(using: &generator), position < new.count { new.remove(at: position) } else { new.insert("new \(position)", at: position) }
            }
            let oldText = old.map { $0 + "\n" }.joined(), newText = new.map { $0 + "\n" }.joined()
            let diff = UnifiedDiff.make(old: Array(oldText.utf8), new: Array(newText.utf8), oldPath: "f", newPath: "f")
            guard oldText != newText else { continue }
            try oldText.write(toFile: folder + "/f", atomically: true, encoding: .utf8)
            try diff.write(toFile: folder + "/f.diff", atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["patch", "-s", "-F0", folder + "/f", folder + "/f.diff"]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "patch refused:\n\(diff)")
            #expect(try String(contentsOfFile: folder + "/f", encoding: .utf8) == newText, "\(diff)")
        }
    }
}
