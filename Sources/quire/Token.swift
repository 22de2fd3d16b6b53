import ArgumentParser
import QuireAPI
import Foundation
import QuireGit

extension Quire {
    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage API tokens.", subcommands: [Create.self])

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create an API token; prints it once, on the last line. Only its hash is stored.")

            @OptionGroup var options: RepositoryOptions

            @Option(help: "A name for the token: the author of the commits made with it.")
            var name: String

            @Option(help: "full-access or read-only.")
            var access: TokenStore.Access

            func validate() throws {
                guard name.range(of: #"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$"#, options: .regularExpression) != nil else {
                    throw ValidationError("a token name is 1 to 64 letters, digits, spaces, dots, dashes or underscores")
                }
            }

            func run() throws {
                let repository = try Repository.open(at: options.repo)
                let secret = try TokenStore(gitDirectory: repository.gitDirectory).create(name: name, access: access)
                print("Created \(access.rawValue) token '\(name)'. It is shown only once:")
                print(secret)
            }
        }
    }
}

extension TokenStore.Access: ExpressibleByArgument {}
