import QuireGit

/// The words of the commits Quire makes, so that `git log` reads the same whichever route
/// (API, work tree save, release, sync) wrote them. Each is the message without its final
/// newline: `SiteCommits` adds it, and the `Quire-Base` trailer on draft branches.
public enum CommitMessage {
    /// A write on main: a new document, a changed one, or a draft published with the write.
    public static func write(_ key: DocumentKey, isNew: Bool, publishesDraft: Bool) -> String {
        "\(publishesDraft ? "Publish" : (isNew ? "Create" : "Update")) \(key)"
    }

    public static func publish(_ key: DocumentKey) -> String { "Publish \(key)" }
    public static func unpublish(_ key: DocumentKey) -> String { "Unpublish \(key)" }
    public static func delete(_ key: DocumentKey) -> String { "Delete \(key)" }

    /// On the draft branch an unpublish makes when the document had no draft.
    public static func keepAsDraft(_ key: DocumentKey) -> String { "Keep unpublished \(key) as a draft" }

    public static func draftWrite(_ key: DocumentKey, isNew: Bool) -> String {
        "\(isNew ? "Create draft of" : "Update draft of") \(key)"
    }

    public static func restore(_ key: DocumentKey, to commit: ObjectID) -> String {
        "Restore \(key) to \(commit.hex.prefix(12))"
    }

    /// Several drafts published in one merge: the caller's subject (or a count), then one line each.
    public static func release(_ subject: String?, published: [DocumentKey]) -> String {
        let subject = subject.flatMap { $0.isEmpty ? nil : $0 }
            ?? "Release \(published.count) document\(published.count == 1 ? "" : "s")"
        return "\(subject)\n\n" + published.map { "- Publish \($0)" }.joined(separator: "\n")
    }

    /// Files saved in a work tree that has main checked out (nil: deleted), worded like the
    /// API's commits ("Update article/x (en)"); a file that names no document by its path.
    public static func workTreeSave(_ changes: [String: ObjectID?], created: Set<String>) -> String {
        let lines = changes.keys.sorted().map { path -> String in
            let verb = changes[path]! == nil ? "Delete" : (created.contains(path) ? "Create" : "Update")
            if let (key, _) = SiteLayout.documentKey(forPath: path) { return "\(verb) \(key)" }
            return "\(verb) \(path)"
        }
        if lines.count == 1 { return lines[0] }
        return "Update \(lines.count) files\n\n" + lines.joined(separator: "\n")
    }

    /// A merge of the remote's line of a branch; `overridden`: files both sides changed, where
    /// the remote's value was kept.
    public static func remoteMerge(_ branch: String, overridden: [String]) -> String {
        var message = "Merge origin/\(branch) into \(branch)"
        guard !overridden.isEmpty else { return message }
        message += "\n\nBoth sides changed these; the remote's value was kept (ours is in the first parent):\n"
        message += overridden.map { "  \($0)" }.joined(separator: "\n")
        return message
    }

    public static func privateMerge(_ name: String) -> String { "Merge the remote's \(name)" }
}
