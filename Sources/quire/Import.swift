import ArgumentParser
import Foundation
import QuireContent
import QuireGit

extension Quire {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import documents from NDJSON or a folder of JSON files (a Strapi REST export), in batches of commits on main.",
            discussion: """
                NDJSON: one {"type", "locale", "documentId", "data"} object per line (locale and documentId optional).
                Folder: <type>/*.json or <locale>/<type>/*.json, each a Strapi REST page {"data": [...], "meta": ...},
                a single entry {"data": {...}}, an array of entries, or one document's fields (named by the file).
                Everything is validated first: any problem is printed with its line (or file) and nothing is written.
                """)

        @OptionGroup var options: RepositoryOptions

        @Argument(help: "An NDJSON file, or a folder of JSON files.")
        var input: String

        @Option(name: .long, help: "Documents per commit.")
        var batchSize: Int = 1000

        @Option(name: .long, help: "Commit author as \"Name <email>\" (default: user.name and user.email from the git config).")
        var author: String?

        @Flag(name: .long, help: "Replace documents that already exist instead of refusing the import.")
        var update = false

        func validate() throws {
            guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1") }
            if let author, ImportAuthor.parse(author) == nil {
                throw ValidationError("--author must look like \"Name <email>\"")
            }
        }

        func run() async throws {
            let repository = try Repository.open(at: options.repo)
            let signature: Signature
            if let author {
                signature = ImportAuthor.parse(author)!
            } else if let configured = try await repository.configuredSignature() {
                signature = configured
            } else {
                throw CommandFailure("no author: set user.name and user.email in the git config, or pass --author \"Name <email>\"")
            }
            let source = try ImportInput.at(input)
            let importer = BulkImport(store: SiteStore(repository: repository),
                                      options: .init(author: signature, batchSize: batchSize, update: update))
            let meter = ImportProgressMeter(isTerminal: isatty(STDERR_FILENO) == 1)
            let started = Date()
            do {
                let summary = try await importer.run(source) { meter.show($0) }
                meter.finish()
                let seconds = Date().timeIntervalSince(started)
                let rate = seconds > 0 ? Int(Double(summary.documents) / seconds) : summary.documents
                print("Imported \(summary.documents) documents in \(summary.commits) commits (\(String(format: "%.1f", seconds)) s, \(rate) documents/s); main is at \(summary.tip?.hex ?? "-").")
            } catch ImportFailure.invalid(let problems) {
                meter.finish()
                for problem in problems { print(problem) }
                print("\(problems.count) problem(s); nothing was imported.")
                throw ExitCode.failure
            } catch let failure as ImportFailure {
                meter.finish()
                throw CommandFailure(failure.description)
            }
        }
    }
}

enum ImportAuthor {
    /// `Name <email>` as git writes it; nil for anything else.
    static func parse(_ text: String) -> Signature? {
        guard let open = text.lastIndex(of: "<"), text.hasSuffix(">") else { return nil }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        let email = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        guard !name.isEmpty, !email.isEmpty, !email.contains("<"), !email.contains(">") else { return nil }
        return Signature(name: name, email: email, time: Int64(Date().timeIntervalSince1970))
    }
}
