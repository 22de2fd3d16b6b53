import Foundation
import Logging
import QuireContent
import QuireGit
import QuireIndex

extension Site {
    /// Runs in the write queue, so it never interleaves with a batch of API writes: reads the
    /// saved files, checks them with the same rules as a sync (a document must decode against
    /// its schema; schemas and quire.yaml must bring no new problem), then commits them on main
    /// with a compare-and-swap and reads the commit in like any other.
    func commitWorkTree(_ save: WorkTreeSave) async throws -> WorkTreeSaveOutcome {
        let repository = store.repository
        guard let workDirectory = repository.workDirectory, try await repository.isCheckedOut(SiteLayout.mainReference) else {
            throw WorkTreeSaveError.mainNotCheckedOut
        }
        for _ in 0..<4 {
            try await syncState()
            let paths = try await expandFolders(save.paths.filter(WatchedPath.isWatched))
            var changes: [String: ObjectID?] = [:]
            var created: Set<String> = []
            for path in paths {
                let committed = try await state.mainTree.asyncMap { try await repository.entry(atPath: path, inTree: $0)?.id } ?? nil
                if let bytes = Self.regularFileContents(workDirectory + "/" + path) {
                    let blob = try await repository.writeBlob(bytes)
                    if blob != committed { changes[path] = blob }
                    if committed == nil { created.insert(path) }
                } else if committed != nil {
                    changes[path] = .some(nil)
                }
            }
            guard !changes.isEmpty else { return .unchanged }
            let (problems, warnings) = try await check(changes)
            guard problems.isEmpty else { return .invalid(problems) }

            var author = save.author
            author.time = Int64(Date().timeIntervalSince1970)
            let message = CommitMessage.workTreeSave(changes, created: created)
            let commit = try await store.commits.onMain(mainHead, changes: changes, author: author, message: message).commit
            let (logger, staged) = (logger, changes)
            do {
                // The index first, as `git commit` does: once main moves, `git status` is already
                // clean. Should the ref update fail, the save merely shows as staged, which it is.
                try await repository.moveReferencesDurably(
                    [ReferenceMove(SiteLayout.mainReference, from: state.mainTip, to: commit, logMessage: "quire: saved in the work tree")],
                    beforeMoving: {
                        do {
                            try await repository.stageCommittedFiles(staged)
                        } catch {
                            logger.error("could not update the git index for \(message.prefix { $0 != "\n" }): \(error)")
                        }
                    })
            } catch GitError.referenceMoved {
                continue
            }
            try await syncState()
            // A save is a durable move of main like a batch's: the remote sync pushes it.
            afterDurableBatch?()
            return .committed(commit, message: message + "\n", warnings: warnings)
        }
        throw WorkTreeSaveError.busy
    }

    /// Folder markers (`content/en/article/2024/`) become the files main has below them.
    private func expandFolders(_ paths: [String]) async throws -> [String] {
        var files = Set(paths.filter { !$0.hasSuffix("/") })
        guard let mainTree = state.mainTree else { return files.sorted() }
        for folder in paths where folder.hasSuffix("/") {
            let entries = try await store.repository.blobs(inTree: mainTree, under: String(folder.dropLast()))
            files.formUnion(entries.map(\.path).filter(WatchedPath.isWatched))
        }
        return files.sorted()
    }

    /// Problems the change would bring in (refuse it) and those it keeps (warnings, such as unknown keys).
    private func check(_ changes: [String: ObjectID?]) async throws -> (problems: [Problem], warnings: [Problem]) {
        var definition = state.definition
        if changes.keys.contains(where: { SiteLayout.isSchemaPath($0) || $0 == SiteLayout.configPath }), let mainTree = state.mainTree {
            let candidate = try await store.readDefinition(tree: try await store.repository.buildTree(base: mainTree, changes: changes))
            let known = Set(definition.problems.map(\.description))
            let new = candidate.problems.filter { !known.contains($0.description) }
            if !new.isEmpty { return (new, []) }
            definition = candidate
        }
        var files: [DocumentFile] = []
        for (path, blob) in changes {
            guard let blob, let (key, format) = SiteLayout.documentKey(forPath: path) else { continue }
            files.append(DocumentFile(key: key, format: format, path: path, blob: blob))
        }
        var problems: [Problem] = []
        var warnings: [Problem] = []
        for document in try await store.loadDocuments(files, definition: definition) {
            if document.fields == nil { problems += document.problems } else { warnings += document.problems }
        }
        return (problems, warnings)
    }

    /// A folder, a socket or a file gone between the event and now is no content.
    private static func regularFileContents(_ path: String) -> [UInt8]? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
        return FileManager.default.contents(atPath: path).map { Array($0) }
    }
}
