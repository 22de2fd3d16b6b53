import Foundation
import QuireGit

/// `quire import`: validates a whole input against the site's schemas, then commits it onto
/// main in batches. See README "Bulk import" for the input formats and the rules.
public struct BulkImport: Sendable {
    public struct Options: Sendable {
        /// Documents per commit.
        public var batchSize = 1000
        /// The commits' author and committer; the time is stamped per batch.
        public var author: Signature
        /// Replace documents that already exist (by type, locale and documentId) instead of refusing.
        public var update = false

        public init(author: Signature, batchSize: Int = 1000, update: Bool = false) {
            self.author = author
            self.batchSize = batchSize
            self.update = update
        }
    }

    public struct Progress: Sendable {
        public enum Phase: Sendable { case validating, committing, workTree }
        public var phase: Phase
        public var done: Int
        public var total: Int
    }

    public struct Summary: Sendable {
        public var documents: Int
        public var commits: Int
        public var tip: ObjectID?
    }

    public let store: SiteStore
    public let options: Options

    public init(store: SiteStore, options: Options) {
        self.store = store
        self.options = options
    }

    /// Throws `ImportFailure.invalid` with every problem (nothing written) when the input does
    /// not hold; otherwise commits it and returns what was written.
    public func run(_ input: ImportInput, progress: @escaping @Sendable (Progress) -> Void = { _ in }) async throws -> Summary {
        let repository = store.repository
        let tip = try await repository.resolveReference(SiteLayout.mainReference)
        guard let tip else { throw ImportFailure.unreadable("\(SiteLayout.mainReference) does not exist: create the site with `quire init` first") }
        let tree = try await repository.commit(tip).tree
        let definition = try await store.readDefinition(tree: tree)
        guard definition.problems.isEmpty else { throw ImportFailure.siteInvalid(definition.problems) }

        let files = try await store.documentFiles(tree: tree)
        var existingPaths: [DocumentKey: String] = [:]
        existingPaths.reserveCapacity(files.count)
        for file in files { existingPaths[file.key] = file.path }
        var existing = Set(existingPaths.keys)
        for name in try await repository.references(withPrefix: SiteLayout.draftPrefix).keys {
            if let key = SiteLayout.documentKey(forDraftReference: name) { existing.insert(key) }
        }

        let preparer = ImportPreparer(definition: definition, existingPaths: existingPaths)
        let (documents, readProblems) = try await Self.prepareAll(input, preparer: preparer, progress: progress)
        let uniques = try await existingUniques(for: documents, files: files, definition: definition)
        let problems = readProblems + ImportCheck(existing: existing, existingUniques: uniques, update: options.update).problems(documents)
        guard problems.isEmpty else { throw ImportFailure.invalid(problems) }

        let sorted = documents.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        var committer = ImportCommitter(repository: repository, options: options, tip: tip, tree: tree, total: sorted.count)
        try await committer.commit(sorted, progress: progress)
        // A human's checkout of main gets the new files, as if they had pulled: the server
        // refuses to write over a work tree file that differs from main.
        if try await repository.isCheckedOut(SiteLayout.mainReference) {
            progress(Progress(phase: .workTree, done: 0, total: sorted.count))
            try await repository.checkoutHead(from: tree)
            progress(Progress(phase: .workTree, done: sorted.count, total: sorted.count))
        }
        return Summary(documents: sorted.count, commits: committer.commits, tip: committer.tip)
    }

    /// Parses and prepares every unit on every core, keeping the input's order.
    static func prepareAll(
        _ input: ImportInput, preparer: ImportPreparer, progress: @Sendable (Progress) -> Void
    ) async throws -> ([PreparedDocument], [ImportProblem]) {
        let units = try ImportUnit.split(input)
        let total = units.reduce(0) { $0 + $1.itemCount }
        var results = [(documents: [PreparedDocument], problems: [ImportProblem])?](repeating: nil, count: units.count)
        var done = 0
        progress(Progress(phase: .validating, done: 0, total: total))
        await withTaskGroup(of: (Int, [PreparedDocument], [ImportProblem]).self) { group in
            var next = 0
            func start() {
                guard next < units.count else { return }
                let index = next
                next += 1
                group.addTask {
                    let (documents, problems) = units[index].prepare(with: preparer)
                    return (index, documents, problems)
                }
            }
            for _ in 0..<max(1, ProcessInfo.processInfo.activeProcessorCount) { start() }
            for await (index, documents, problems) in group {
                results[index] = (documents, problems)
                done += units[index].itemCount
                progress(Progress(phase: .validating, done: done, total: total))
                start()
            }
        }
        var documents: [PreparedDocument] = []
        documents.reserveCapacity(results.reduce(0) { $0 + ($1?.documents.count ?? 0) })
        var problems: [ImportProblem] = []
        for result in results {
            documents += result?.documents ?? []
            problems += result?.problems ?? []
        }
        return (documents, problems)
    }

    /// The unique values the site's documents hold, for the types (and locales) the import
    /// writes that have `uid` or `unique` attributes: only those files are read.
    private func existingUniques(
        for documents: [PreparedDocument], files: [DocumentFile], definition: SiteDefinition
    ) async throws -> [ImportCheck.UniqueSlot: DocumentKey] {
        var slots: Set<String> = []
        for document in documents where !document.uniques.isEmpty {
            slots.insert("\(document.key.locale)/\(document.key.type)")
        }
        let wanted = files.filter { slots.contains("\($0.key.locale)/\($0.key.type)") }
        guard !wanted.isEmpty else { return [:] }
        var result: [ImportCheck.UniqueSlot: DocumentKey] = [:]
        for loaded in try await store.loadDocuments(wanted, definition: definition) {
            guard let fields = loaded.fields, let type = definition.schema.contentType(singular: loaded.key.type) else { continue }
            for attribute in type.uniqueAttributes {
                guard let value = fields[attribute.name], value != .null else { continue }
                let slot = ImportCheck.UniqueSlot(locale: loaded.key.locale, type: loaded.key.type, attribute: attribute.name, value: value)
                result[slot] = loaded.key
            }
        }
        return result
    }
}
