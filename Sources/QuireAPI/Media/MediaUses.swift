import HashTreeCollections
import QuireContent
import QuireIndex
import Synchronization

/// Which documents use each media file, per snapshot: whether a published document does, the
/// types of the drafts that do, and the crops their image relationships ask for. Media
/// attributes count at the top level, inside components and dynamic zones, and as image and
/// file widgets of areas.
///
/// Made from every document once (the first file request after a start), then carried from
/// snapshot to snapshot: a write hands the new snapshot a value that remembers the old table
/// and the documents the write changed (`SnapshotCarried`, which costs the writer a set
/// union), and the first reader of the new snapshot takes those documents' old uses out and
/// their new ones in. A reader of a snapshot whose predecessor's table is still being made
/// waits for it rather than scanning the site a second time.
final class MediaUses: SnapshotCarried {
    struct Use: Sendable {
        var published = false
        var draftTypes: Set<String> = []
        var crops: Set<Vips.Crop> = []
    }

    private enum State {
        case built(MediaUsesTable)
        /// `base` is built or being built; nil: scan every document.
        case pending(base: MediaUses?, changed: Set<DocumentKey>)
        case building(base: MediaUses?, changed: Set<DocumentKey>)
    }

    private let state: Mutex<State>
    /// Held while the table is made, so racing readers make it once.
    private let making = Mutex<Void>(())

    private init(_ state: State) {
        self.state = Mutex(state)
    }

    static func of(_ snapshot: SiteSnapshot) -> MediaUses {
        snapshot.memo.value(MediaUses.self) { MediaUses(.pending(base: nil, changed: [])) }
    }

    func carried(changed: Set<DocumentKey>) -> MediaUses {
        switch state.withLock({ $0 }) {
        case .built, .building:
            MediaUses(.pending(base: self, changed: changed))
        case .pending(let base, let earlier):
            // Nobody read this snapshot's uses: the next one starts from the same base.
            MediaUses(.pending(base: base, changed: earlier.union(changed)))
        }
    }

    /// Whether this snapshot's table was carried from an earlier one rather than scanned.
    var wasCarried: Bool { carried.withLock { $0 } }
    private let carried = Mutex(false)

    func table(_ snapshot: SiteSnapshot) -> MediaUsesTable {
        if case .built(let table) = state.withLock({ $0 }) { return table }
        return making.withLock { _ in
            let (base, changed): (MediaUses?, Set<DocumentKey>)
            switch state.withLock({ $0 }) {
            case .built(let table): return table
            case .pending(let pendingBase, let pendingChanged), .building(let pendingBase, let pendingChanged):
                (base, changed) = (pendingBase, pendingChanged)
            }
            state.withLock { $0 = .building(base: base, changed: changed) }
            let table: MediaUsesTable
            if let baseTable = base?.finishedTable() {
                table = baseTable.applying(changed, snapshot: snapshot)
                carried.withLock { $0 = true }
            } else {
                table = MediaUsesTable.scan(snapshot)
            }
            state.withLock { $0 = .built(table) }
            return table
        }
    }

    /// The table once whoever makes it is done (the base of a carried value is never left
    /// pending), nil if it is not made.
    private func finishedTable() -> MediaUsesTable? {
        if case .built(let table) = state.withLock({ $0 }) { return table }
        return making.withLock { _ in
            if case .built(let table) = state.withLock({ $0 }) { return table }
            return nil
        }
    }

    func use(of documentId: String, snapshot: SiteSnapshot) -> Use? {
        guard let counts = table(snapshot).files[documentId] else { return nil }
        return Use(published: counts.published > 0, draftTypes: Set(counts.draftTypes.keys), crops: Set(counts.crops.keys))
    }

    /// A crop an image relationship of some document asks of the file.
    func asks(_ crop: Vips.Crop, of documentId: String, snapshot: SiteSnapshot) -> Bool {
        table(snapshot).files[documentId]?.crops[crop] != nil
    }

    /// A file used only by drafts is as private as those drafts: only a caller who may see a
    /// draft of one of their types may read it. Other files follow the `upload` permissions.
    func isDraftOnly(_ documentId: String, snapshot: SiteSnapshot) -> Bool {
        guard let counts = table(snapshot).files[documentId] else { return false }
        return counts.published == 0 && !counts.draftTypes.isEmpty
    }

    func mayRead(_ documentId: String, principal: Principal, authenticator: Authenticator, snapshot: SiteSnapshot) -> Bool {
        guard isDraftOnly(documentId, snapshot: snapshot), let use = use(of: documentId, snapshot: snapshot) else { return true }
        return use.draftTypes.contains { name in
            snapshot.schema.contentType(singular: name).map {
                authenticator.isAllowed(principal, action: .viewDraft, type: $0, config: snapshot.config)
            } ?? false
        }
    }

    /// The test `mayRead` makes, for filtering a list.
    static func readable(by principal: Principal, authenticator: Authenticator, snapshot: SiteSnapshot) -> (String) -> Bool {
        let uses = of(snapshot)
        return { id in uses.mayRead(id, principal: principal, authenticator: authenticator, snapshot: snapshot) }
    }
}
