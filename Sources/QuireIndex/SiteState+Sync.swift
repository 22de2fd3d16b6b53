import HashTreeCollections
import Logging
import QuireContent
import QuireGit

/// What a sync found: the documents whose versions changed, and problems seen for the first time.
package struct SyncOutcome: Sendable {
    package var changed: Set<DocumentKey> = []
    package var reloaded = false
    package var newProblems: [Problem] = []
}

extension SiteState {
    /// Reads the site: from the saved index and the changes since when it applies, else the
    /// whole of main's tree, its history for timestamps, and every draft branch.
    package static func load(
        store: SiteStore, resuming: Bool = true, logger: Logger? = nil, progress: LoadProgress? = nil
    ) async throws -> (SiteState, [Problem]) {
        if resuming {
            do {
                if let resumed = try await resume(store: store) { return (resumed, resumed.problems) }
            } catch {
                logger?.warning("saved index not used (\(error)); reading every document")
            }
        }
        return try await loadEveryDocument(store: store, progress: progress)
    }

    /// The state as the saved index has it, brought up to date with main and the draft refs;
    /// nil when there is no saved index or main's history no longer contains its commit.
    static func resume(store: SiteStore) async throws -> SiteState? {
        let repository = store.repository
        guard let (saved, mark) = try await SavedState.read(gitDirectory: repository.gitDirectory) else { return nil }
        let tip = try await repository.resolveReference(SiteLayout.mainReference)
        guard let savedTip = saved.mainTip, let savedTree = saved.mainTree, let tip else {
            throw SavedIndexError(description: "the saved index or the repository has no main commit")
        }
        guard try await repository.commit(savedTip).tree == savedTree else {
            throw SavedIndexError(description: "the saved index names a tree its commit does not have")
        }
        if savedTip != tip, !(try await repository.isDescendant(tip, of: savedTip)) {
            throw SavedIndexError(description: "main no longer contains the saved index's commit")
        }
        // The definition as of the saved commit: a later change to it makes the sync reload.
        var state = SiteState(definition: try await store.readDefinition(tree: savedTree), mainTip: savedTip, mainTree: savedTree)
        state.published = saved.published
        state.drafts = saved.drafts
        state.draftTips = saved.draftTips
        state.badFiles = saved.badFiles
        state.savedFor = SavedPoint(state)
        state.savedMark = mark
        _ = try await state.sync(store: store)
        return state
    }

    /// Reads the whole site: main's tree, its history for timestamps, and every draft branch.
    static func loadEveryDocument(store: SiteStore, progress: LoadProgress? = nil) async throws -> (SiteState, [Problem]) {
        let repository = store.repository
        let mainTip = try await repository.resolveReference(SiteLayout.mainReference)
        let mainTree = try await mainTip.asyncMap { try await repository.commit($0).tree }
        let definition = try await mainTree.asyncMap { try await store.readDefinition(tree: $0) }
            ?? SiteDefinition(schema: SiteSchema.load(files: []), config: SiteConfig(), problems: [])
        var state = SiteState(definition: definition, mainTip: mainTip, mainTree: mainTree)
        if let mainTip, let mainTree {
            let cache = TimesCache.load(gitDirectory: repository.gitDirectory)
            let times = try await store.documentTimes(at: mainTip, cache: cache)
            if cache?.main == mainTip { state.timesCachedFor = mainTip }
            let (files, strays) = try await store.contentFiles(tree: mainTree)
            for problem in strays { state.badFiles[problem.path] = [problem] }
            for document in try await store.loadDocuments(files, definition: definition, progress: progress) {
                state.accept(document, times: times[document.key])
            }
        }
        _ = try await state.syncDrafts(store: store)
        return (state, state.problems)
    }

