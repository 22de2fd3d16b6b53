import ArgumentParser
import Foundation
import QuireContent
import QuireGit

extension Quire {
    struct Schema: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a JSON Schema per content type, for editors that check YAML files as you type.")

        @OptionGroup var options: RepositoryOptions

        @Flag(name: .customLong("json-schema"), help: "Write JSON Schema (draft 2020-12) files describing the document files.")
        var jsonSchema = false

        @Option(help: "The folder to write <singularName>.schema.json files into.")
        var out: String = "json-schema"

        func validate() throws {
            guard jsonSchema else { throw ValidationError("choose what to write: --json-schema") }
        }

        func run() async throws {
            let repository = try Repository.open(at: options.repo)
            guard let tip = try await repository.resolveReference(SiteLayout.mainReference) else {
                throw ValidationError("\(options.repo) has no main branch yet")
            }
            let definition = try await SiteStore(repository: repository).readDefinition(tree: try await repository.commit(tip).tree)
            for problem in definition.schema.problems {
                print("warning: \(problem) (left out)")
            }
            let outURL = URL(fileURLWithPath: out).standardizedFileURL
            try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
            let files = DocumentFileSchema(schema: definition.schema).files()
            for file in files {
                try AtomicFile.write(file.bytes, to: outURL.appendingPathComponent(file.name).path)
            }
            print("Wrote \(files.count) JSON Schema file(s) for main's schemas to \(outURL.path)")
            printEditorSetup(files: files.map(\.name), out: outURL, workDirectory: repository.workDirectory)
        }

        /// How to point yaml-language-server (VS Code's YAML extension, Neovim, Zed, …) at the files.
        private func printEditorSetup(files: [String], out: URL, workDirectory: String?) {
            var folder = out.path
            var modelinePrefix = out.path + "/"
            if let workDirectory {
                let root = URL(fileURLWithPath: workDirectory).standardizedFileURL.path
                let rootSlash = root.hasSuffix("/") ? root : root + "/"
                if folder.hasPrefix(rootSlash) {
                    folder = String(folder.dropFirst(rootSlash.count))
                    // From content/<locale>/<type>/<documentId>.yaml up to the site's root.
                    modelinePrefix = "../../../" + folder + "/"
                }
            }
            print("\nEditor validation (yaml-language-server), in .vscode/settings.json:")
            print("  \"yaml.schemas\": {")
            for (index, file) in files.enumerated() {
                let type = file.replacingOccurrences(of: ".schema.json", with: "")
                let comma = index == files.count - 1 ? "" : ","
                print("    \"\(folder)/\(file)\": [\"content/*/\(type)/**/*.yaml\"]\(comma)")
            }
            print("  }")
            if let first = files.first {
                print("or a modeline on a file's first line (paths are relative to the file):")
                print("  # yaml-language-server: $schema=\(modelinePrefix)\(first)")
            }
        }
    }
}
