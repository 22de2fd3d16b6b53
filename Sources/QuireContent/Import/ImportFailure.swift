/// Why an import stopped. Nothing is written for `unreadable` and `invalid`; `mainMoved` stops
/// between batches, after the batches already committed (each one whole).
public enum ImportFailure: Error, Sendable, CustomStringConvertible {
    case unreadable(String)
    case invalid([ImportProblem])
    case siteInvalid([Problem])
    /// Another writer changed one of the next batch's files on main while the import ran.
    case mainMoved(path: String, committedDocuments: Int)

    public var description: String {
        switch self {
        case .unreadable(let reason): reason
        case .invalid(let problems): "\(problems.count) problem(s) in the input; nothing was imported"
        case .siteInvalid(let problems): "the site's schemas or quire.yaml have problems: \(problems.map(\.description).joined(separator: "; "))"
        case .mainMoved(let path, let count):
            "main changed \(path) while the import ran; stopped after \(count) documents (whole batches, committed). "
                + "Import the rest again once the other writer is done (or with --update)."
        }
    }
}
