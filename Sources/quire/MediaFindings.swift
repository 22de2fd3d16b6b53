import Foundation
import QuireContent
import QuireGit
import QuireIndex

/// `quire doctor`'s media lines (see `MediaHealth`).
enum MediaFindings {
    static func report(_ repository: Repository) async throws -> [HealthFinding] {
        let (config, _) = SiteConfig.load(try await quireYAML(repository))
        let health = try await MediaHealth.check(repository: repository, originals: config.media.originalStore(repository: repository))
        var findings: [HealthFinding] = []
        for record in health.missingOriginals {
            findings.append(HealthFinding(.failure, "media", "\(record.name) (id \(record.id)): its original \(MediaLayout.originalPath(sha256: record.sha256, ext: record.ext)) is missing"))
        }
        for path in health.strayOriginals {
            findings.append(HealthFinding(.warning, "media", "\(path) is named by no media file: delete it, or add its metadata"))
        }
        for problem in health.problems { findings.append(HealthFinding(.warning, "media", "\(problem)")) }
        if !health.unused.isEmpty {
            let names = health.unused.prefix(5).map { "\($0.name) (id \($0.id))" }.joined(separator: ", ")
            findings.append(HealthFinding(.warning, "media", "\(health.unused.count) file(s) used by no document: \(names)\(health.unused.count > 5 ? ", …" : "")"))
        }
        if findings.isEmpty { findings.append(HealthFinding(.ok, "media", "\(health.files) file(s), every original present")) }
        return findings
    }

    private static func quireYAML(_ repository: Repository) async throws -> [UInt8]? {
        guard let tip = try await repository.resolveReference(SiteLayout.mainReference) else { return nil }
        guard let entry = try await repository.entry(atPath: SiteLayout.configPath, inTree: try await repository.commit(tip).tree) else { return nil }
        return try await repository.readBlob(entry.id)
    }
}
