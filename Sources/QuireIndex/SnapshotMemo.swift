import QuireContent
import Synchronization

/// Values a reader derives from one snapshot and wants to compute once, such as a dialect's
/// rendered answers. They live and die with the snapshot, so a write, which makes a new
/// snapshot, drops them without any invalidation to get wrong. One slot per value type.
///
/// A stored value must not hold the `SiteSnapshot` itself: the snapshot holds this memo, and
/// the cycle would keep every snapshot alive.
public final class SnapshotMemo: Sendable {
    private let slots: Mutex<[ObjectIdentifier: any Sendable]>

    init() {
        slots = Mutex([:])
    }

    private init(slots: [ObjectIdentifier: any Sendable]) {
        self.slots = Mutex(slots)
    }

    /// The value of type `T` for this snapshot, made on first use. Two racing first uses may
    /// both run `make`; the first stored wins, so every caller sees the same instance.
    public func value<T: Sendable>(_ type: T.Type, make: () -> T) -> T {
        let slot = ObjectIdentifier(type)
        if let found = slots.withLock({ $0[slot] }) as? T { return found }
        let made = make()
        return slots.withLock { slots in
            if let found = slots[slot] as? T { return found }
            slots[slot] = made
            return made
        }
    }

    /// The memo of the snapshot a write makes from this one: the values that can follow the
    /// write (`SnapshotCarried`) are carried over, the others start again.
    func carried(changed: Set<DocumentKey>) -> SnapshotMemo {
        carried { ($0 as? any SnapshotCarried)?.carried(changed: changed) }
    }

    /// A memo holding what `carry` makes of each of this one's values (nil: it starts again).
    func carried(_ carry: (any Sendable) -> (any Sendable)?) -> SnapshotMemo {
        SnapshotMemo(slots: slots.withLock { $0 }.compactMapValues(carry))
    }
}

/// A memo value that follows a write from the documents it changed, instead of being made
/// again from every document by the next reader. `carried` runs in the writer for every
/// write while the value is in use, so it must cost what changed (or defer that work to the
/// first reader of the new snapshot), never the site.
public protocol SnapshotCarried: Sendable {
    /// The value for a snapshot that differs from this one's only in the documents of
    /// `changed` (either view; a key may also be new or gone).
    func carried(changed: Set<DocumentKey>) -> Self
}
