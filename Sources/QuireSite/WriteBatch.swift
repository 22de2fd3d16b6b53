import HashTreeCollections
import Logging
import QuireContent
import QuireGit
import QuireIndex

/// The ref moves and changed documents of one batch of writes, applied together once the
/// batch's objects are durable.
struct WriteBatch {
    struct Move {
        /// Where the ref pointed when the batch first touched it (nil: did not exist).
        var expected: ObjectID?
        /// Where it must point now (nil: delete it).
        var new: ObjectID?
    }

    var moves: [String: Move] = [:]
    var changed: Set<DocumentKey> = []
    /// Files this batch changed on main, for a work tree that has main checked out.
    var mainFiles: [String: [UInt8]?] = [:]
    /// Which writes (by position in the batch) depend on each ref's move.
    var writers: [String: [Int]] = [:]
    var current = 0

    mutating func move(_ reference: String, from old: ObjectID?, to new: ObjectID?) {
        writers[reference, default: []].append(current)
        if var move = moves[reference] {
            move.new = new
            moves[reference] = move
        } else {
            moves[reference] = Move(expected: old, new: new)
        }
    }
}

extension Site {
    /// Applies a batch of writes: one commit each, chained on the branch tips, then a single
    /// durability flush and a single compare-and-swap per ref for the whole batch. A write is
    /// acknowledged only after that. If main moved under us (a human commit, another server),
    /// the batch is rolled back, the change is read in, and the writes are applied again.
    func runBatch(_ writes: [(WriteRequest, CheckedContinuation<WriteResult, any Error>)]) async {
        for attempt in 0..<4 {
            var batch = WriteBatch()
            workTreeBase = state.mainTree
            // The state's maps are persistent, so these rollback points cost nothing to keep.
            let start = state
            var outcomes: [Result<(commit: ObjectID?, key: DocumentKey?), any Error>] = []
            for (index, (request, _)) in writes.enumerated() {
                batch.current = index
                let before = state
                let changedBefore = batch.changed
                do {
                    outcomes.append(.success(try await apply(request, to: &batch)))
                    uniqueIndex.refresh(batch.changed, state: state)
                } catch {
                    // A release may fail half way: undo what it did to the state and the index.
                    let touched = batch.changed
                    state = before
                    batch.changed = changedBefore
                    uniqueIndex.refresh(touched, state: state)
                    outcomes.append(.failure(error))
                }
            }
            var lostBranches: [String] = []
            let workTreeVersions = batch.mainFiles.mapValues { $0.map(ObjectID.blob(of:)) }
            await oweWorkTree(workTreeVersions)
            do {
                lostBranches = try await commitReferences(batch)
            } catch GitError.referenceMoved(let name) where name == SiteLayout.mainReference {
                logger.info("main moved during a write batch; catching up and retrying")
                await rollBack(to: start, batch: batch)
                // Moved, or locked by a git command this instant: give it a moment to finish.
                try? await Task.sleep(for: .milliseconds(10 * (attempt + 1)))
                continue
            } catch {
                logger.error("write batch failed: \(error)")
                await rollBack(to: start, batch: batch)
                for (_, continuation) in writes { continuation.resume(throwing: error) }
                return
            }
            for name in lostBranches {
                for index in batch.writers[name] ?? [] {
                    outcomes[index] = .failure(WriteError.conflict("the draft branch \(name) was moved by someone else"))
                }
            }
            if !batch.moves.isEmpty { afterDurableBatch?() }
            await updateWorkTree(batch.mainFiles, versions: workTreeVersions)
            let before = self.snapshot
            var snapshot = batch.changed.isEmpty ? snapshot : builder.update(snapshot, changed: batch.changed, state: state)
            publish(snapshot)
            if !lostBranches.isEmpty {
                try? await syncState()
                snapshot = self.snapshot
            }
            for ((request, continuation), outcome) in zip(writes, outcomes) {
                continuation.resume(with: outcome.map { applied in
                    WriteResult(version: version(of: applied.key, for: request, in: snapshot), commit: applied.commit)
                })
            }
            announce(batch.changed, from: before, to: snapshot)
            return
        }
        for (_, continuation) in writes {
            continuation.resume(throwing: WriteError.conflict("the branch kept moving; try again"))
        }
    }

    private func version(of key: DocumentKey?, for request: WriteRequest, in snapshot: SiteSnapshot) -> DocumentVersion? {
        guard let key, let type = snapshot.schema.contentType(singular: key.type) else { return nil }
        let view: View = type.draftAndPublish ? request.status : .published
        return snapshot.document(view: view, key: key)
    }

    /// Forgets a batch whose refs did not move (a race with a commit made elsewhere): back to the
    /// state before it, then caught up with whatever moved the refs, from tree diffs.
    private func rollBack(to start: SiteState, batch: WriteBatch) async {
        state = start
        uniqueIndex.refresh(batch.changed, state: state)
        do {
            try await syncState()
        } catch {
            logger.error("could not catch up after a failed batch: \(error)")
        }
    }

    /// Brings a checked-out main's files up to date with the batch, and its index now or soon
    /// (see `Site+WorkTreeIndex.swift`). The writes are committed already, so a failure here is
    /// logged, not returned.
    private func updateWorkTree(_ files: [String: [UInt8]?], versions: [String: ObjectID?]) async {
        guard !files.isEmpty else { return }
        do {
            let repository = store.repository
            guard try await repository.isCheckedOut(SiteLayout.mainReference) else { return }
            try await repository.writeWorkTreeFiles(files)
            noteWorkTreeWritten(versions)
            await stageWorkTree(files.keys)
        } catch {
            workTreeWriteFailed = true
            logger.error("could not update the work tree after a write: \(error)")
        }
    }

    /// Objects first, then main, then the draft branches (`moveReferencesDurably`). Returns the
    /// draft branches whose update lost a race (their writes must not be acknowledged).
    private func commitReferences(_ batch: WriteBatch) async throws -> [String] {
        guard !batch.moves.isEmpty else { return [] }
        let main = SiteLayout.mainReference
        let moves = batch.moves.sorted { lhs, _ in lhs.key == main }.map { name, move in
            ReferenceMove(name, from: move.expected, to: move.new, logMessage: "quire: write", yieldsToAGitCommand: name == main)
        }
        var lost: [String] = []
        for name in try await store.repository.moveReferencesDurably(moves, tolerated: Set(batch.moves.keys).subtracting([main])) {
            // Someone else moved this draft branch: keep their work and read it in again.
            logger.warning("draft branch \(name) moved concurrently; left as it is")
            if let key = SiteLayout.documentKey(forDraftReference: name) { state.draftTips[key] = nil }
            if batch.moves[name]?.new != nil { lost.append(name) }
        }
        return lost
    }
}
