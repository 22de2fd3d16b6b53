import ArgumentParser
import Foundation
import Logging
import QuireAPI
import QuireGit
import QuireIndex
import QuireSite

extension Quire {
    struct Doctor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report the repository's health: refs, missing objects, lock files, packing, content problems.",
            discussion: "Exits 1 when something is broken (a missing object, a ref that leads nowhere, an old lock file).")

        @OptionGroup var options: RepositoryOptions

        @Flag(help: "Check every commit reachable from any ref, not only the tips (slow on big sites).")
        var full = false

        @Flag(help: "Pack every object into one pack now, as `git gc` would (unreachable objects are kept).")
        var repack = false

        func run() async throws {
            let repository = try Repository.open(at: options.repo)
            print("Repository \(repository.gitDirectory)")
            var findings = try await repository.checkHealth(fullHistory: full)
            if repack {
                let report = try ObjectPacker(gitDirectory: repository.gitDirectory).consolidate()
                findings.append(HealthFinding(.ok, "repack",
                    "\(report.packedObjects) object(s) in one pack; removed \(report.removedLooseObjects) loose object(s), \(report.removedPacks) pack(s)"))
            }
            findings.append(objectsFinding(ObjectStoreStats.read(gitDirectory: repository.gitDirectory)))
            do {
                findings += try await contentFindings(repository)
                findings += try await MediaFindings.report(repository)
            } catch {
                findings.append(HealthFinding(.failure, "content", "the site cannot be loaded: \(error)"))
            }
            for finding in findings { print(finding) }
            if findings.contains(where: { $0.level == .failure }) { throw ExitCode.failure }
        }

        private func objectsFinding(_ stats: ObjectStoreStats) -> HealthFinding {
            var text = "\(stats.looseObjects) loose (\(Self.size(stats.looseBytes))), \(stats.packs) pack(s) (\(Self.size(stats.packBytes)))"
            if stats.temporaryFiles > 0 { text += ", \(stats.temporaryFiles) temporary file(s) left by an interrupted write" }
            switch PackingPolicy().step(for: stats) {
            case nil: return HealthFinding(.ok, "objects", text)
            case .packLoose?, .consolidate?:
                return HealthFinding(.warning, "objects", text + "; a running server packs them, or run `quire doctor --repack`")
            }
        }

        private func contentFindings(_ repository: Repository) async throws -> [HealthFinding] {
            let quiet = Logger(label: "quire.doctor") { _ in SwiftLogNoOpLogHandler() }
            let site = try await Site.open(repository: repository, renderer: StrapiRenderer(), logger: quiet, progress: LoadProgressPrinter.forTerminal())
            let problems = site.snapshot.problems
            guard !problems.isEmpty else { return [HealthFinding(.ok, "content", "every schema and document is valid")] }
            // A bad file is served around, never fatal: a warning, with the details in `quire validate`.
            return [HealthFinding(.warning, "content", "\(problems.count) problem(s), skipped while serving; `quire validate` lists them")]
                + problems.prefix(5).map { HealthFinding(.warning, "content", "\($0)") }
        }

        static func size(_ bytes: Int64) -> String {
            bytes < 1 << 20 ? "\(bytes / 1024) KiB" : String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
        }
    }
}
