import ArgumentParser
import QuireAPI
import QuireGit
import Logging
import QuireIndex
import QuireSite

extension Quire {
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every schema and document (main and draft branches); print path:line: message per problem.")

        @OptionGroup var options: RepositoryOptions

        func run() async throws {
            let repository = try Repository.open(at: options.repo)
            let site = try await Site.open(
                repository: repository, renderer: StrapiRenderer(), logger: .init(label: "quire.validate") { _ in SwiftLogNoOpLogHandler() },
                progress: LoadProgressPrinter.forTerminal())
            let problems = site.snapshot.problems
            for problem in problems {
                print(problem)
            }
            if !problems.isEmpty {
                print("\(problems.count) problem(s)")
                throw ExitCode.failure
            }
            print("No problems found.")
        }
    }
}
