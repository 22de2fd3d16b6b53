import ArgumentParser
import Foundation
import QuireContent

extension Quire {
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new site: a git repository with quire.yaml, example schemas and content.")

        @Argument(help: "The folder to create.")
        var directory: String

        func validate() throws {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
                let contents = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
                guard isDirectory.boolValue, contents.isEmpty else {
                    throw ValidationError("\(directory) already exists and is not an empty folder")
                }
            }
        }

        func run() async throws {
            let files = SiteScaffold.files.map { ($0.path, Array($0.contents.utf8)) }
            try await SiteCreator.create(at: directory, files: files, author: SiteCreator.localAuthor(), message: "Create site with quire init\n")
            print("Created a new site in \(directory). Next:")
            print("  quire token create --repo \(directory) --name me --access full-access")
            print("  quire serve --repo \(directory)")
        }
    }
}
