import ArgumentParser

@main
struct Quire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quire",
        abstract: "A git-backed, flat-file headless CMS that speaks Strapi's REST API.",
        subcommands: [Serve.self, Init.self, Validate.self, Token.self, User.self, Schema.self, Format.self, Doctor.self, Import.self, Media.self])
}

/// `--repo`, shared by every command that works on an existing site.
struct RepositoryOptions: ParsableArguments {
    @Option(name: .long, help: "The site's git repository (its work tree or git directory).")
    var repo: String = "."
}

/// A command that could not do what was asked: `Error: <reason>` and exit 1, without the usage
/// text that ArgumentParser adds to a `ValidationError` (the arguments were fine).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