    /// Catches up with commits and branch moves made outside this server (a human's `git commit`,
    /// another server's push): the cost follows the change, not the size of the site.
    package mutating func sync(store: SiteStore) async throws -> SyncOutcome {
        let repository = store.repository
        let newTip = try await repository.resolveReference(SiteLayout.mainReference)
        var outcome = SyncOutcome()
        if newTip != mainTip, let newTip {
            let newTree = try await repository.commit(newTip).tree
            let changes = try await repository.diffTrees(from: mainTree, to: newTree)
            if changes.contains(where: { SiteLayout.isSchemaPath($0.path) || $0.path == SiteLayout.configPath }) {
                let (reloaded, problems) = try await SiteState.loadEveryDocument(store: store)
                self = reloaded
                return SyncOutcome(changed: [], reloaded: true, newProblems: problems)
            }
            let times = try await store.documentTimes(from: newTip, hiding: mainTip)
            var files: [DocumentFile] = []
            var shadowed: [String] = []
            for change in changes {
                guard let (key, format) = SiteLayout.documentKey(forPath: change.path) else {
                    if let problem = SiteLayout.strayProblem(forPath: change.path) {
                        badFiles[change.path] = change.new == nil ? nil : [problem]
                        if change.new != nil { outcome.newProblems.append(problem) }
                    }
                    continue
                }
                if let blob = change.new {
                    files.append(DocumentFile(key: key, format: format, path: change.path, blob: blob))
                } else {
                    // A bad file is never in `published`: its problem goes with it all the same.
                    badFiles[change.path] = nil
                    if published[key]?.path == change.path {
                        published[key] = nil
                        outcome.changed.insert(key)
                        shadowed += badFiles.filter { $0.value == [Self.duplicate($0.key, key: key, served: change.path)] }.keys
                    }
                }
            }
            // A second file for a deleted document's id, ignored until now, takes its place.
            for path in shadowed where !files.contains(where: { $0.path == path }) {
                guard let (key, format) = SiteLayout.documentKey(forPath: path),
                      let entry = try await repository.entry(atPath: path, inTree: newTree) else { continue }
                badFiles[path] = nil
                files.append(DocumentFile(key: key, format: format, path: path, blob: entry.id))
            }
            mainTip = newTip
            mainTree = newTree
            for document in try await store.loadDocuments(files, definition: definition) {
                if let problems = accept(document, times: times[document.key]) {
                    outcome.newProblems += problems
                }
                outcome.changed.insert(document.key)
            }
        }
        let drafts = try await syncDrafts(store: store)
        outcome.changed.formUnion(drafts.changed)
        outcome.newProblems += drafts.newProblems
        return outcome
    }

    /// Takes in a decoded file. A bad file is recorded and skipped, leaving the last good version
    /// in place; returns its problems when they are new.
    @discardableResult
    mutating func accept(_ document: LoadedDocument, times: DocumentTimes?) -> [Problem]? {
        guard let fields = document.fields else {
            let isNew = badFiles[document.path] != document.problems
            badFiles[document.path] = document.problems
            return isNew ? document.problems : nil
        }
        if let served = published[document.key]?.path, served != document.path {
            // Two files claim one documentId (`x.yaml` and `x.json`, or a copy in a sub-folder):
            // the first keeps serving, the other is reported instead of silently shadowing it.
            let problems = [Self.duplicate(document.path, key: document.key, served: served)]
            let isNew = badFiles[document.path] != problems
            badFiles[document.path] = problems
            return isNew ? problems : nil
        }
        badFiles[document.path] = document.problems.isEmpty ? nil : document.problems
        let previous = published[document.key]?.times
        let merged = DocumentTimes(
            created: previous?.created ?? times?.created ?? 0,
            updated: times?.updated ?? previous?.updated ?? 0)
        published[document.key] = PublishedEntry(path: document.path, blob: document.blob, fields: fields, times: merged)
        return nil
    }

