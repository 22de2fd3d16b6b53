import ArgumentParser
import Foundation
import Logging
import QuireAPI
import QuireContent
import QuireGit
import QuireIndex
import QuireSite

extension Quire {
    struct Media: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work on the media library.", subcommands: [Rescale.self])

        struct Rescale: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Make every size of every image again after `media:` in quire.yaml changed; records the new formats in one commit.")

            @OptionGroup var options: RepositoryOptions

            func run() async throws {
                let repository = try Repository.open(at: options.repo)
                let quiet = Logger(label: "quire.media") { _ in SwiftLogNoOpLogHandler() }
                let site = try await Site.open(repository: repository, renderer: StrapiRenderer(), logger: quiet)
                let config = site.snapshot.config.media
                let catalog = try await site.media.refresh()
                let store = config.originalStore(repository: repository)
                let cache = MediaCache(gitDirectory: repository.gitDirectory)
                var tree: ObjectID?
                if let commit = catalog.commit { tree = try await repository.commit(commit).tree }
                var changed: [MediaRecord] = []
                let records = catalog.all
                for (index, record) in records.enumerated() {
                    let path = MediaLayout.originalPath(sha256: record.sha256, ext: record.ext)
                    var found = try await store.read(path: path, tree: tree)
                    if found == nil { found = try await GitOriginals(repository: repository).read(path: path, tree: tree) }
                    guard let original = found else {
                        print("[\(index + 1)/\(records.count)] \(record.name): original missing, skipped")
                        continue
                    }
                    let rescaled = try await MediaWork.shared.run { () throws(VipsError) in
                        try MediaRescale.rescale(record, original: original, config: config, cache: cache)
                    }
                    if rescaled.formats != record.formats { changed.append(rescaled) }
                    print("[\(index + 1)/\(records.count)] \(record.name)\(rescaled.formats != record.formats ? ": new formats" : "")")
                }
                guard !changed.isEmpty else { return print("Every file's formats already match quire.yaml.") }
                let author = try await repository.configuredSignature() ?? Signature(name: "quire media rescale", email: "rescale@quire.invalid")
                let result = try await site.writeMedia(.rescale(changed), author: author)
                print("Recorded new formats of \(changed.count) file(s) in \(result.commit?.hex.prefix(12) ?? "no commit").")
            }
        }
    }
}
