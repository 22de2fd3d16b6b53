import Synchronization

/// Values a reader derives from one snapshot and wants to compute once, such as a dialect's
/// rendered answers. They live and die with the snapshot, so a write, which makes a new
/// snapshot, drops them without any invalidation to get wrong. One slot per value type.
///
/// A stored value must not hold the `SiteSnapshot` itself: the snapshot holds this memo, and
/// the cycle would keep every snapshot alive.
public final class SnapshotMemo: Sendable {
    private let slots = Mutex<[ObjectIdentifier: any Sendable]>([:])

    init() {}

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
}