    /// The problem of a file whose documentId another file, `served`, already holds.
    static func duplicate(_ path: String, key: DocumentKey, served: String) -> Problem {
        Problem(path: path, line: 0, message: "documentId '\(key.documentId)' is already in \(served); this file is ignored")
    }

    /// Re-reads the draft branches that appeared, moved or vanished since the last look.
    mutating func syncDrafts(store: SiteStore) async throws -> SyncOutcome {
        let repository = store.repository
        var outcome = SyncOutcome()
        var current: [DocumentKey: ObjectID] = [:]
        for (name, tip) in try await repository.references(withPrefix: SiteLayout.draftPrefix) {
            if let key = SiteLayout.documentKey(forDraftReference: name) { current[key] = tip }
        }
        for key in draftTips.keys where current[key] == nil {
            drafts[key] = nil
            draftTips[key] = nil
            forgetDraftProblems(key)
            outcome.changed.insert(key)
        }
        for (key, tip) in current where draftTips[key] != tip {
            outcome.changed.insert(key)
            drafts[key] = nil
            draftTips[key] = tip
            forgetDraftProblems(key)
            if let problems = try await loadDraft(key, tip: tip, store: store) { outcome.newProblems += problems }
        }
        return outcome
    }

    private mutating func forgetDraftProblems(_ key: DocumentKey) {
        let prefix = SiteLayout.draftReference(for: key).dropFirst("refs/heads/".count) + ":"
        badFiles = badFiles.filter { !$0.key.hasPrefix(prefix) }
    }

    private mutating func loadDraft(_ key: DocumentKey, tip: ObjectID, store: SiteStore) async throws -> [Problem]? {
        let repository = store.repository
        guard let type = definition.schema.contentType(singular: key.type) else { return nil }
        let tree = try await repository.commit(tip).tree
        var candidates = [SiteLayout.newDocumentPath(for: key, shard: type.shard), SiteLayout.newDocumentPath(for: key, shard: nil)]
        if let path = published[key]?.path { candidates.insert(path, at: 0) }
        var found: DocumentFile?
        for path in candidates {
            if let entry = try await repository.entry(atPath: path, inTree: tree), let format = DocumentFormat(path: path) {
                found = DocumentFile(key: key, format: format, path: path, blob: entry.id)
                break
            }
        }
        if found == nil {
            // A human may have put it in a sub-folder of their own.
            found = try await store.documentFiles(tree: tree, under: SiteLayout.folder(locale: key.locale, type: key.type))
                .first { $0.key == key }
        }
        guard let entry = found else { return nil }
        let document = try await store.loadDocuments([entry], definition: definition)[0]
        guard let fields = document.fields else {
            let branch = SiteLayout.draftReference(for: key).dropFirst("refs/heads/".count)
            let problems = document.problems.map { Problem(path: $0.path, line: $0.line, message: "\($0.message) (on branch \(branch))") }
            badFiles["\(branch):\(entry.path)"] = problems
            return problems
        }
        // Draft branches are short: their own commits give the times without walking main's history.
        let own = try await repository.commits(from: tip, hiding: mainTip)
        let updated = own.first?.committer.time ?? published[key]?.times.updated ?? 0
        let created = published[key]?.times.created ?? own.last?.committer.time ?? updated
        drafts[key] = DraftEntry(
            path: entry.path, blob: entry.blob, fields: fields, tip: tip, tree: tree,
            times: DocumentTimes(created: created, updated: updated), base: Self.base(ofDraft: own, tip: tip))
        return nil
    }
}

extension SiteState {
    /// The recorded base of a draft branch, given its own commits (newest first). A branch made
    /// by hand has no trailer: its fork point is the parent of its oldest own commit.
    static func base(ofDraft own: [CommitInfo], tip: ObjectID) -> ObjectID? {
        if let recorded = own.lazy.compactMap({ DraftBase.parse($0.message) }).first { return recorded }
        guard let oldest = own.last else { return tip }
        return oldest.parents.first
    }
}

extension Optional {
    package func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
