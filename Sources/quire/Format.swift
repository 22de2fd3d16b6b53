import ArgumentParser
import QuireContent

extension Quire {
    struct Format: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rewrite document files in the work tree the way Quire writes them (like gofmt), so API edits give small diffs.")

        @OptionGroup var options: RepositoryOptions

        @Flag(help: "Change nothing; list the files that are not in Quire's form and exit 1 if there are any.")
        var check = false

        func run() throws {
            let outcome = try SiteFormatter.format(root: options.repo, write: !check)
            for path in outcome.changed { print(check ? "would format \(path)" : "formatted \(path)") }
            for path in outcome.skipped { print("skipped \(path) (it has problems: see quire validate)") }
            if check, !outcome.changed.isEmpty { throw ExitCode.failure }
            if !check, !outcome.changed.isEmpty { print("Review with git diff, then commit.") }
        }
    }
}
