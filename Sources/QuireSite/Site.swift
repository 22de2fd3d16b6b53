import Foundation
import HashTreeCollections
import Logging
import QuireContent
import QuireGit
import QuireIndex
import Synchronization

/// The live site: owns the writable state, turns API writes into commits in batches (group
/// commit), follows changes made outside the server, and publishes immutable snapshots that
/// readers use without ever touching git.
public actor Site {
    public nonisolated let store: SiteStore
    /// The same repository through a second libgit2 handle, for reads of history and objects
    /// (diffs, past versions, the drafts list): objects never change once written, so these
    /// need not queue behind writes on the writer's actor.
    public nonisolated let reader: SiteStore
    let logger: Logger
    let builder: SnapshotBuilder
    private nonisolated let current: Mutex<SiteSnapshot>
    var state: SiteState
    private var queue: [Job] = []
    private var draining = false
    /// main's commit when the times cache was last written.
    private var timesSavedFor: ObjectID?
    /// What the saved index on disk reflects, and whether a save is under way.
    private var indexSavedFor: SavedPoint?
    /// Where the saved index's base file and journal stand, for the next save to append to.
    private var indexMark: SavedJournal.Mark?
    private var savingIndex = false
    /// main's tree as the current batch found it: what a checked-out work tree holds until the
    /// batch's files are written into it.
    var workTreeBase: ObjectID?
    /// Unique attribute values of the current state: see `UniqueIndex`.
    let uniqueIndex = UniqueIndex()
    /// Work-tree files written but not yet recorded in the git index: see `Site+WorkTreeIndex.swift`.
    var unstagedPaths: Set<String> = []
    /// A batch's files could not be written into the work tree: the next start mends them.
    var workTreeWriteFailed = false
    var stagingScheduled = false
    var stagingFailures = 0
    /// Entries in the git index when it was last written (0 until then).
    var indexEntries = 0
    var immediateStagingLimit = 20_000
    /// The version the server last wrote to each work-tree path not yet checked against the git
    /// index: see `Site+WorkTreeCheck.swift`.
    var workTreeWritten: [String: WrittenFile] = [:]
    /// Written paths not checked once yet: the record of owed files waits for them.
    var workTreeUnchecked: Set<String> = []
    var workTreeCheckScheduled = false
    var workTreeCheckDelay: Duration = .seconds(3)
    /// The record of owed files could not be paid at the start (a git command held the index):
    /// it stays until it is.
    var workTreeDebtUnpaid = false
    /// Called after each batch that moved a ref, once it is durable (the remote sync pushes then).
    var afterDurableBatch: (@Sendable () -> Void)?
    /// Listeners to document changes (webhooks): see `Site+Events.swift`.
    nonisolated let eventHub = EventHub()

    enum Job {
        case write(WriteRequest, CheckedContinuation<WriteResult, any Error>)
        case sync(CheckedContinuation<Void, any Error>)
        case exclusive(@Sendable (isolated Site) async -> Void)
        case save(WorkTreeSave, CheckedContinuation<WorkTreeSaveOutcome, any Error>)
    }

    /// Largest number of writes that share one durability flush and one ref update.
    static let maximumBatch = 256

    init(store: SiteStore, reader: SiteStore? = nil, state: SiteState, builder: SnapshotBuilder, logger: Logger) {
        self.store = store
        self.reader = reader ?? store
        self.state = state
        self.builder = builder
        self.logger = logger
        self.current = Mutex(builder.build(from: state))
        timesSavedFor = state.timesCachedFor
        indexSavedFor = state.savedFor
        indexMark = state.savedMark
        self.state.savedMark = nil
    }

    /// Loads the site from the repository's main branch and draft branches: from the saved
    /// index and what changed since when it applies, else by reading every document, telling
    /// `progress` how far it got.
    public static func open(
        repository: Repository, renderer: any DocumentRenderer, logger: Logger = Logger(label: "quire.site"),
        progress: LoadProgress? = nil
    ) async throws -> Site {
        let store = SiteStore(repository: repository)
        let (state, problems) = try await SiteState.load(store: store, logger: logger, progress: progress)
        for problem in problems {
            logger.warning("\(problem)")
        }
        let reader = SiteStore(repository: try Repository.open(at: repository.gitDirectory))
        let site = Site(store: store, reader: reader, state: state, builder: SnapshotBuilder(renderer: renderer), logger: logger)
        await site.payWorkTreeDebt()
        // A start that had to read every document saves the result, so the next one need not.
        await site.saveIndex()
        return site
    }

    /// Brings the saved index (see `SavedState`, `SavedJournal`) up to the state when it moved:
    /// a journal record of what changed, or now and then a whole new file. The state is a
    /// persistent value, so the copy taken here costs nothing and the work runs off the actor
    /// while writes go on.
    public func saveIndex() async {
        let point = SavedPoint(state)
        guard !savingIndex, point != indexSavedFor, state.mainTip != nil else { return }
        savingIndex = true
        defer { savingIndex = false }
        let captured = state
        let mark = indexMark
        let directory = store.repository.gitDirectory
        do {
            indexMark = try await Task.detached(priority: .utility) {
                try SavedJournal.save(captured, after: mark, gitDirectory: directory)
            }.value
            indexSavedFor = point
        } catch {
            logger.warning("could not save the index: \(error)")
        }
    }

    /// Records document times as of main's tip, so the next start walks only newer commits.
    public func saveTimesCache() async {
        guard let tip = state.mainTip, tip != timesSavedFor else { return }
        let published = state.published
        let directory = store.repository.gitDirectory
        do {
            try await Task.detached(priority: .utility) {
                var times: [DocumentKey: DocumentTimes] = [:]
                times.reserveCapacity(published.count)
                for (key, entry) in published { times[key] = entry.times }
                try TimesCache(main: tip, times: times).save(gitDirectory: directory)
            }.value
            timesSavedFor = tip
        } catch {
            logger.warning("could not save the times cache: \(error)")
        }
    }

    /// The latest snapshot; cheap enough to call once per request.
    public nonisolated var snapshot: SiteSnapshot {
        current.withLock { $0 }
    }

    func publish(_ snapshot: SiteSnapshot) {
        current.withLock { $0 = snapshot }
    }

    /// Applies one write and returns once its commit and ref update are durable.
    public func write(_ request: WriteRequest) async throws -> WriteResult {
        try await withCheckedThrowingContinuation { continuation in
            queue.append(.write(request, continuation))
            startDraining()
        }
    }

    /// Catches up with commits made outside this server. Returns once the new snapshot is published.
    public func sync() async throws {
        try await withCheckedThrowingContinuation { continuation in
            queue.append(.sync(continuation))
            startDraining()
        }
    }

    /// Runs `body` in the write queue: no batch runs meanwhile, so it may move refs and the state.
    func exclusively<T: Sendable>(_ body: @escaping @Sendable (isolated Site) async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.append(.exclusive { site in
                do { continuation.resume(returning: try await body(site)) } catch { continuation.resume(throwing: error) }
            })
            startDraining()
        }
    }

    /// Commits files a human saved in the work tree, if they are valid (see `Site+WorkTreeSave.swift`).
    public func save(_ save: WorkTreeSave) async throws -> WorkTreeSaveOutcome {
        try await withCheckedThrowingContinuation { continuation in
            queue.append(.save(save, continuation))
            startDraining()
        }
    }

    /// Polls the repository's refs (cheap: a few small file reads) and syncs when they moved.
    public nonisolated func watch(every interval: Duration = .milliseconds(250)) -> Task<Void, Never> {
        Task {
            var lastSave = ContinuousClock.now
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                do {
                    try await self.sync()
                } catch {
                    self.logger.error("sync failed: \(error)")
                }
                if ContinuousClock.now - lastSave > .seconds(30) {
                    // The saved index holds the times too; times.json is written at a stop.
                    await self.saveIndex()
                    lastSave = .now
                }
            }
        }
    }

    private func startDraining() {
        guard !draining else { return }
        draining = true
        Task { await self.drain() }
    }

    private func drain() async {
        while !queue.isEmpty {
            let jobs = queue
            queue = []
            var writes: [(WriteRequest, CheckedContinuation<WriteResult, any Error>)] = []
            var syncs: [CheckedContinuation<Void, any Error>] = []
            var exclusives: [@Sendable (isolated Site) async -> Void] = []
            var saves: [(WorkTreeSave, CheckedContinuation<WorkTreeSaveOutcome, any Error>)] = []
            for job in jobs {
                switch job {
                case .write(let request, let continuation): writes.append((request, continuation))
                case .sync(let continuation): syncs.append(continuation)
                case .exclusive(let body): exclusives.append(body)
                case .save(let save, let continuation): saves.append((save, continuation))
                }
            }
            for body in exclusives { await body(self) }
            if !syncs.isEmpty {
                do {
                    try await syncState()
                    syncs.forEach { $0.resume() }
                } catch {
                    syncs.forEach { $0.resume(throwing: error) }
                }
            }
            for (save, continuation) in saves {
                do { continuation.resume(returning: try await commitWorkTree(save)) } catch { continuation.resume(throwing: error) }
            }
            for start in stride(from: 0, to: writes.count, by: Self.maximumBatch) {
                await runBatch(Array(writes[start..<min(writes.count, start + Self.maximumBatch)]))
            }
        }
        draining = false
    }

    /// `announce`: send webhook events for what changed. Off for commits another server fetched
    /// in: that server announced its own writes, and every server repeating them would multiply
    /// each delivery by the number of servers.
    func syncState(announce announcing: Bool = true) async throws {
        let before = snapshot
        var working = state
        let outcome = try await working.sync(store: store)
        state = working
        if outcome.reloaded {
            uniqueIndex.reset()
        } else {
            uniqueIndex.refresh(outcome.changed, state: state)
        }
        for problem in outcome.newProblems {
            logger.warning("\(problem)")
        }
        if outcome.reloaded {
            publish(builder.build(from: state))
            logger.info("schemas or quire.yaml changed: site reloaded")
        } else if !outcome.changed.isEmpty {
            publish(builder.update(snapshot, changed: outcome.changed, state: state))
            logger.info("re-indexed \(outcome.changed.count) document(s) after external changes")
            if announcing { announce(outcome.changed, from: before, to: snapshot) }
        } else if before.mainTip != state.mainTip {
            // No served document changed (a README, a bad file removed), but the tip and the
            // problem list that reads and `/_health` report did.
            publish(builder.update(snapshot, changed: [], state: state))
        }
    }
}
