import QuireGit

/// The commit of main a draft branch was made from, recorded as a `Quire-Base: <sha>` trailer
/// in every draft commit Quire writes. Publishing needs it to tell "main moved" from "the draft
/// changed"; recomputing it with `git_merge_base` degrades badly when many commits share one
/// timestamp, and a trailer travels with the branch (clones, pushes) where a side ref would not.
public enum DraftBase {
    public static let trailer = "Quire-Base"

    /// `subject`, then the trailer when the base is known.
    public static func message(_ subject: String, base: ObjectID?) -> String {
        guard let base else { return subject + "\n" }
        return "\(subject)\n\n\(trailer): \(base.hex)\n"
    }

    /// The base a commit message records, if it has the trailer.
    public static func parse(_ message: String) -> ObjectID? {
        let prefix = trailer + ": "
        for line in message.split(separator: "\n").reversed() where line.hasPrefix(prefix) {
            return ObjectID(hex: String(line.dropFirst(prefix.count).filter { $0 != " " && $0 != "\r" }))
        }
        return nil
    }
}
