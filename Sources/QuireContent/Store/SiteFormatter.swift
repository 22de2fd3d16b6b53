import Foundation
import QuireGit

/// Rewrites document files in a work tree the way Quire itself writes them (schema key order,
/// block lists, quoting only where needed), so that the first API write to a hand-made file
/// changes only what it means to change. Files with any problem, unknown keys included, are
/// left alone: rewriting them would drop what Quire does not understand.
public enum SiteFormatter {
    public struct Outcome: Sendable {
        /// Files whose text differs from Quire's form (rewritten unless checking).
        public var changed: [String] = []
        /// Files left alone because they have problems (see `quire validate`).
        public var skipped: [String] = []
    }

    public static func format(root: String, write: Bool) throws -> Outcome {
        let base = URL(fileURLWithPath: root)
        let schemaFiles = files(below: base, folder: SiteLayout.schemasFolder).filter(SiteLayout.isSchemaPath)
        let schema = SiteSchema.load(files: try schemaFiles.map { ($0, try bytes(base, $0)) })
        let configPath = base.appendingPathComponent(SiteLayout.configPath).path
        let config = SiteConfig.load(FileManager.default.contents(atPath: configPath).map(Array.init)).config
        let codec = DocumentCodec(schema: schema)
        var outcome = Outcome()
        for path in files(below: base, folder: SiteLayout.contentFolder) {
            guard let (key, format) = SiteLayout.documentKey(forPath: path),
                let type = schema.contentType(singular: key.type), config.locales.contains(key.locale)
            else { continue }
            let original = try bytes(base, path)
            let decoded = codec.decode(original, format: format, type: type, path: path)
            guard let fields = decoded.fields, decoded.problems.isEmpty else {
                outcome.skipped.append(path)
                continue
            }
            let canonical = codec.encode(fields, type: type, format: format)
            guard canonical != original else { continue }
            outcome.changed.append(path)
            if write { try AtomicFile.write(canonical, to: base.appendingPathComponent(path).path) }
        }
        return outcome
    }

    private static func bytes(_ base: URL, _ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: base.appendingPathComponent(path)))
    }

    /// Repository-relative paths of the regular files below `folder`, sorted.
    private static func files(below base: URL, folder: String) -> [String] {
        let start = base.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: start, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var paths: [String] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            paths.append(folder + "/" + url.path.dropFirst(start.path.count + 1))
        }
        return paths.sorted()
    }
}
