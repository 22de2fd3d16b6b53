import Foundation
import Logging
import QuireContent
import QuireGit

/// The package's own `content/`, `schemas/` and `quire.yaml`, copied into a repository of their
/// own under `.quire/demo`, so that writes through the API never touch the package's history.
enum DemoSite {
    /// The package root, found from this source file's location at build time, or the current folder.
    static var packageRoot: URL {
        let fromSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: fromSource.appendingPathComponent("schemas").path) { return fromSource }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    static func prepare(logger: Logger) async throws -> String {
        let root = packageRoot
        let target = root.appendingPathComponent(".quire/demo")
        if FileManager.default.fileExists(atPath: target.appendingPathComponent(".git").path) { return target.path }
        var files: [(path: String, contents: [UInt8])] = []
        for folder in ["schemas", "content", "media"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                let relative = folder + "/" + url.path.dropFirst(base.path.count + 1)
                files.append((relative, Array(try Data(contentsOf: url))))
            }
        }
        files.append(("quire.yaml", Array(try Data(contentsOf: root.appendingPathComponent("quire.yaml")))))
        try await SiteCreator.create(at: target.path, files: files, author: SiteCreator.localAuthor(), message: "Demo site\n")
        logger.info("created the demo site in \(target.path)")
        return target.path
    }
}
