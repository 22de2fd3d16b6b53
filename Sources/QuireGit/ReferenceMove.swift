/// One compare-and-swap move of a ref, made by `Repository.moveReferencesDurably`.
public struct ReferenceMove: Sendable, Equatable {
    public var name: String
    /// Where the ref must point now for the move to happen (nil: it must not exist).
    public var expected: ObjectID?
    /// Where it points after (nil: deleted).
    public var new: ObjectID?
    public var logMessage: String
    /// Wait first while a git command holds the work tree's index (`yieldToAGitCommand`):
    /// for the branch checked out there, which a human's `git commit` is about to move.
    public var yieldsToAGitCommand: Bool

    public init(_ name: String, from expected: ObjectID?, to new: ObjectID?, logMessage: String, yieldsToAGitCommand: Bool = false) {
        self.name = name
        self.expected = expected
        self.new = new
        self.logMessage = logMessage
        self.yieldsToAGitCommand = yieldsToAGitCommand
    }
}

extension Repository {
    /// Objects first, then refs: one flush of every object written so far, then each move in
    /// order. A crash in between leaves unreferenced objects (harmless, `git gc` removes them),
    /// never a ref pointing at a missing object.
    ///
    /// A move that finds its ref elsewhere throws `GitError.referenceMoved` and the moves after
    /// it are not made, unless its ref is in `tolerated`: then it is left as it is, named in the
    /// result, and the rest go on. `beforeMoving` runs once the objects are durable, before the
    /// first ref moves (a save from the work tree updates git's index there, as `git commit` does).
    @discardableResult
    public func moveReferencesDurably(
        _ moves: [ReferenceMove], tolerated: Set<String> = [],
        beforeMoving: (@Sendable () async -> Void)? = nil
    ) async throws -> [String] {
        try makeObjectsDurable()
        await beforeMoving?()
        var lost: [String] = []
        for move in moves {
            do {
                switch (move.expected, move.new) {
                case (nil, nil):
                    continue
                case (let expected?, nil):
                    try deleteReference(move.name, expecting: expected)
                case (let expected, let new?):
                    if move.yieldsToAGitCommand { await yieldToAGitCommand() }
                    try updateReference(move.name, to: new, expecting: expected, logMessage: move.logMessage)
                }
            } catch GitError.referenceMoved(let name) where tolerated.contains(name) {
                lost.append(name)
            }
        }
        return lost
    }
}
